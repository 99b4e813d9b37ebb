import { and, asc, count, eq, isNull, lte } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../db/open';
import { apiTokens, sessions, users } from '../db/schema';
import { hashPassword, newSecret, sha256Hex, verifyPassword } from '../auth/secrets';
import type { Role } from '../../shared/schemas/enums';

/** A staff account as the API shows it (never the password hash). */
export interface StaffUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  department: string;
  disabled: boolean;
  createdAt: Date;
}

const publicColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  department: users.department,
  disabled: users.disabled,
  createdAt: users.createdAt,
};

/** Session lifetime: a working week, renewed on sign-in. */
const SESSION_MS = 7 * 24 * 3600 * 1000;

/** Create a staff account; the password is optional (token-only agents). */
export async function createUser(
  db: Db,
  input: { email: string; name: string; role: Role; department: string; password?: string },
): Promise<StaffUser> {
  const [row] = await db
    .insert(users)
    .values({
      id: uuidv7(),
      email: input.email.toLowerCase(),
      name: input.name,
      role: input.role,
      department: input.department,
      passwordHash: input.password ? await hashPassword(input.password) : null,
    })
    .returning(publicColumns);
  return row as StaffUser;
}

/** How many staff accounts exist (first start creates an admin when none). */
export async function countUsers(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users);
  return Number(row?.n ?? 0);
}

/** All staff accounts, oldest first. */
export async function listUsers(db: Db): Promise<StaffUser[]> {
  return (await db.select(publicColumns).from(users).orderBy(asc(users.createdAt))) as StaffUser[];
}

/** One account by id or e-mail. */
export async function findUser(db: Db, idOrEmail: string): Promise<StaffUser | undefined> {
  const where = idOrEmail.includes('@') ? eq(users.email, idOrEmail.toLowerCase()) : eq(users.id, idOrEmail);
  const [row] = await db.select(publicColumns).from(users).where(where);
  return row as StaffUser | undefined;
}

/** Change role, department, name, password or disabled state. */
export async function updateUser(
  db: Db,
  id: string,
  patch: { name?: string; role?: Role; department?: string; disabled?: boolean; password?: string },
): Promise<StaffUser | undefined> {
  const { password, ...rest } = patch;
  const values: Partial<typeof users.$inferInsert> = { ...rest };
  if (password) values.passwordHash = await hashPassword(password);
  if (Object.keys(values).length === 0) return findUser(db, id);
  const [row] = await db.update(users).set(values).where(eq(users.id, id)).returning(publicColumns);
  // A disabled account or a new password ends every open console session of that account.
  if (row && (patch.disabled || password)) await db.delete(sessions).where(eq(sessions.userId, id));
  return row as StaffUser | undefined;
}

/** Check e-mail and password; undefined when wrong or disabled. */
export async function verifyLogin(db: Db, email: string, password: string): Promise<StaffUser | undefined> {
  const [row] = await db.select().from(users).where(eq(users.email, email.toLowerCase()));
  if (!row || row.disabled || !row.passwordHash) return undefined;
  if (!(await verifyPassword(password, row.passwordHash))) return undefined;
  const { passwordHash: _omit, ...user } = row;
  return user as StaffUser;
}

/** Issue a personal API token; the plain token is returned once and only its hash is stored. */
export async function createToken(db: Db, userId: string, name: string): Promise<{ id: string; token: string }> {
  const token = newSecret('ebx');
  const id = uuidv7();
  await db.insert(apiTokens).values({ id, userId, name, tokenHash: sha256Hex(token) });
  return { id, token };
}

/** A user's tokens (metadata only). */
export async function listTokens(db: Db, userId: string) {
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(asc(apiTokens.createdAt));
}

/** Revoke a token by id; returns whether one was revoked. */
export async function revokeToken(db: Db, tokenId: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.id, tokenId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.length > 0;
}

/** How stale `lastUsedAt` may get: one write per token per interval, not one per request. */
const LAST_USED_RESOLUTION_MS = 60_000;

/** The active user behind a bearer token, if the token is valid and not revoked; notes when it was last used. */
export async function userByToken(db: Db, token: string, now: Date = new Date()): Promise<StaffUser | undefined> {
  const [row] = await db
    .select({ user: publicColumns, tokenId: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, sha256Hex(token)), isNull(apiTokens.revokedAt), eq(users.disabled, false)));
  if (!row) return undefined;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.tokenId));
  }
  return row.user as StaffUser;
}

/** Start a console session; returns the cookie secret and the CSRF token. Sessions that have expired are cleared. */
export async function createSession(db: Db, userId: string, now: Date) {
  const secret = newSecret('ebs', 32);
  const csrfToken = newSecret('csrf', 24);
  // Sign-ins are rare and the table small: clearing here keeps it from growing without a job.
  await db.delete(sessions).where(lte(sessions.expiresAt, now));
  await db.insert(sessions).values({
    id: sha256Hex(secret),
    userId,
    csrfToken,
    expiresAt: new Date(now.getTime() + SESSION_MS),
  });
  return { secret, csrfToken };
}

/** The user and CSRF token of a live session. */
export async function sessionBySecret(db: Db, secret: string, now: Date) {
  const [row] = await db
    .select({ user: publicColumns, csrfToken: sessions.csrfToken, expiresAt: sessions.expiresAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sha256Hex(secret)), eq(users.disabled, false)));
  if (!row || row.expiresAt.getTime() <= now.getTime()) return undefined;
  return { user: row.user as StaffUser, csrfToken: row.csrfToken };
}

/** End a session (sign out). */
export async function deleteSession(db: Db, secret: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sha256Hex(secret)));
}
