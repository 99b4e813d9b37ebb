import { randomBytes } from 'node:crypto';
import type { Db } from './db/open';
import { countUsers, createToken, createUser } from './store/users';

/**
 * First start: when no staff account exists, create an admin and return its one-time credentials.
 * The printed password must be changed at its first console sign-in (password_change_required);
 * the printed token keeps working for the CLI and scripts.
 */
export async function ensureFirstAdmin(db: Db) {
  if ((await countUsers(db)) > 0) return undefined;
  const password = randomBytes(12).toString('base64url');
  const user = await createUser(db, {
    email: 'admin@localhost',
    name: 'Admin',
    role: 'admin',
    department: 'ADMIN',
    password,
    mustChangePassword: true,
  });
  const { token } = await createToken(db, user.id, 'first start');
  return { email: user.email, password, token };
}
