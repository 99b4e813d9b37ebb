import { lookup } from 'node:dns/promises';
import type { LookupFunction } from 'node:net';
import { addressScope, checkWebhookTarget } from '../../shared/domain/webhook-target';
import { ok, type Result } from '../../shared/domain/result';

/** Resolves a host name to every address it has now (node's dns.lookup by default; tests inject one). */
export type Resolve = (host: string) => Promise<string[]>;

/** The system resolver, all addresses as the OS gives them. */
export const systemResolve: Resolve = async (host) => (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

/**
 * Resolve the host of a webhook URL now and check the target (shared/domain/webhook-target.ts):
 * at configuration, and again before every delivery, since what a name resolves to may change.
 * Answers the addresses that were checked, for the delivery to connect to (pinnedLookup), or none
 * when private targets are allowed (nothing is checked; the name is resolved when connecting) or
 * the name does not resolve (nothing to refuse yet; the delivery then fails to connect).
 */
export async function checkWebhookUrl(url: string, allowPrivate: boolean, resolve: Resolve = systemResolve): Promise<Result<string[]>> {
  let host = '';
  try {
    host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  } catch {
    // checkWebhookTarget refuses it.
  }
  let addresses: string[] = [];
  if (host && !allowPrivate) {
    if (addressScope(host) !== null) addresses = [host];
    else {
      try {
        addresses = await resolve(host);
      } catch {
        addresses = [];
      }
    }
  }
  const checked = checkWebhookTarget(url, addresses, allowPrivate);
  return checked.ok ? ok(addresses) : checked;
}

/**
 * A socket `lookup` that answers the addresses already checked, whatever name it is asked for: the
 * delivery connects where the check looked, so a name that answers public to the check and private
 * to the connection (DNS rebinding) reaches nothing private. The URL keeps its host name, so the
 * Host header and TLS SNI and certificate check still use the name.
 */
export function pinnedLookup(addresses: readonly string[]): LookupFunction {
  const entries = addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  return (_host, options, callback) => {
    const wanted = options.family === 4 || options.family === 6 ? entries.filter((e) => e.family === options.family) : entries;
    if (wanted.length === 0) {
      callback(Object.assign(new Error('no checked address of the family asked for'), { code: 'ENOTFOUND' }), '', 4);
      return;
    }
    if (options.all) (callback as unknown as (e: null, a: typeof wanted) => void)(null, wanted);
    else callback(null, wanted[0]!.address, wanted[0]!.family);
  };
}
