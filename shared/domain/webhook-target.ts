import { err, ok, type Result } from './result';

/** What kind of network an IP address belongs to, for deciding whether a webhook may be sent there. */
export type AddressScope = 'public' | 'loopback' | 'private' | 'link_local' | 'cgnat' | 'multicast' | 'metadata' | 'unspecified' | 'reserved';

const ipv4Bytes = (ip: string): number[] | null => {
  const parts = ip.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return null;
  return parts.map(Number);
};

const scopeOfIpv4 = ([a, b, c]: number[]): AddressScope => {
  if (a === 169 && b === 254 && c === 169) return 'metadata'; // 169.254.169.254, cloud instance metadata
  if (a === 0) return 'unspecified';
  if (a === 127) return 'loopback';
  if (a === 10 || (a === 172 && b! >= 16 && b! <= 31) || (a === 192 && b === 168)) return 'private';
  if (a === 169 && b === 254) return 'link_local';
  if (a === 100 && b! >= 64 && b! <= 127) return 'cgnat';
  if (a! >= 224 && a! <= 239) return 'multicast';
  // 192.0.0/24 protocol assignments, 198.18/15 benchmarking, 240/4 reserved and broadcast.
  if ((a === 192 && b === 0 && c === 0) || (a === 198 && (b === 18 || b === 19)) || a! >= 240) return 'reserved';
  return 'public';
};

/** The 8 groups of an IPv6 address (an embedded dotted IPv4 tail is turned into two groups); null if it is none. */
const ipv6Groups = (input: string): number[] | null => {
  let ip = input.toLowerCase().replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const tail = /(\d{1,3}(?:\.\d{1,3}){3})$/.exec(ip);
  if (tail) {
    const v4 = ipv4Bytes(tail[1]!);
    if (!v4) return null;
    ip = `${ip.slice(0, -tail[1]!.length)}${((v4[0]! << 8) | v4[1]!).toString(16)}:${((v4[2]! << 8) | v4[3]!).toString(16)}`;
  }
  const halves = ip.split('::');
  if (halves.length > 2) return null;
  const parse = (s: string) => (s === '' ? [] : s.split(':'));
  const head = parse(halves[0]!);
  const rest = halves.length === 2 ? parse(halves[1]!) : [];
  if (![...head, ...rest].every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null;
  const missing = 8 - head.length - rest.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  return [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...rest].map((g) => parseInt(g, 16));
};

/**
 * The scope of an IP address (IPv4, IPv6, IPv4-mapped or -compatible IPv6, NAT64), or null when the
 * text is no IP address. Anything a server's own network could answer on counts as not public.
 */
export function addressScope(ip: string): AddressScope | null {
  const v4 = ipv4Bytes(ip);
  if (v4) return scopeOfIpv4(v4);
  const g = ipv6Groups(ip);
  if (!g) return null;
  const embedded = () => [g[6]! >> 8, g[6]! & 255, g[7]! >> 8, g[7]! & 255];
  const zeroTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  // ::ffff:a.b.c.d (mapped), ::a.b.c.d (compatible), 64:ff9b::a.b.c.d (NAT64): judged as the IPv4 inside.
  if (zeroTo(5) && g[5] === 0xffff) return scopeOfIpv4(embedded());
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return scopeOfIpv4(embedded());
  if (zeroTo(7)) return g[7] === 1 ? 'loopback' : 'unspecified';
  if (zeroTo(6)) return scopeOfIpv4(embedded());
  // fd00:ec2::254, the instance metadata service over IPv6.
  if (g[0] === 0xfd00 && g[1] === 0x0ec2 && g.slice(2, 7).every((x) => x === 0) && g[7] === 0x254) return 'metadata';
  if ((g[0]! & 0xfe00) === 0xfc00) return 'private'; // fc00::/7 unique local
  if ((g[0]! & 0xffc0) === 0xfe80) return 'link_local';
  if ((g[0]! & 0xffc0) === 0xfec0) return 'private'; // deprecated site-local
  if ((g[0]! & 0xff00) === 0xff00) return 'multicast';
  if (g[0] === 0x2001 && g[1] === 0x0db8) return 'reserved'; // documentation
  return 'public';
}

/** Why a webhook target is refused (each with a stable reason for the problem's details). */
export type TargetRefusal = 'https_required' | 'address_not_public';

/**
 * Whether a webhook may be sent to `url` whose host resolved to `addresses` (an IP literal host is
 * its own address): https only, and every address public (an attacker's name may resolve to a
 * public and a private one), unless an admin allowed private targets (ECHOBOX_WEBHOOK_ALLOW_PRIVATE),
 * which also allows plain http. Refusals are 'validation_failed' on `url`.
 */
export function checkWebhookTarget(url: string, addresses: readonly string[], allowPrivate: boolean): Result<void> {
  const refuse = (reason: TargetRefusal, message: string, extra: Record<string, unknown> = {}) =>
    err('validation_failed', message, { path: ['url'], details: { reason, ...extra } });
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return refuse('https_required', 'The webhook URL is not a URL.');
  }
  if (allowPrivate) return ok(undefined);
  if (parsed.protocol !== 'https:') return refuse('https_required', 'Webhook URLs must use https.');
  for (const address of addresses) {
    const scope = addressScope(address);
    if (scope !== 'public') return refuse('address_not_public', `The webhook host resolves to a ${scope ?? 'non-IP'} address, which is not allowed.`, { scope });
  }
  return ok(undefined);
}
