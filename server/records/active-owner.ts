import type { Db } from '../db/open';
import { problem } from '../errors';
import { findUser } from '../store/users';
import type { StaffRef } from '../../shared/schemas/common';

/** A staff member who can own records, or a field error at `path` naming the action's owner. */
export async function activeOwner(db: Db, id: string, path: string[]): Promise<StaffRef> {
  const user = await findUser(db, id);
  if (!user || user.disabled) {
    throw problem('validation_failed', {
      detail: 'The owner is not an active staff member.',
      errors: [{ path, code: 'not_found', message: 'Unknown owner.' }],
    });
  }
  return { id: user.id, name: user.name };
}
