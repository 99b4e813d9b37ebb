import type { Context } from 'hono';
import type { AppEnv } from '../context';
import { problem } from '../errors';
import { verifyIdentity } from './identity-token';
import { anonymousReporterKey, identifiedReporterKey } from './reporter-key';
import type { Reporter, ReporterCredential } from '../../shared/schemas/reporter';

/**
 * Check a widget reporter credential. Anonymous: the key derives from the hash of the widget's
 * secret. Identified: the host-signed token must verify with the site's identity secret (401
 * otherwise). `secret` is `reporterKeySecret(db)`. Returns the reporter as stored on a record and the
 * key its records are found by later.
 */
export function verifyReporter(
  c: Context<AppEnv>,
  credential: ReporterCredential,
  secret: string,
): { reporter: Reporter; key: string } {
  if (credential.kind === 'anonymous') {
    return { reporter: { anonymousId: credential.secretHash }, key: anonymousReporterKey(secret, credential.secretHash) };
  }
  const site = c.get('site');
  const identity = verifyIdentity(credential.identityToken, site.identitySecret, c.get('deps').now());
  if (!identity) {
    throw problem('unauthenticated', { detail: 'The signed user identity is invalid or expired.', errors: [{ path: ['reporter', 'identityToken'], code: 'invalid_signature', message: 'Ask the host page for a fresh token.' }] });
  }
  return {
    reporter: { userId: identity.sub, ...(identity.traits ? { traits: identity.traits } : {}) },
    key: identifiedReporterKey(secret, site.id, identity.sub),
  };
}
