import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** A URL-safe random secret with a recognisable prefix (tokens, session ids, site keys). */
export function newSecret(prefix: string, bytes = 24): string {
  return `${prefix}_${randomBytes(bytes).toString('base64url')}`;
}

/** SHA-256 hex of a high-entropy secret; enough for random tokens (not for passwords). */
export function sha256Hex(value: string | Uint8Array): string {
  return createHash('sha256').update(value).digest('hex');
}

/** scrypt's cost parameters: N = 2^logN, block size r, parallelism p. */
export interface ScryptCost {
  logN: number;
  r: number;
  p: number;
}

/** OWASP's current recommendation for scrypt (Password Storage Cheat Sheet): N=2^17, r=8, p=1. */
export const PASSWORD_COST: ScryptCost = { logN: 17, r: 8, p: 1 };

/** What hashes without parameters (`scrypt$salt$hash`, before 0007) were made with: Node's defaults. */
const LEGACY_COST: ScryptCost = { logN: 14, r: 8, p: 1 };

/** scrypt needs 128·N·r bytes; Node refuses above 32 MiB unless told the ceiling. */
const maxmem = (cost: ScryptCost) => 256 * 2 ** cost.logN * cost.r;

function derive(password: string, salt: Buffer, length: number, cost: ScryptCost): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, length, { N: 2 ** cost.logN, r: cost.r, p: cost.p, maxmem: maxmem(cost) }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/** Hash a password with scrypt and a random salt: `scrypt$ln=17,r=8,p=1$salt$hash`. */
export async function hashPassword(password: string, cost: ScryptCost = PASSWORD_COST): Promise<string> {
  const salt = randomBytes(16);
  const hash = await derive(password, salt, 32, cost);
  return `scrypt$ln=${cost.logN},r=${cost.r},p=${cost.p}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

const PARAMS = /^ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})$/;

/** The parts of a stored hash, either format; undefined when it is no scrypt hash we made. */
function parseHash(stored: string): { cost: ScryptCost; salt: string; hash: string } | undefined {
  const parts = stored.split('$');
  if (parts[0] !== 'scrypt') return undefined;
  if (parts.length === 3 && parts[1] && parts[2]) return { cost: LEGACY_COST, salt: parts[1], hash: parts[2] };
  const m = parts.length === 4 ? PARAMS.exec(parts[1] ?? '') : null;
  if (!m || !parts[2] || !parts[3]) return undefined;
  const cost = { logN: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
  // A stored cost is only ever one we chose; bounds keep a tampered row from asking for gigabytes.
  if (cost.logN < 1 || cost.logN > 20 || cost.r < 1 || cost.p < 1) return undefined;
  return { cost, salt: parts[2], hash: parts[3] };
}

/** Check a password against a stored scrypt hash (either format) in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const expected = Buffer.from(parsed.hash, 'base64url');
  const actual = await derive(password, Buffer.from(parsed.salt, 'base64url'), expected.length, parsed.cost);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Whether a stored hash was made at another cost than `cost` (rehash it at the next sign-in). */
export function needsRehash(stored: string, cost: ScryptCost = PASSWORD_COST): boolean {
  const parsed = parseHash(stored);
  return !parsed || parsed.cost.logN !== cost.logN || parsed.cost.r !== cost.r || parsed.cost.p !== cost.p;
}

/** Compare two strings in constant time. */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
