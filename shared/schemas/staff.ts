import * as z from 'zod/mini';
import { Role } from './enums';
import { DepartmentCode, Id, IsoDateTime, Locale, ShortText, SiteKey } from './common';
import { storableString } from './storable';
import { rule } from './refinements';

/*
 * Bodies of the staff-facing identity routes: sign-in, staff accounts, personal API tokens and
 * widget site keys. Requests are strict objects so a misspelt field fails instead of being ignored.
 */

/** Shortest password a new or changed account may get. */
export const PASSWORD_MIN = 12;
/** Longest password accepted anywhere (bounds the cost of hashing). */
export const PASSWORD_MAX = 200;
/** Most origins one site key may allow. */
export const MAX_SITE_ORIGINS = 50;
/** Highest widget request rate a site key may be given, per minute. */
export const MAX_RATE_PER_MINUTE = 10_000;

/** A staff e-mail, trimmed and lowercased; intranet hosts without a dot (`admin@localhost`) are allowed. */
export const StaffEmail = storableString().check(
  z.trim(),
  z.maxLength(254),
  z.regex(/^[^\s@]+@[^\s@]+$/, { message: 'Expected an e-mail address' }),
  z.toLowerCase(),
);
export type StaffEmail = z.infer<typeof StaffEmail>;

/** A password being set: 12–200 characters, not trimmed (spaces are part of it). */
export const NewPassword = z.string().check(z.minLength(PASSWORD_MIN), z.maxLength(PASSWORD_MAX));
export type NewPassword = z.infer<typeof NewPassword>;

/** A name for a personal API token, such as "Chrome on laptop". */
export const TokenName = ShortText;

const hasChange = <T>() => rule<T>('empty_patch', [], (v) => Object.values(v).some((x) => x !== undefined));

const ORIGIN_SHAPE =
  /^(https:\/\/[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*|http:\/\/(localhost|127\.0\.0\.1|\[::1\]))(:[1-9]\d{0,4})?$/;

const isCanonicalOrigin = (value: string): boolean => {
  try {
    return new URL(value).origin === value;
  } catch {
    return false;
  }
};

/**
 * An exact web origin a widget may be embedded on, as browsers send it in the Origin header:
 * `https://host[:port]` in lowercase, no path, no default port; plain http only for localhost.
 */
export const SiteOrigin = z
  .string()
  .check(
    z.maxLength(300),
    z.regex(ORIGIN_SHAPE, { abort: true, message: 'Expected an origin: https://host[:port] (http only for localhost), no path' }),
    z.refine(isCanonicalOrigin, { message: 'Expected the origin exactly as browsers send it (no default port)' }),
  );
export type SiteOrigin = z.infer<typeof SiteOrigin>;

const Origins = z.array(SiteOrigin).check(z.minLength(1), z.maxLength(MAX_SITE_ORIGINS));

/** A query parameter name a site lets through in stored page URLs (`tab`, `utm_source`). */
export const QueryKey = z.string().check(z.regex(/^[A-Za-z0-9_.~[\]-]{1,64}$/, { message: 'Expected a query parameter name: letters, digits, _ . ~ - [ ]' }));
/**
 * Query keys kept in the page and referrer URLs of the site's submissions; every other key, and
 * the fragment, is dropped (shared/domain/page-privacy.ts). Empty by default.
 */
const QueryKeys = z.array(QueryKey).check(z.maxLength(20));
const RatePerMinute = z.int().check(z.gte(1), z.lte(MAX_RATE_PER_MINUTE));

/** `POST /api/v1/auth/login`. */
export const LoginRequest = z.strictObject({
  email: StaffEmail,
  password: z.string().check(z.minLength(1), z.maxLength(PASSWORD_MAX)),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

/** A staff account as the API shows it; never a password or its hash. */
export const StaffUserView = z.object({
  id: Id,
  email: StaffEmail,
  name: ShortText,
  role: Role,
  department: DepartmentCode,
  disabled: z.boolean(),
  /** The first-start password is unchanged: the console must ask for a new one before anything else. */
  mustChangePassword: z.boolean(),
  /** Language of the e-mails this person gets (daily digest, decisions); null: the server's default. */
  locale: z.optional(z.nullable(Locale)),
  createdAt: IsoDateTime,
});
export type StaffUserView = z.infer<typeof StaffUserView>;

/**
 * The company time zone (ECHOBOX_TIME_ZONE) deadlines are counted in: the console shows and reads
 * every date and time in it, whatever zone the browser is in (DOMAIN.md §11: "the end of the last
 * counted day in the company's time zone").
 */
const CompanyTimeZone = z.string().check(z.minLength(1), z.maxLength(64));

/** Answer of a sign-in: the console echoes `csrfToken` in `x-csrf-token` on every unsafe request. */
export const LoginResponse = z.object({ user: StaffUserView, csrfToken: z.string(), timeZone: CompanyTimeZone });
export type LoginResponse = z.infer<typeof LoginResponse>;

/** `GET /api/v1/auth/me`: `csrfToken` only when signed in with the session cookie. */
export const MeResponse = z.object({ user: StaffUserView, csrfToken: z.optional(z.string()), timeZone: CompanyTimeZone });
export type MeResponse = z.infer<typeof MeResponse>;

/**
 * `POST /api/v1/auth/password`: the signed-in user's own password. Every other console session of
 * theirs ends; `revokeTokens` also revokes all their API tokens.
 */
export const PasswordChange = z.strictObject({
  currentPassword: z.string().check(z.minLength(1), z.maxLength(PASSWORD_MAX)),
  newPassword: NewPassword,
  revokeTokens: z.optional(z.boolean()),
});
export type PasswordChange = z.infer<typeof PasswordChange>;

/** `POST /api/v1/users`; without a password the account signs in with API tokens only. */
export const UserCreate = z.strictObject({
  email: StaffEmail,
  name: ShortText,
  role: Role,
  department: DepartmentCode,
  password: z.optional(NewPassword),
  /** Language of the e-mails this person gets; absent: the server's ECHOBOX_NOTIFY_LOCALE. */
  locale: z.optional(Locale),
  /** The password is a first one an admin hands over: the console asks for a new one at the first sign-in. */
  mustChangePassword: z.optional(z.boolean()),
});
export type UserCreate = z.infer<typeof UserCreate>;

/** `PATCH /api/v1/users/:id`: at least one field. Disabling ends the account's sessions. */
export const UserUpdate = z
  .strictObject({
    name: z.optional(ShortText),
    role: z.optional(Role),
    department: z.optional(DepartmentCode),
    disabled: z.optional(z.boolean()),
    password: z.optional(NewPassword),
    locale: z.optional(Locale),
    /** As on create: a password set by an admin is to be changed at the next sign-in. */
    mustChangePassword: z.optional(z.boolean()),
  })
  .check(hasChange());
export type UserUpdate = z.infer<typeof UserUpdate>;

/** `GET /api/v1/users`. */
export const UserList = z.object({ items: z.array(StaffUserView) });
export type UserList = z.infer<typeof UserList>;

/** `POST /api/v1/users/:id/tokens` and `POST /api/v1/me/tokens`. */
export const TokenCreate = z.strictObject({
  name: TokenName,
  /** Optional expiry; after it the token is refused with 401 token_expired. */
  expiresAt: z.optional(IsoDateTime),
});
export type TokenCreate = z.infer<typeof TokenCreate>;

/** A personal API token's metadata; the secret itself is never shown again. */
export const TokenInfo = z.object({
  id: Id,
  name: ShortText,
  createdAt: IsoDateTime,
  lastUsedAt: z.nullable(IsoDateTime),
  revokedAt: z.nullable(IsoDateTime),
  expiresAt: z.nullable(IsoDateTime),
});
export type TokenInfo = z.infer<typeof TokenInfo>;

/** A token just issued: the only answer that carries the plain `token`. */
export const TokenCreated = z.object({ ...TokenInfo.shape, token: z.string() });
export type TokenCreated = z.infer<typeof TokenCreated>;

/** A user's tokens, oldest first, revoked ones included. */
export const TokenList = z.object({ items: z.array(TokenInfo) });
export type TokenList = z.infer<typeof TokenList>;

/** `POST /api/v1/site-keys`; the rate defaults to 30 requests a minute. */
export const SiteKeyCreate = z.strictObject({
  name: ShortText,
  department: DepartmentCode,
  allowedOrigins: Origins,
  allowedQueryKeys: z.optional(QueryKeys),
  ratePerMinute: z.optional(RatePerMinute),
});
export type SiteKeyCreate = z.infer<typeof SiteKeyCreate>;

/** `PATCH /api/v1/site-keys/:id`: at least one field; `allowedOrigins` and `allowedQueryKeys` replace the whole list. */
export const SiteKeyUpdate = z
  .strictObject({
    name: z.optional(ShortText),
    department: z.optional(DepartmentCode),
    allowedOrigins: z.optional(Origins),
    allowedQueryKeys: z.optional(QueryKeys),
    ratePerMinute: z.optional(RatePerMinute),
    active: z.optional(z.boolean()),
  })
  .check(hasChange());
export type SiteKeyUpdate = z.infer<typeof SiteKeyUpdate>;

/** A widget site key as listed; the identity secret is not part of it. */
export const SiteKeyView = z.object({
  id: Id,
  key: SiteKey,
  name: ShortText,
  department: DepartmentCode,
  allowedOrigins: z.array(SiteOrigin),
  allowedQueryKeys: z.array(QueryKey),
  ratePerMinute: z.int(),
  active: z.boolean(),
  createdAt: IsoDateTime,
});
export type SiteKeyView = z.infer<typeof SiteKeyView>;

/** Answer of create and rotate: the only time the identity (HMAC) secret is shown. */
export const SiteKeyWithSecret = z.object({ ...SiteKeyView.shape, identitySecret: z.string() });
export type SiteKeyWithSecret = z.infer<typeof SiteKeyWithSecret>;

/** `GET /api/v1/site-keys`. */
export const SiteKeyList = z.object({ items: z.array(SiteKeyView) });
export type SiteKeyList = z.infer<typeof SiteKeyList>;
