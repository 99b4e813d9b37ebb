// @vitest-environment node
import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { openDatabase, type Database } from '../../../server/db/open';
import { json, staff, testApp } from '../../server/support/app';
import { recordInput } from '../../server/support/fixtures';
import type { OutboxEntry } from '../../../shared/sync';
import { recordTransport } from '../../../extension/background/record-transport';
import type { ApiTarget } from '../../../extension/background/server-api';
import type { LinkPayload } from '../../../extension/records/requester-link';
import type { RequesterEntry } from '../../../shared/schemas/requester-entry';
import { closeOpened, panel, seedDraft } from '../support/panel';

let database: Database;
let app: ReturnType<typeof testApp>['app'];
let target: ApiTarget;
let reviewerAuth: Record<string, string>;

beforeAll(async () => {
  database = await openDatabase({ memory: true });
  ({ app } = testApp(database, { now: new Date() }));
  const agent = await staff(database, 'agent', 'CS', '李客服');
  reviewerAuth = (await staff(database, 'reviewer', 'PM', '张经理')).auth;
  target = { serverUrl: 'http://echobox.test', token: agent.token, fetch: ((input: RequestInfo | URL, init?: RequestInit) => app.request(String(input), init)) as typeof fetch };
});
afterAll(() => database.close());
afterEach(closeOpened);

const createRecord = async () => {
  const res = await app.request('/api/v1/records', json('POST', recordInput({ id: uuidv7() }), reviewerAuth));
  return ((await res.json()) as { record: { id: string; recordNumber: string } }).record;
};
const detail = async (id: string) =>
  (await (await app.request(`/api/v1/records/${id}`, { headers: reviewerAuth })).json()) as { record: { requesters?: RequesterEntry[] } };

describe('a draft linked to an existing record as another requester', () => {
  it('is queued in the draft’s place, masked, then sent to the record once however often it is retried', async () => {
    const existing = await createRecord();
    const { model, outbox, activeDraft } = await panel();
    const id = await seedDraft(outbox);
    await activeDraft.setValue(id);
    await model.init();
    model.draft.value!.form.set('contact', '13812345678');
    model.draft.value!.form.set('contactConsent', true);
    expect(await model.linkDraft({ id: existing.id, recordNumber: existing.recordNumber, askedBy: 1 })).toBe(true);
    expect(model.draft.value).toBeNull();
    const queued = (await outbox.get(id)) as OutboxEntry<LinkPayload>;
    expect(queued.state).toBe('queued');
    expect(queued.payload).toMatchObject({ kind: 'link', target: { id: existing.id }, body: { id, contact: '138****5678', contactConsent: true } });
    expect(queued.payload.body.excerpt.length).toBeGreaterThan(0);
    expect(model.links.value.map((e) => e.id)).toEqual([id]);

    const send = recordTransport(outbox, async () => target);
    const first = await send([{ ...queued, state: 'sending' }]);
    expect(first).toEqual([{ id, status: 'accepted', recordNumber: existing.recordNumber }]);
    // The answer was lost on the way: the retry counts once.
    const again = await send([{ ...queued, state: 'sending' }]);
    expect(again).toEqual([{ id, status: 'duplicate', recordNumber: existing.recordNumber }]);
    const requesters = (await detail(existing.id)).record.requesters ?? [];
    expect(requesters.map((r) => r.id)).toEqual([id]);
    expect(requesters[0]?.page?.ticketId).toBe(queued.payload.body.page?.ticketId);
    await model.dispose();
  });

  it('keeps a refused link with the rule’s reason, and lets it become a draft again', async () => {
    const [survivor, merged] = [await createRecord(), await createRecord()];
    expect((await app.request(`/api/v1/records/${merged.id}/merge`, json('POST', { into: survivor.id }, reviewerAuth))).status).toBe(200);
    const { model, outbox, activeDraft } = await panel();
    const id = await seedDraft(outbox);
    await activeDraft.setValue(id);
    await model.init();
    expect(await model.linkDraft({ id: merged.id, recordNumber: merged.recordNumber })).toBe(true);
    const queued = (await outbox.get(id)) as OutboxEntry<LinkPayload>;
    const [outcome] = await recordTransport(outbox, async () => target)([{ ...queued, state: 'sending' }]);
    expect(outcome).toMatchObject({ id, status: 'rejected', error: { code: 'conflict', errors: [{ code: 'link_target_merged' }] } });
    await outbox.settle([outcome!], Date.now());
    await model.linkBackToDraft(id);
    const back = await outbox.get(id);
    expect(back?.state).toBe('draft');
    expect((back?.payload as { kind: string }).kind).toBe('draft');
    expect(await activeDraft.getValue()).toBe(id);
    await model.dispose();
  });

  it('waits for a server that cannot be reached, to be sent again later', async () => {
    const existing = await createRecord();
    const { model, outbox, activeDraft } = await panel();
    const id = await seedDraft(outbox);
    await activeDraft.setValue(id);
    await model.init();
    await model.linkDraft({ id: existing.id, recordNumber: existing.recordNumber });
    const down = { ...target, fetch: (async () => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch };
    const queued = (await outbox.get(id)) as OutboxEntry<LinkPayload>;
    const [outcome] = await recordTransport(outbox, async () => down)([{ ...queued, state: 'sending' }]);
    expect(outcome).toMatchObject({ id, status: 'retry', error: { code: 'network_error' } });
    expect((await detail(existing.id)).record.requesters ?? []).toEqual([]);
    await model.dispose();
  });
});
