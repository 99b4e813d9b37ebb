import { lookup } from 'node:dns/promises';
import { addressScope, checkWebhookTarget } from '../../shared/domain/webhook-target';
import type { Result } from '../../shared/domain/result';

/**
 * Resolve the host of a webhook URL now and check the target (shared/domain/webhook-target.ts):
 * at configuration, and again before every delivery, since what a name resolves to may change. A
 * name that does not resolve passes here (there is nothing to refuse yet); its delivery fails.
 */
export async function checkWebhookUrl(url: string, allowPrivate: boolean): Promise<Result<void>> {
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
        addresses = (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
      } catch {
        addresses = [];
      }
    }
  }
  return checkWebhookTarget(url, addresses, allowPrivate);
}
