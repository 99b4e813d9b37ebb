import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBoxModel, type BoxModel } from '../../../widget/box/box-model';
import { META, openStore, type Store } from '../../../widget/box/store';
import { sha256Hex } from '../../../widget/box/ids';
import type { BoxContext, Settings, WidgetEvents } from '../../../widget/contract';
import { acceptAll, fakeApi, offline, testSettings } from '../support/fake-api';

/*
 * The suggestion box over a real (fake-indexeddb) outbox and sync engine: write first, then send;
 * tell the truth about what happened; never lose what was submitted.
 */

const T0 = Date.UTC(2025, 8, 30, 9, 0, 0);
const stores: Store[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  vi.unstubAllGlobals();
});

async function setup(settings: Settings = testSettings(), user: () => { token?: string } | undefined = () => undefined) {
  const store = await openStore(settings, user, () => T0);
  stores.push(store);
  const events: { type: keyof WidgetEvents; detail: unknown }[] = [];
  const ctx = {
    settings,
    root: document.createElement('div'),
    host: document.createElement('div'),
    user,
    emit: (type: keyof WidgetEvents, detail: unknown) => events.push({ type, detail }),
  } as unknown as BoxContext;
  const model = createBoxModel({
    store,
    ctx,
    now: () => T0,
    page: () => ({ url: 'https://app.example.com/reports', title: '报表', userAgent: 'test', screen: { w: 800, h: 600 } }),
    loadScreenshot: () => Promise.reject(new Error('no screenshots in unit tests')),
  });
  return { store, model, events, settings };
}

const fill = (model: BoxModel, problem = '导出报表时点击导出按钮没有反应,等了一分钟也没有下载') => {
  model.form.category.value = 'product_defect';
  model.form.problem.value = problem;
  model.form.contact.value = '13812345678';
  model.form.contactConsent.value = true;
};

describe('box model', () => {
  it('writes the submission to the outbox first, then sends it and shows the record number', async () => {
    const api = fakeApi(acceptAll());
    const { store, model, events, settings } = await setup();
    model.open({ category: 'feature_request' });
    expect(model.isOpen.value).toBe(true);
    expect(model.form.category.value).toBe('feature_request');
    fill(model);
    await model.submit();

    const batch = api.requests.find((r) => r.url.endsWith('/submissions/batch'))!;
    expect(batch.headers['x-echobox-site-key']).toBe(settings.siteKey);
    const [sent] = (batch.body as { items: Record<string, unknown>[] }).items;
    expect(sent).toMatchObject({
      category: 'product_defect',
      contact: '138****5678',
      contactConsent: true,
      reporter: { kind: 'anonymous', secretHash: store.secretHash },
      locale: 'zh-CN',
      submittedAt: new Date(T0).toISOString(),
    });
    // Consent given: the number as typed travels only beside the record, for the vault.
    const { consentedContact, ...record } = sent!;
    expect(consentedContact).toEqual({ consent: true, contact: { phone: '13812345678' }, locale: 'zh-CN' });
    expect(JSON.stringify(record)).not.toContain('13812345678');
    expect(model.view.value).toBe('sent');
    expect(model.sent.value).toMatchObject({ state: 'synced', recordNumber: 'WEB-20250930-001' });
    const entry = await store.outbox.get(sent!.id as string);
    expect(entry).toMatchObject({ state: 'synced', kind: 'submission', result: { recordNumber: 'WEB-20250930-001' } });
    // Acknowledged: the device keeps no unmasked copy.
    expect(JSON.stringify(entry)).not.toContain('13812345678');
    expect(await store.outbox.getMeta(META.records)).toEqual([sent!.id]);
    expect(events.filter((e) => e.type === 'submitted')).toEqual([{ type: 'submitted', detail: { id: sent!.id, status: 'sent', recordNumber: 'WEB-20250930-001' } }]);
  });

  it('says "saved, will be sent" when offline, keeps the entry, and delivers it when the network is back', async () => {
    const api = fakeApi(offline);
    const { store, model, events } = await setup();
    fill(model);
    await model.submit();
    const id = model.sent.value!.id;
    expect(model.sent.value).toMatchObject({ state: 'queued', error: { code: 'network_error' } });
    expect(events.find((e) => e.type === 'submitted')?.detail).toEqual({ id, status: 'saved' });
    expect((await store.outbox.get(id))?.state).toBe('queued');

    api.answer(acceptAll());
    // The backoff has the entry due later; a flush after that time delivers it.
    const entry = (await store.outbox.get(id))!;
    await store.outbox.put({ ...entry, nextAttemptAt: T0 });
    await store.engine.flush();
    await model.refresh();
    expect(model.sent.value).toMatchObject({ state: 'synced', recordNumber: 'WEB-20250930-001' });
    expect(api.requests.filter((r) => r.url.endsWith('/submissions/batch'))).toHaveLength(2);
  });

  it('shows a refusal with the server’s reason and resends the corrected submission under the same id', async () => {
    const api = fakeApi((req) => {
      const items = (req.body as { items: { id: string }[] }).items;
      return { status: 200, body: { results: items.map((i) => ({ id: i.id, status: 'rejected', error: { code: 'validation_failed', message: 'bad', errors: [{ path: ['problem'], code: 'too_big', message: 'Too big' }] } })) } };
    });
    const { store, model, events } = await setup();
    fill(model, '导出报表时点击导出按钮没有反应');
    await model.submit();
    const id = (api.requests[0]!.body as { items: { id: string }[] }).items[0]!.id;
    expect(model.view.value).toBe('form');
    expect(model.rejected.value).toMatchObject({ code: 'validation_failed' });
    expect(model.form.problem.value).toBe('导出报表时点击导出按钮没有反应');
    expect(model.form.errors.value).toEqual({ problem: 'error.validation_failed' });
    expect(events.some((e) => e.type === 'error')).toBe(true);
    expect((await store.outbox.get(id))?.state).toBe('rejected');

    api.answer(acceptAll(7));
    model.form.problem.value = '导出报表时点击导出按钮没有反应(已缩短)';
    await model.submit();
    const resent = (api.requests.at(-1)!.body as { items: { id: string; problem: string }[] }).items[0]!;
    expect(resent).toMatchObject({ id, problem: '导出报表时点击导出按钮没有反应(已缩短)' });
    expect(model.sent.value).toMatchObject({ id, state: 'synced', recordNumber: 'WEB-20250930-007' });
  });

  it('brings back a submission refused on an earlier visit when the box opens again', async () => {
    const settings = testSettings();
    fakeApi(() => ({ status: 200, body: { results: [] } }));
    const first = await setup(settings);
    const refusedId = '01927b3e-7c1a-7000-8000-0000000000aa';
    await first.store.outbox.put({
      id: refusedId,
      kind: 'submission',
      payload: { id: refusedId, category: 'other', problem: '保存设置之后没有提示', contact: '138****5678', contactConsent: false },
      state: 'rejected',
      attempts: 1,
      nextAttemptAt: T0,
      createdAt: T0,
      updatedAt: T0,
      error: { code: 'validation_failed', message: 'x', errors: [{ path: ['contact'], code: 'contact_requires_consent', message: 'x' }] },
    });
    first.store.close();
    stores.length = 0;
    const later = await setup(settings);
    later.model.open();
    await vi.waitFor(() => expect(later.model.rejected.value?.code).toBe('validation_failed'));
    expect(later.model.form.problem.value).toBe('保存设置之后没有提示');
    expect(later.model.form.errors.value).toEqual({ contact: 'widget.consent_required' });
  });

  it('keeps one reporter secret per site on the device and sends only its hash', async () => {
    fakeApi(acceptAll());
    const settings = testSettings();
    const a = await setup(settings);
    const secret = await a.store.outbox.getMeta<string>(META.secret);
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(a.store.secretHash).toBe(await sha256Hex(secret!));
    expect(a.store.endpoint.reporter()).toBe(`anon ${secret}`);
    const b = await setup(settings, () => ({ token: 'host.signed.identity-token' }));
    expect(b.store.secretHash).toBe(a.store.secretHash);
    expect(b.store.credential()).toEqual({ kind: 'identified', identityToken: 'host.signed.identity-token' });
    expect(b.store.endpoint.reporter()).toBe(`anon ${secret}, token host.signed.identity-token`);
  });

  it('lets two tabs share one outbox without sending an entry twice', async () => {
    const api = fakeApi(async (req) => {
      await new Promise((r) => setTimeout(r, 20));
      return acceptAll()(req);
    });
    const settings = testSettings();
    const tab1 = await setup(settings);
    const tab2 = await setup(settings);
    fill(tab1.model);
    await Promise.all([tab1.model.submit(), tab2.store.engine.flush(), tab2.store.engine.flush()]);
    await Promise.all([tab1.store.engine.flush(), tab2.store.engine.flush()]);
    const sentIds = api.requests.filter((r) => r.url.endsWith('/batch')).flatMap((r) => (r.body as { items: { id: string }[] }).items.map((i) => i.id));
    expect(sentIds).toHaveLength(1);
  });

  it('opens with the page as scenario and tells the host when it opens and closes', async () => {
    fakeApi(acceptAll());
    const { model, events } = await setup();
    document.title = '报表 - Acme';
    model.open();
    expect(model.form.scenario.value).toBe('报表 - Acme');
    model.open();
    model.close();
    model.close();
    expect(events.map((e) => e.type)).toEqual(['open', 'close']);
  });
});
