import { createHmac } from 'node:crypto';
import * as z from 'zod/mini';
import { safeEqual, sha256Hex } from './secrets';
import { problem } from '../errors';
import { UserTraits } from '../../shared/schemas/reporter';
import { storableString } from '../../shared/schemas/storable';

/** Longest a host may make an identity token valid for: a leaked token must not outlive a day. */
export const MAX_IDENTITY_LIFETIME_MS = 24 * 60 * 60 * 1000;

/**
 * Host-signed user identity for the widget: `base64url(JSON payload) + "." + base64url(HMAC-SHA256)`,
 * signed by the host's backend with the site key's identity secret. The payload names the host's user
 * (`sub`), when the token expires (`exp`, Unix seconds) and optionally the user's traits.
 */
const IdentityPayload = z.object({
  sub: storableString().check(z.minLength(1), z.maxLength(200)),
  exp: z.int(),
  traits: z.optional(UserTraits),
});
/** The verified content of an identity token. */
export type IdentityPayload = z.infer<typeof IdentityPayload>;

/** Sign an identity (what a host backend does; used by tests, the demo and `npm run admin`). */
export function signIdentity(payload: IdentityPayload, secret: string): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  const mac = createHmac('sha256', secret).update(body).digest('base64url');
  return `${body}.${mac}`;
}

/**
 * Verify signature and expiry; undefined when the token is forged, malformed or expired. A genuine
 * token whose `exp` lies more than 24 h ahead throws 401 identity_token_too_long_lived instead: it
 * is the host's bug, and its developers should see exactly which one.
 */
export function verifyIdentity(token: string, secret: string, now: Date): IdentityPayload | undefined {
  const [body, mac, extra] = token.split('.');
  if (!body || !mac || extra !== undefined) return undefined;
  const expected = createHmac('sha256', secret).update(body).digest('base64url');
  if (!safeEqual(mac, expected)) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const parsed = z.safeParse(IdentityPayload, json);
  if (!parsed.success || parsed.data.exp * 1000 <= now.getTime()) return undefined;
  if (parsed.data.exp * 1000 > now.getTime() + MAX_IDENTITY_LIFETIME_MS) {
    throw problem('identity_token_too_long_lived', { detail: 'The signed user identity expires more than 24 hours from now; sign tokens for at most 24 hours.' });
  }
  return parsed.data;
}
