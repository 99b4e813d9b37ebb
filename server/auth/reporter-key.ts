import { createHmac } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/open';
import { serverSecrets } from '../db/schema';
import { sha256Hex } from './secrets';

/**
 * The kinds of reporter key. Each key is HMAC(server secret, kind + ":" + hash), so a value sent as
 * one kind can never produce a key of another: an anonymous secret that reads "user:<site>:<sub>"
 * lands in the anon namespace. The hash is what keys were before (migration 0007 converts them).
 */
export type ReporterKeyKind = 'anon' | 'user' | 'rid';

const cache = new WeakMap<Db, Promise<string>>();

/**
 * The database's reporter-key secret (created by migration 0007), read once per database handle:
 * every process on one PostgreSQL reads the same row, so their keys agree.
 */
export function reporterKeySecret(db: Db): Promise<string> {
  let secret = cache.get(db);
  if (!secret) {
    secret = db
      .select({ value: serverSecrets.value })
      .from(serverSecrets)
      .where(eq(serverSecrets.name, 'reporter_key'))
      .then(([row]) => {
        if (!row) throw new Error('server_secrets has no reporter_key: the database is not migrated');
        return row.value;
      });
    secret.catch(() => cache.delete(db));
    cache.set(db, secret);
  }
  return secret;
}

/** A reporter key of one kind from its credential's hash. */
export function reporterKey(secret: string, kind: ReporterKeyKind, hash: string): string {
  return createHmac('sha256', secret).update(`${kind}:${hash}`).digest('hex');
}

/** The key of an anonymous reporter from the SHA-256 of the widget's secret. */
export function anonymousReporterKey(secret: string, secretHash: string): string {
  return reporterKey(secret, 'anon', secretHash);
}

/** The key of a host-signed user of a site. */
export function identifiedReporterKey(secret: string, siteId: string, userId: string): string {
  return reporterKey(secret, 'user', sha256Hex(`user:${siteId}:${userId}`));
}
