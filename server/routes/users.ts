import { Hono } from 'hono';
import * as z from 'zod/mini';
import type { AppEnv } from '../context';
import type { Db } from '../db/open';
import { problem, fail } from '../errors';
import { validate } from '../middleware/validate';
import { staffAuth } from '../middleware/staff-auth';
import { requirePermission } from '../middleware/require-permission';
import { createToken, createUser, findUser, listTokens, listUsers, revokeToken, updateUser } from '../store/users';
import { Id } from '../../shared/schemas/common';
import { TokenCreate, UserCreate, UserUpdate } from '../../shared/schemas/staff';

const UserParam = z.object({ id: Id });
const UserTokenParam = z.object({ id: Id, tokenId: Id });
const TokenParam = z.object({ tokenId: Id });

/** PostgreSQL's unique_violation, wherever the driver or drizzle nested it. */
function isUniqueViolation(error: unknown): boolean {
  let e = error;
  for (let depth = 0; depth < 5 && e && typeof e === 'object'; depth++) {
    if ((e as { code?: unknown }).code === '23505') return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

const emailTaken = () => problem('conflict', { detail: 'A staff account with this e-mail address already exists.' });

/** Issue a token and answer with its metadata plus the plain token, the only time it is shown. */
async function issueToken(db: Db, userId: string, body: TokenCreate, now: Date) {
  const expiresAt = body.expiresAt === undefined ? undefined : new Date(body.expiresAt);
  if (expiresAt && expiresAt.getTime() <= now.getTime()) {
    throw fail.validation([{ path: ['expiresAt'], code: 'too_small', message: 'The expiry must be in the future.' }]);
  }
  const { id, token } = await createToken(db, userId, body.name, expiresAt);
  const info = (await listTokens(db, userId)).find((t) => t.id === id);
  if (!info) throw new Error('issued token not found');
  return { ...info, token };
}

/** Revoke `tokenId` if it belongs to `userId`; revoking twice is fine, someone else's token is not found. */
async function revokeOwnedToken(db: Db, userId: string, tokenId: string, now: Date): Promise<void> {
  const owned = (await listTokens(db, userId)).some((t) => t.id === tokenId);
  if (!owned) throw fail.notFound('The token');
  await revokeToken(db, tokenId, now);
}

/** Staff accounts and their API tokens (admins only, `user.manage`). Mounted at /api/v1/users. */
export const users = new Hono<AppEnv>()
  .use(staffAuth(), requirePermission('user.manage'))
  .get('/', async (c) => c.json({ items: await listUsers(c.get('deps').db) }))
  .post('/', validate('json', UserCreate), async (c) => {
    const { db } = c.get('deps');
    const input = c.req.valid('json');
    if (await findUser(db, input.email)) throw emailTaken();
    try {
      return c.json(await createUser(db, input, c.get('deps').config.passwordCost), 201);
    } catch (error) {
      if (isUniqueViolation(error)) throw emailTaken();
      throw error;
    }
  })
  .get('/:id', validate('param', UserParam), async (c) => {
    const user = await findUser(c.get('deps').db, c.req.valid('param').id);
    if (!user) throw fail.notFound('The staff account');
    return c.json(user);
  })
  .patch('/:id', validate('param', UserParam), validate('json', UserUpdate), async (c) => {
    const { db } = c.get('deps');
    const { id } = c.req.valid('param');
    const patch = c.req.valid('json');
    // Keeps at least one admin able to sign in: nobody can lock themselves out through the API.
    if (id === c.get('actor').id && (patch.disabled === true || (patch.role && patch.role !== 'admin'))) {
      throw problem('conflict', { detail: 'You cannot disable your own account or remove your own admin role; ask another admin.' });
    }
    const user = await updateUser(db, id, patch, c.get('deps').config.passwordCost);
    if (!user) throw fail.notFound('The staff account');
    return c.json(user);
  })
  .get('/:id/tokens', validate('param', UserParam), async (c) => {
    const { db } = c.get('deps');
    const { id } = c.req.valid('param');
    if (!(await findUser(db, id))) throw fail.notFound('The staff account');
    return c.json({ items: await listTokens(db, id) });
  })
  .post('/:id/tokens', validate('param', UserParam), validate('json', TokenCreate), async (c) => {
    const { db, now } = c.get('deps');
    const { id } = c.req.valid('param');
    if (!(await findUser(db, id))) throw fail.notFound('The staff account');
    return c.json(await issueToken(db, id, c.req.valid('json'), now()), 201);
  })
  .delete('/:id/tokens/:tokenId', validate('param', UserTokenParam), async (c) => {
    const { db, now } = c.get('deps');
    const { id, tokenId } = c.req.valid('param');
    await revokeOwnedToken(db, id, tokenId, now());
    return c.body(null, 204);
  });

/**
 * The signed-in staff member's own API tokens, for any role (how the extension user gets one).
 * Mounted at /api/v1/me/tokens.
 */
export const myTokens = new Hono<AppEnv>()
  .use(staffAuth())
  .get('/', async (c) => c.json({ items: await listTokens(c.get('deps').db, c.get('actor').id) }))
  .post('/', validate('json', TokenCreate), async (c) =>
    c.json(await issueToken(c.get('deps').db, c.get('actor').id, c.req.valid('json'), c.get('deps').now()), 201),
  )
  .delete('/:tokenId', validate('param', TokenParam), async (c) => {
    const { db, now } = c.get('deps');
    await revokeOwnedToken(db, c.get('actor').id, c.req.valid('param').tokenId, now());
    return c.body(null, 204);
  });
