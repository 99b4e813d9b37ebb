import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context';
import { fail } from '../errors';
import { PERMISSIONS, can, type Permission } from '../../shared/domain/permissions';

/** Reject (403 forbidden) unless the signed-in actor's role holds `permission`. */
export function requirePermission(permission: Permission): MiddlewareHandler<AppEnv> {
  if (!(PERMISSIONS as readonly string[]).includes(permission)) {
    throw new Error(`requirePermission: unknown permission ${permission}`);
  }
  return async (c, next) => {
    const actor = c.get('actor');
    if (!actor) throw fail.unauthenticated();
    if (!can(actor.role, permission)) throw fail.forbidden(`The ${actor.role} role may not ${permission}.`);
    await next();
  };
}
