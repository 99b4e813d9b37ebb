import { createHmac } from 'node:crypto';
import * as z from 'zod/mini';
import { safeEqual } from './secrets';
import { UserTraits } from '../../shared/schemas/reporter';

/**
 * Host-signed user identity for the widget: `base64url(JSON payload) + "." + base64url(HMAC-SHA256)`,
 * signed by the host's backend with the site key's identity secret. The payload names the host's user
 * (`sub`), when the token expires (`exp`, Unix seconds) and optionally the user's traits.
 */
const IdentityPayload = z.object({
  sub: z.string().check(z.minLength(1), z.maxLength(200)),
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

/** Verify signature and expiry; undefined when the token is forged, malformed or expired. */
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
  return parsed.data;
}
