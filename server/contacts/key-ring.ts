import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The keys contacts are sealed with: the active one seals, every one opens (rotation). */
export interface ContactKeyRing {
  activeId: string;
  keys: ReadonlyMap<string, Buffer>;
}

/** Name of the generated key file in DATA_DIR. */
export const KEY_FILE = 'contact-keys.json';

/** A key's id: the first 16 hex digits of its SHA-256, so the same key has the same id everywhere. */
export const keyIdOf = (key: Buffer): string => createHash('sha256').update(key).digest('hex').slice(0, 16);

/** A 32-byte key from base64 (or base64url) or 64 hex digits; anything else stops the start. */
export function parseKey(text: string, what: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) throw new Error(`${what} must be 32 random bytes as base64 or hex (openssl rand -base64 32).`);
  return key;
}

/** A ring from keys, the last one active. */
export function keyRingOf(keys: readonly Buffer[]): ContactKeyRing {
  const map = new Map(keys.map((k) => [keyIdOf(k), k] as const));
  const active = keys.at(-1);
  if (!active) throw new Error('A contact key ring needs at least one key.');
  return { activeId: keyIdOf(active), keys: map };
}

/** Thrown when the vault holds sealed contacts that no available key opens. */
export class ContactKeyMissingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ContactKeyMissingError';
  }
}

/** What the key ring is loaded from. */
export interface KeySources {
  /** ECHOBOX_SECRET_KEY: the active key. */
  secretKey?: string | undefined;
  /** ECHOBOX_PREVIOUS_SECRET_KEYS: older keys, comma-separated, that still open rows not yet re-sealed. */
  previousKeys?: string | undefined;
  /** DATA_DIR (PGlite), where a key is generated on first start when no key is given; on PostgreSQL
   * several processes share the vault, so only ECHOBOX_SECRET_KEY can give them one key. */
  dataDir?: string | undefined;
  /** Key ids the vault's rows are sealed with now. */
  storedKeyIds: readonly string[];
  /** Told once when a key is generated (the operator must back it up). */
  warn: (message: string) => void;
}

const readKeyFile = (path: string): Buffer[] => {
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as { keys?: unknown };
  if (!Array.isArray(parsed.keys) || parsed.keys.length === 0) throw new Error(`${path}: expected { "keys": ["<base64>", …] }.`);
  return parsed.keys.map((k, i) => parseKey(String(k), `${path} keys[${i}]`));
};

/** Write the key file readable by its owner only. */
export function writeKeyFile(path: string, keys: readonly Buffer[]): void {
  writeFileSync(path, `${JSON.stringify({ keys: keys.map((k) => k.toString('base64')) }, null, 2)}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
}

/**
 * Load the key ring: ECHOBOX_SECRET_KEY (plus previous keys), else DATA_DIR/contact-keys.json, else a
 * key generated into that file (with a warning to back it up) while the vault is still empty. Without
 * a key and a DATA_DIR (PostgreSQL) an empty vault stays off (null, with a warning). A vault holding
 * rows sealed under a key that is not available refuses, naming what to restore.
 */
export function loadContactKeyRing(sources: KeySources): ContactKeyRing | null {
  const file = sources.dataDir ? join(sources.dataDir, KEY_FILE) : undefined;
  let ring: ContactKeyRing;
  if (sources.secretKey) {
    const previous = (sources.previousKeys ?? '').split(',').filter((k) => k.trim() !== '');
    ring = keyRingOf([...previous.map((k, i) => parseKey(k, `ECHOBOX_PREVIOUS_SECRET_KEYS[${i}]`)), parseKey(sources.secretKey, 'ECHOBOX_SECRET_KEY')]);
  } else if (file && existsSync(file)) {
    ring = keyRingOf(readKeyFile(file));
  } else if (sources.storedKeyIds.length > 0) {
    throw new ContactKeyMissingError(
      `The contact vault holds encrypted contact details, but no key is configured: set ECHOBOX_SECRET_KEY to the key they were sealed with${file ? `, or restore ${file} from your backup` : ''}. Without it the stored contacts cannot be read.`,
    );
  } else if (file) {
    const key = randomBytes(32);
    writeKeyFile(file, [key]);
    sources.warn(
      `Contact vault: a new encryption key was generated into ${file}. Back this file up now: without it the customers' consented contact details cannot be read. Or set ECHOBOX_SECRET_KEY.`,
    );
    ring = keyRingOf([key]);
  } else {
    sources.warn('Contact vault: off. Set ECHOBOX_SECRET_KEY (32 random bytes: openssl rand -base64 32), the same in every server process, to store customers\' consented contact details and e-mail them.');
    return null;
  }
  const missing = sources.storedKeyIds.filter((id) => !ring.keys.has(id));
  if (missing.length > 0) {
    throw new ContactKeyMissingError(
      `The contact vault holds contacts sealed with key(s) ${missing.join(', ')}, which the configured keys do not include: add the old key to ECHOBOX_PREVIOUS_SECRET_KEYS (or ${KEY_FILE}) and re-encrypt with \`npm run admin -- rotate-contact-key\`.`,
    );
  }
  return ring;
}
