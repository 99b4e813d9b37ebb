import 'fake-indexeddb/auto';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { PanelApp } from '../../../extension/ui/panel/panel-app';
import type { ScreenshotMissing } from '../../../extension/records/draft';
import type { FailedClip } from '../../../extension/records/failed-clip';
import { closeOpened, panel, seedDraft, watched } from '../support/panel';
import { CONFIGURED, ZENDESK_CAPTURE } from '../support/fixtures';

const host = document.createElement('div');
document.body.append(host);
const models: Array<{ dispose(): Promise<void> }> = [];
afterEach(async () => {
  render(null, host);
  for (const model of models.splice(0)) await model.dispose();
  closeOpened();
});

/** The panel showing a draft clipped without a screenshot, for `missing` (or removed by the person when undefined). */
async function showDraft(locale: 'en' | 'zh-CN', missing?: ScreenshotMissing): Promise<string> {
  const { model, outbox, activeDraft } = await panel(undefined, undefined, undefined, { ...CONFIGURED, locale });
  models.push(model);
  await model.init();
  const id = await seedDraft(outbox, undefined, missing ? { screenshotMissing: missing } : {});
  await activeDraft.setValue(id);
  await expect.poll(() => model.draft.value?.entry.id).toBe(id);
  await act(() => render(<PanelApp model={model} />, host));
  return host.querySelector('[data-testid=no-screenshot]')?.textContent ?? '';
}

describe('side panel: a draft without a screenshot', () => {
  it('says why: another tab was in front, no grant, or the browser failed (en and zh-CN)', async () => {
    expect(await showDraft('en', 'tab_hidden')).toMatch(/^No screenshot: another tab was in front.*press the Echobox button again/);
    expect(await showDraft('en', 'not_allowed')).toMatch(/^No screenshot: the browser allows one only for a clip started with the Echobox button/);
    expect(await showDraft('zh-CN', 'tab_hidden')).toMatch(/^未截图：截图时前台已是其他标签页/);
    expect(await showDraft('zh-CN', 'failed')).toBe('未截图：浏览器未能截取此页面。');
  });

  it('says only "No screenshot." when the person removed it', async () => {
    expect(await showDraft('en')).toBe('No screenshot.');
  });
});

describe('side panel: server address', () => {
  it('a stored remote http:// address is refused with the options page message (en and zh-CN)', async () => {
    for (const [locale, words] of [['en', 'Use an https:// address'], ['zh-CN', '请使用 https:// 地址']] as const) {
      const { model } = await panel(undefined, undefined, undefined, { ...CONFIGURED, locale, serverUrl: 'http://echobox.example.com' });
      models.push(model);
      await model.init();
      await act(() => render(<PanelApp model={model} />, host));
      expect(host.querySelector('.warn')?.textContent).toContain(words);
    }
  });
});

describe('side panel: the clipped page in its own language and direction', () => {
  it('shows a right-to-left page’s title right to left, in its language', async () => {
    const { model, outbox, activeDraft } = await panel(undefined, undefined, undefined, { ...CONFIGURED, locale: 'en' });
    models.push(model);
    await model.init();
    const base = ZENDESK_CAPTURE.clip;
    const clip = { ...base, ticket: undefined, page: { ...base.page, title: 'مرحبا بالعالم', metadata: { 'page:dir': 'rtl', 'page:lang': 'ar' } } };
    const id = await seedDraft(outbox, undefined, { clip } as never);
    await activeDraft.setValue(id);
    await expect.poll(() => model.draft.value?.entry.id).toBe(id);
    await act(() => render(<PanelApp model={model} />, host));
    const title = host.querySelector('[data-testid=clip-title]');
    expect(title?.textContent).toBe('مرحبا بالعالم');
    expect(title?.getAttribute('dir')).toBe('rtl');
    expect(title?.getAttribute('lang')).toBe('ar');
  });
});

describe('side panel: what a reader sees of the clipped page', () => {
  it('shows author, site and time and the description, right to left for a right-to-left page', async () => {
    const { model, outbox, activeDraft } = await panel(undefined, undefined, undefined, { ...CONFIGURED, locale: 'en' });
    models.push(model);
    await model.init();
    const base = ZENDESK_CAPTURE.clip;
    const reader = { author: 'سارة', siteName: 'أخبار', publishedTime: '2025-09-30', description: 'ملخص المقال', lang: 'ar', dir: 'rtl' as const };
    const clip = { ...base, ticket: undefined, page: { ...base.page, title: 'مرحبا', metadata: {}, reader } };
    const id = await seedDraft(outbox, undefined, { clip } as never);
    await activeDraft.setValue(id);
    await expect.poll(() => model.draft.value?.entry.id).toBe(id);
    await act(() => render(<PanelApp model={model} />, host));
    const byline = host.querySelector('[data-testid=clip-byline]')!;
    expect(byline.textContent).toBe('سارة · أخبار · 2025-09-30');
    const description = host.querySelector('[data-testid=clip-description]')!;
    expect(description.textContent).toBe('ملخص المقال');
    expect([description.getAttribute('dir'), description.getAttribute('lang')]).toEqual(['rtl', 'ar']);
    expect(host.querySelector('[data-testid=clip-title]')!.getAttribute('dir')).toBe('rtl');
  });
});

describe('side panel: clips that did not work', () => {
  const FAILED: FailedClip = {
    id: 'f1',
    trigger: 'action',
    tabId: 7,
    url: 'https://help.example.com/tickets/1',
    title: 'Ticket 1',
    reason: 'permission',
    detail: 'Cannot access contents of the page.',
    at: '2026-12-06T02:00:00.000Z',
    attempts: 1,
  };

  it('lists each failed press with what was pressed and why, and its retry and dismiss go to the background', async () => {
    const replies: Record<string, unknown> = {
      'clip.retry': { ok: false, error: { kind: 'local', code: 'not_found', detail: 'gone', retry: false, reason: 'no_tab' } },
      'clip.dismiss': { ok: true, value: { remaining: 0 } },
    };
    const { model, sent } = await panel(undefined, undefined, async (type) => replies[type], { ...CONFIGURED, locale: 'en' }, watched([FAILED]));
    models.push(model);
    await model.init();
    await act(() => render(<PanelApp model={model} />, host));
    const item = host.querySelector('[data-testid=failed-clip]')!;
    expect(item.textContent).toContain('Ticket 1');
    expect(item.textContent).toContain('Toolbar button: Cannot access contents of the page.');
    await act(() => (host.querySelector('[data-testid=failed-retry]') as HTMLButtonElement).click());
    await expect.poll(() => host.querySelector('[data-testid=notice]')?.textContent).toContain('no longer open in its tab');
    await act(() => (host.querySelector('[data-testid=failed-dismiss]') as HTMLButtonElement).click());
    expect(sent.filter((m) => m.type.startsWith('clip.'))).toEqual([
      { type: 'clip.retry', data: { id: 'f1' } },
      { type: 'clip.dismiss', data: { id: 'f1' } },
    ]);
  });
});
