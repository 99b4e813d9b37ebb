import { createHmac, randomBytes } from 'node:crypto';
import { safeEqual } from './secrets';

/*
 * Server-issued reporter ids: `<22-char random id>.<43-char HMAC>` under the reporter-key secret,
 * bound to one site. The widget keeps one per device and sends it with each survey response; a
 * survey counts one response per id. Stateless (nothing stored until a response is), and since
 * minting is rate limited per client network, a bot can no longer cast a ballot per made-up secret.
 */

const mac = (secret: string, siteId: string, id: string) =>
  createHmac('sha256', secret).update(`reporter-id:${siteId}:${id}`).digest('base64url');

/** A new reporter id for a site. */
export function issueReporterId(secret: string, siteId: string): string {
  const id = randomBytes(16).toString('base64url');
  return `${id}.${mac(secret, siteId, id)}`;
}

/** The id part of a reporter id this server issued for this site; undefined for anything else. */
export function verifyReporterId(secret: string, siteId: string, value: string): string | undefined {
  const [id, sent, extra] = value.split('.');
  if (!id || !sent || extra !== undefined) return undefined;
  return safeEqual(sent, mac(secret, siteId, id)) ? id : undefined;
}
