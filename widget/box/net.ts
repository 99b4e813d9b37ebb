import type { ItemResult } from '../../shared/schemas/sync';
import { batchOutcomes, eachEntry, everyEntry, uploadThenBatch } from '../../shared/sync/outcomes';
import { request as send, type Answer, type ApiFailure } from '../../shared/sync/request';
import type { Outbox } from '../../shared/sync/outbox';
import type { OutboxEntry, Transport } from '../../shared/sync/types';

/*
 * The widget's HTTP edge: the shared request (shared/sync/request.ts) behind the shared outbox's
 * Transport contract, except that an unknown or not-yet-allowed site key is retried (the saved
 * feedback goes out once the site owner fixes the setup, as error.unknown_site_key tells the
 * person). It trusts the shape of our own API's answers instead of parsing them with zod, which
 * would cost the widget more bytes than all of its UI.
 */

/** Where and as whom the widget talks to the API. */
export interface Endpoint {
  /** API origin, e.g. https://echobox.example.com. */
  api: string;
  siteKey: string;
  /** `x-echobox-reporter` value (`anon <secret>[, token <identity token>]`). */
  reporter(): string;
}

/** Send one request; never throws. */
export const request = <T = unknown>(url: string, init: RequestInit): Promise<Answer<T>> =>
  send<T>(url, init, { retryCodes: ['unknown_site_key', 'origin_not_allowed'] });

/** Headers of a widget request: site key, JSON body, and the reporter when reading or rating. */
export const headers = (ep: Endpoint, json: boolean, reporter = false): Record<string, string> => ({
  'x-echobox-site-key': ep.siteKey,
  ...(json ? { 'content-type': 'application/json' } : {}),
  ...(reporter ? { 'x-echobox-reporter': ep.reporter() } : {}),
});

const postJson = (ep: Endpoint, body: unknown, reporter = false): RequestInit => ({
  method: 'POST',
  headers: headers(ep, true, reporter),
  body: JSON.stringify(body),
});

/** Upload an entry's screenshots (content-addressed, so a retry uploads the same bytes harmlessly). */
async function uploadBlobs(ep: Endpoint, outbox: Outbox, entry: OutboxEntry): Promise<ApiFailure | undefined> {
  for (const key of entry.blobKeys ?? []) {
    const blob = await outbox.getBlob(key);
    if (!blob) continue;
    const reply = await request(`${ep.api}/api/v1/public/attachments`, {
      method: 'POST',
      headers: { ...headers(ep, false), 'content-type': blob.type },
      body: blob,
    });
    if (!reply.ok) return reply.failure;
  }
  return undefined;
}

/** Submissions: screenshots first, then one batch request answered item by item. */
export const submissionTransport =
  (ep: Endpoint, outbox: Outbox): Transport =>
  (entries) =>
    uploadThenBatch(
      entries,
      (entry) => uploadBlobs(ep, outbox, entry),
      async (ready) => {
        const reply = await request<{ results?: ItemResult[] }>(
          `${ep.api}/api/v1/public/submissions/batch`,
          postJson(ep, { items: ready.map((e) => e.payload) }),
        );
        return reply.ok ? batchOutcomes(ready, reply.body?.results ?? []) : everyEntry(ready, reply.failure);
      },
    );

/** One request per entry (survey responses, ratings); any 2xx is accepted. */
export const singleTransport =
  (ep: Endpoint, url: (entry: OutboxEntry) => string, body: (entry: OutboxEntry) => unknown = (e) => e.payload): Transport =>
  (entries) =>
    eachEntry(entries, (entry) => request(url(entry), postJson(ep, body(entry), true)));
