import { and, asc, count, eq, isNull, lte, ne } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../db/open';
import { apiTokens, sessions, users } from '../db/schema';
import { hashPassword, newSecret, sha256Hex, type ScryptCost } from '../auth/secrets';
import type { Role } from '../../shared/schemas/enums';
import type { Locale } from '../../shared/i18n/locale';

/** A staff account as the API shows it (never the password hash). */
export interface StaffUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  department: string;
  disabled: boolean;
  /** The first-start password is still in use: a console session may only change it. */
  mustChangePassword: boolean;
  /** Language of the e-mails sent to this person; null: the server's ECHOBOX_NOTIFY_LOCALE. */
  locale: Locale | null;
  createdAt: Date;
}

const publicColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  department: users.department,
  disabled: users.disabled,
  mustChangePassword: users.mustChangePassword,
  locale: users.locale,
  createdAt: users.createdAt,
};

/** Session lifetime: a working week, renewed on sign-in. */
const SESSION_MS = 7 * 24 * 3600 * 1000;

/** Create a staff account; the password is optional (token-only agents); `cost` defaults to PASSWORD_COST. */
export async function createUser(
  db: Db,
  input: { email: string; name: string; role: Role; department: string; password?: string; mustChangePassword?: boolean; locale?: Locale },
  cost?: ScryptCost,
): Promise<StaffUser> {
  const [row] = await db
    .insert(users)
    .values({
      id: uuidv7(),
      email: input.email.toLowerCase(),
      name: input.name,
      role: input.role,
      department: input.department,
      passwordHash: input.password ? await hashPassword(input.password, cost) : null,
      mustChangePassword: input.mustChangePassword ?? false,
      locale: input.locale ?? null,
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

/** Change role, department, name, password (and whether it must be changed at the next sign-in), e-mail language or disabled state. */
export async function updateUser(
  db: Db,
  id: string,
  patch: { name?: string; role?: Role; department?: string; disabled?: boolean; password?: string; mustChangePassword?: boolean; locale?: Locale },
  cost?: ScryptCost,
): Promise<StaffUser | undefined> {
  const { password, ...rest } = patch;
  const values: Partial<typeof users.$inferInsert> = { ...rest };
  if (password) values.passwordHash = await hashPassword(password, cost);
  if (Object.keys(values).length === 0) return findUser(db, id);
  const [row] = await db.update(users).set(values).where(eq(users.id, id)).returning(publicColumns);
  // A disabled account or a new password ends every open console session of that account.
  if (row && (patch.disabled || password)) await db.delete(sessions).where(eq(sessions.userId, id));
  return row as StaffUser | undefined;
}

/** An account by e-mail or id with its password hash, for checking a password; undefined when none. */
export async function userWithPassword(db: Db, idOrEmail: string): Promise<{ user: StaffUser; passwordHash: string | null } | undefined> {
  const where = idOrEmail.includes('@') ? eq(users.email, idOrEmail.toLowerCase()) : eq(users.id, idOrEmail);
  const [row] = await db.select({ user: publicColumns, passwordHash: users.passwordHash }).from(users).where(where);
  return row && { user: row.user as StaffUser, passwordHash: row.passwordHash };
}

/** Store a password hash made again at today's cost, unless the password changed meanwhile. */
export async function replacePasswordHash(db: Db, userId: string, previous: string, next: string): Promise<void> {
  await db.update(users).set({ passwordHash: next }).where(and(eq(users.id, userId), eq(users.passwordHash, previous)));
}

/**
 * Set a user's own new password: the first-start flag is cleared, every other console session of
 * theirs ends (`keepSession`, the cookie secret of the one that asked, stays) and, when asked, all
 * their API tokens are revoked.
 */
export async function changeOwnPassword(
  db: Db,
  userId: string,
  input: { passwordHash: string; keepSession?: string; revokeTokens: boolean; now: Date },
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash: input.passwordHash, mustChangePassword: false }).where(eq(users.id, userId));
    const keep = input.keepSession ? ne(sessions.id, sha256Hex(input.keepSession)) : undefined;
    await tx.delete(sessions).where(and(eq(sessions.userId, userId), keep));
    if (input.revokeTokens) {
      await tx.update(apiTokens).set({ revokedAt: input.now }).where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)));
    }
  });
}

/** Issue a personal API token, optionally expiring; the plain token is returned once and only its hash is stored. */
export async function createToken(
  db: Db,
  userId: string,
  name: string,
  expiresAt?: Date,
): Promise<{ id: string; token: string }> {
  const token = newSecret('ebx');
  const id = uuidv7();
  await db.insert(apiTokens).values({ id, userId, name, tokenHash: sha256Hex(token), expiresAt: expiresAt ?? null });
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
      expiresAt: apiTokens.expiresAt,
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

/**
 * The active user behind a bearer token, if the token is valid and not revoked; notes when it was
 * last used. `expired` when the token is right but past its expiry (so the caller can say so).
 */
export async function userByToken(db: Db, token: string, now: Date = new Date()): Promise<StaffUser | 'expired' | undefined> {
  const [row] = await db
    .select({ user: publicColumns, tokenId: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt, expiresAt: apiTokens.expiresAt })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, sha256Hex(token)), isNull(apiTokens.revokedAt), eq(users.disabled, false)));
  if (!row) return undefined;
  if (row.expiresAt && row.expiresAt.getTime() <= now.getTime()) return 'expired';
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
