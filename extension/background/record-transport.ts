import { batchTransport, type Outbox, type OutboxEntry, type Transport } from '../../shared/sync';
import { uploadThenBatch } from '../../shared/sync/outcomes';
import type { ApiFailure } from '../../shared/sync/request';
import { apiBase } from '../storage/extension-options';
import { uploadAttachment, type ApiTarget } from './server-api';
import { sendLinks } from './link-transport';
import { isLinkPayload } from '../records/requester-link';

const uploadedKey = (blobKey: string) => `uploaded:${blobKey}`;

/**
 * Uploads an entry's blobs (screenshots) that the server does not have yet. The record already
 * names each attachment by the SHA-256 computed on the device, so the body never changes between
 * retries (the id stays a valid idempotency key); the upload only has to happen before the record.
 */
async function uploadBlobs(outbox: Outbox, target: ApiTarget, entry: OutboxEntry): Promise<ApiFailure | undefined> {
  for (const key of entry.blobKeys ?? []) {
    if (await outbox.getMeta<string>(uploadedKey(key))) continue;
    const blob = await outbox.getBlob(key);
    // A screenshot removed from the draft leaves no blob: nothing to upload for it.
    if (!blob) continue;
    const result = await uploadAttachment(target, blob);
    if (!result.ok) return result.error;
    await outbox.setMeta(uploadedKey(key), result.value.sha256);
  }
  return undefined;
}

/**
 * The `record` transport of the extension: linked drafts to their records (link-transport.ts); for
 * each other entry upload its blobs, then send the records whose blobs are on the server as one
 * batch (POST /records/batch). Reads the target per call, so a
 * changed server address or token applies to the next flush.
 */
export function recordTransport(outbox: Outbox, target: () => Promise<ApiTarget>): Transport {
  return async (entries) => {
    const current = await target();
    const send = batchTransport({
      url: `${apiBase(current.serverUrl)}/records/batch`,
      headers: () => ({ authorization: `Bearer ${current.token}` }),
      ...(current.fetch ? { fetch: current.fetch } : {}),
    });
    // Drafts linked to an existing record as another requester go to that record, not into the batch.
    const links = entries.filter((e) => isLinkPayload(e.payload));
    const records = entries.filter((e) => !isLinkPayload(e.payload));
    const linked = links.length ? await sendLinks(links, current) : [];
    return records.length ? linked.concat(await uploadThenBatch(records, (entry) => uploadBlobs(outbox, current, entry), send)) : linked;
  };
}
