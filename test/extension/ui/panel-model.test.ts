// @vitest-environment node
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { type OutboxEntry } from '../../../shared/sync';
import { localFailure } from '../../../shared/sync/request';
import type { DraftPayload } from '../../../extension/records/draft';
import type { RecordInput } from '../../../shared/schemas/record';
import { closeOpened, panel, seedDraft } from '../support/panel';
import { ZENDESK_CAPTURE } from '../support/fixtures';

afterEach(closeOpened);

const settle = () => new Promise((r) => setTimeout(r, 20));

describe('side panel model', () => {
  it('autosaves the draft: a panel opened again shows what was typed (closing loses nothing)', async () => {
    const name = `panel-${uuidv7()}`;
    const first = await panel(name);
    const id = await seedDraft(first.outbox);
    await first.activeDraft.setValue(id);
    await first.model.init();
    first.model.draft.value!.form.set('scenario', '报表模块，点击导出之后');
    first.model.draft.value!.form.set('contact', '13812345678');
    first.model.draft.value!.form.maskContact();
    await settle();
    await first.model.persistDraft();
    await first.model.dispose();

    const again = await panel(name, first.activeDraft);
    await again.model.init();
    expect(again.model.draft.value?.form.values.value.scenario).toBe('报表模块，点击导出之后');
    // The raw number was never written: masking happened when the field was left.
    expect(again.model.draft.value?.form.values.value.contact).toBe('138****5678');
    await again.model.dispose();
  });

  it('saves: the draft becomes a queued RecordInput, the panel clears, and a sync is asked for', async () => {
    const { model, outbox, sent, activeDraft } = await panel();
    const id = await seedDraft(outbox);
    await activeDraft.setValue(id);
    await model.init();
    expect(await model.save()).toBe(true);
    const entry = (await outbox.get(id)) as OutboxEntry<RecordInput>;
    expect(entry.state).toBe('queued');
    expect(entry.payload.problem).toBe(ZENDESK_CAPTURE.clip.page.selection);
    expect(entry.payload.origin.kind).toBe('extension');
    expect(await activeDraft.getValue()).toBeNull();
    expect(model.draft.value).toBeNull();
    expect(sent.filter((m) => m.type === 'sync.now').length).toBeGreaterThanOrEqual(2);
    await settle();
    expect(model.records.value.map((r) => [r.entry.id, r.entry.state])).toEqual([[id, 'queued']]);
    expect(model.unsynced.value).toBe(1);
    await model.dispose();
  });

  it('does not save an invalid form: the issues are shown and the draft stays a draft', async () => {
    const { model, outbox, activeDraft } = await panel();
    const id = await seedDraft(outbox);
    await activeDraft.setValue(id);
    await model.init();
    model.draft.value!.form.set('problem', '');
    expect(await model.save()).toBe(false);
    expect(model.draft.value!.form.issueOf('problem')).toBeDefined();
    expect((await outbox.get(id))?.state).toBe('draft');
    await model.dispose();
  });

  it('coaches a vague problem text with the follow-up question of DOMAIN.md §3', async () => {
    const { model, outbox, activeDraft } = await panel();
    await activeDraft.setValue(await seedDraft(outbox));
    await model.init();
    model.draft.value!.form.set('problem', '不好用');
    expect(model.draft.value!.form.coaching.value.followUpKey).toBe('coaching.which_step');
    await model.dispose();
  });

  it('redaction: boxes must be burned in before saving; applying replaces the stored screenshot', async () => {
    const { model, outbox, activeDraft } = await panel();
    const id = await seedDraft(outbox, new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' }));
    await activeDraft.setValue(id);
    await model.init();
    const draft = model.draft.value!;
    draft.redaction.add({ x: 0, y: 0, w: 10, h: 10 });
    expect(await model.save()).toBe(false);
    expect(model.notice.value?.key).toBe('ext.shot.pending');
    await model.applyRedaction();
    const entry = (await outbox.get(id)) as OutboxEntry<DraftPayload>;
    const shot = entry.payload.clip.screenshot!;
    expect(entry.payload.screenshotRedacted).toBe(true);
    expect(shot.size).toBe(5);
    expect(shot.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(shot.sha256).not.toBe('b'.repeat(64));
    expect((await outbox.getBlob(shot.id))?.size).toBe(5);
    expect(await model.save()).toBe(true);
    expect(((await outbox.get(id)) as OutboxEntry<RecordInput>).payload.attachments[0]?.sha256).toBe(shot.sha256);
    await model.dispose();
  });

  it('a rejected record can be edited and sent again; an invalid edit is refused with its issues', async () => {
    const { model, outbox, activeDraft } = await panel();
    const id = await seedDraft(outbox);
    await activeDraft.setValue(id);
    await model.init();
    await model.save();
    const queued = (await outbox.get(id)) as OutboxEntry<RecordInput>;
    await outbox.put({ ...queued, state: 'rejected', error: { code: 'validation_failed', message: 'bad' } });
    expect(await model.resend(id, { ...queued.payload, problem: '' })).not.toBeNull();
    expect((await outbox.get(id))?.state).toBe('rejected');
    expect(await model.resend(id, { ...queued.payload, problem: '导出报表时点击导出按钮没有任何反应' })).toBeNull();
    const again = (await outbox.get(id)) as OutboxEntry<RecordInput>;
    expect(again.state).toBe('queued');
    expect(again.payload.problem).toBe('导出报表时点击导出按钮没有任何反应');
    await model.dispose();
  });

  it('discarding a draft removes it and its screenshot', async () => {
    const { model, outbox, activeDraft } = await panel();
    const id = await seedDraft(outbox, new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' }));
    await activeDraft.setValue(id);
    await model.init();
    const key = model.draft.value!.entry.payload.clip.screenshot!.id;
    await model.discard();
    expect(await outbox.get(id)).toBeUndefined();
    expect(await outbox.getBlob(key)).toBeUndefined();
    expect(await activeDraft.getValue()).toBeNull();
    await model.dispose();
  });

  it("a draft's autosave ends with the draft: typing into a form left behind writes nothing", async () => {
    const { model, outbox, activeDraft } = await panel();
    const first = await seedDraft(outbox);
    const second = await seedDraft(outbox);
    await activeDraft.setValue(first);
    await model.init();
    const left = model.draft.value!.form;
    await activeDraft.setValue(second);
    await expect.poll(() => model.draft.value?.entry.id).toBe(second);
    const before = await outbox.get(second);
    await settle();
    left.set('scenario', 'typed into the old form');
    await settle();
    expect(await outbox.get(second)).toEqual(before);
    expect((await outbox.get(first))?.payload).not.toMatchObject({ form: { scenario: 'typed into the old form' } });
    await model.dispose();
  });
});

describe('side panel model: conflicts and capture failures', () => {
  it('a conflicting record shows beside the server copy; keeping the server version settles it as synced', async () => {
    const { model, outbox, activeDraft } = await panel();
    const id = await seedDraft(outbox);
    await activeDraft.setValue(id);
    await model.init();
    await model.save();
    const queued = (await outbox.get(id)) as OutboxEntry<RecordInput>;
    await outbox.put({ ...queued, state: 'conflict', error: { code: 'idempotency_conflict', message: 'x' }, serverCopy: { id, version: 2, recordNumber: 'CS-20250930-007', problem: '服务器上的描述' } });
    await settle();
    const row = model.records.value.find((r) => r.entry.id === id)!;
    expect(row.entry.state).toBe('conflict');
    expect((row.entry.serverCopy as { problem: string }).problem).toBe('服务器上的描述');
    await model.keepServerCopy(id);
    const settled = (await outbox.get(id))!;
    expect(settled.state).toBe('synced');
    expect(settled.result).toEqual({ recordNumber: 'CS-20250930-007', version: 2 });
    await model.dispose();
  });

  it('tells the person why a capture did not happen (no access to the page, not a web page)', async () => {
    const reasons = ['permission', 'not_http'] as const;
    const { model } = await panel(undefined, undefined, async () => ({ ok: false, error: localFailure('forbidden', 'Cannot access', reasons[0]) }));
    await model.init();
    await model.capture();
    expect(model.notice.value?.key).toBe('ext.panel.permission_denied');
    expect(model.draft.value).toBeNull();
    await model.dispose();
    const other = await panel(undefined, undefined, async () => ({ ok: false, error: localFailure('validation_failed', 'x', reasons[1]) }));
    await other.model.init();
    await other.model.capture();
    expect(other.model.notice.value?.key).toBe('ext.panel.not_web');
    await other.model.dispose();
  });
});
