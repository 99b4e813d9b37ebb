import { openOutbox, type Outbox } from '../../shared/sync/outbox';
import { createSyncEngine, type SyncEngine } from '../../shared/sync/engine';
import type { ReporterCredential } from '../../shared/schemas/reporter';
import { databaseName, type Settings, type WidgetUser } from '../contract';
import { randomSecret, sha256Hex } from './ids';
import { headers, request, singleTransport, submissionTransport, type Endpoint } from './net';
import { everyEntry } from '../../shared/sync/outcomes';

/** Keys of the outbox's meta store the widget uses. */
export const META = {
  /** The anonymous reporter secret (never sent; its hash is). */
  secret: 'reporter',
  /** Ids of this device's submissions: there are updates worth polling for. */
  records: 'records',
  /** Position in the updates feed. */
  cursor: 'updates-cursor',
  /** Updates not yet acknowledged or rated, by record id. */
  inbox: 'updates-inbox',
  /** Survey history for targeting (shown / answered, epoch ms). */
  surveys: 'surveys',
  /** The reporter id the server issued this device: a survey counts one response per id. */
  reporterId: 'reporter-id',
} as const;

/** Synced entries are kept this long (for the person's own view), then pruned. */
const KEEP_SYNCED_MS = 30 * 86_400_000;

/** The device side of the widget: the outbox (IndexedDB), the sync engine and the reporter identity. */
export interface Store {
  outbox: Outbox;
  engine: SyncEngine;
  endpoint: Endpoint;
  /** SHA-256 of the secret: the anonymous reporter id, also the stable survey sampling seed. */
  secretHash: string;
  /** How this reporter is named in a submission or survey response right now. */
  credential(): ReporterCredential;
  /** Add to a list kept in meta (ids of submissions), without duplicates. */
  remember(key: string, id: string): Promise<void>;
  close(): void;
}

/** The reporter secret: created once per device and site, and kept (first writer wins across tabs). */
async function reporterSecret(outbox: Outbox): Promise<string> {
  const existing = await outbox.getMeta<string>(META.secret);
  if (existing) return existing;
  await outbox.setMeta(META.secret, randomSecret());
  return (await outbox.getMeta<string>(META.secret)) as string;
}

/** Open the site's database and start sending: now, on `online`, on new entries, with backoff, every minute. */
export async function openStore(settings: Settings, user: () => WidgetUser | undefined, now: () => number = Date.now): Promise<Store> {
  const outbox = await openOutbox(databaseName(settings.siteKey));
  const secret = await reporterSecret(outbox);
  const secretHash = await sha256Hex(secret);
  const endpoint: Endpoint = {
    api: settings.api,
    siteKey: settings.siteKey,
    reporter: () => {
      const token = user()?.token;
      return token ? `anon ${secret}, token ${token}` : `anon ${secret}`;
    },
  };
  const api = `${settings.api}/api/v1/public`;
  const engine = createSyncEngine({
    outbox,
    now,
    transports: {
      submission: submissionTransport(endpoint, outbox),
      async survey_response(entries) {
        let reporterId = await outbox.getMeta<string>(META.reporterId);
        if (!reporterId) {
          const reply = await request<{ reporterId: string }>(`${api}/reporter-ids`, { method: 'POST', headers: headers(endpoint, false) });
          if (!reply.ok) return everyEntry(entries, reply.failure);
          await outbox.setMeta(META.reporterId, (reporterId = reply.body.reporterId));
        }
        return singleTransport(endpoint, () => `${api}/survey-responses`, (e) => ({ ...(e.payload as object), reporterId }))(entries);
      },
      satisfaction: singleTransport(
        endpoint,
        (e) => `${api}/records/${(e.payload as { recordId: string }).recordId}/satisfaction`,
        (e) => (e.payload as { body: unknown }).body,
      ),
    },
  });
  engine.start({ online: true, intervalMs: 60_000 });
  void outbox.prune(now() - KEEP_SYNCED_MS).catch(() => {});
  return {
    outbox,
    engine,
    endpoint,
    secretHash,
    credential() {
      const token = user()?.token;
      return token ? { kind: 'identified', identityToken: token } : { kind: 'anonymous', secretHash };
    },
    async remember(key, id) {
      const list = (await outbox.getMeta<string[]>(key)) ?? [];
      if (!list.includes(id)) await outbox.setMeta(key, [...list.slice(-499), id]);
    },
    close() {
      engine.stop();
      outbox.close();
    },
  };
}
