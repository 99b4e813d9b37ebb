import type { Role } from '../schemas/enums';
import { err, ok, type Result } from './result';

/** Who acts on a saved view. */
export interface ViewActor {
  id: string;
  role: Role;
}

/** What the rules need of a view. */
export interface ViewOwnership {
  ownerId: string;
  shared: boolean;
}

/** Whether `role` may create and edit shared views (reviewers and admins keep the team's views). */
export const maySharedViews = (role: Role): boolean => role === 'reviewer' || role === 'admin';

/**
 * Whether `actor` may see `view`: shared views are everyone's, personal ones their owner's. Another
 * person's personal view answers not_found, so its existence is not told.
 */
export function readView(actor: ViewActor, view: ViewOwnership): Result<true> {
  return view.shared || view.ownerId === actor.id ? ok(true) : err('not_found', 'The view was not found.');
}

/**
 * Whether `actor` may change (or delete) `view`, and make it `sharedAfter`: a personal view by its
 * owner; a shared one, and sharing at all, by reviewers and admins.
 */
export function editView(actor: ViewActor, view: ViewOwnership, sharedAfter = view.shared): Result<true> {
  const readable = readView(actor, view);
  if (!readable.ok) return readable;
  if ((view.shared || sharedAfter) && !maySharedViews(actor.role)) {
    return err('forbidden', 'Only reviewers and admins create or change shared views.', { path: ['shared'] });
  }
  return ok(true);
}
