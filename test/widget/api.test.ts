import { afterEach, describe, expect, it, vi } from 'vitest';
import { createWidget as create, resolveSettings, surveysUrl, type WidgetApi } from '../../widget/api';
import type { BoxContext, BoxHandle, BoxModule } from '../../widget/contract';

/* The public API the host page sees: one host element, a launcher, lazy box, events, destroy. */

const label = (locale: string) => (locale === 'en' ? 'Feedback' : '意见反馈');

function fakeBox() {
  const handle = { open: vi.fn(), close: vi.fn(), identify: vi.fn(), destroy: vi.fn() } satisfies BoxHandle;
  const contexts: BoxContext[] = [];
  const module: BoxModule = {
    startBox: vi.fn(async (ctx: BoxContext) => {
      contexts.push(ctx);
      return handle;
    }),
  };
  const loadBox = vi.fn(async () => module);
  return { handle, contexts, module, loadBox };
}

const made: WidgetApi[] = [];
/** Every widget of a test is destroyed after it, before the fetch stub goes (no stray probes). */
const createWidget = (...args: Parameters<typeof create>) => {
  const widget = create(...args);
  made.push(widget);
  return widget;
};

afterEach(() => {
  for (const w of made.splice(0)) w.destroy();
  document.body.replaceChildren();
  document.documentElement.lang = '';
  vi.unstubAllGlobals();
});

describe('createWidget', () => {
  it('touches nothing before init, then adds exactly one host element with a shadow root and a labelled launcher', () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('{"items":[]}')));
    const { loadBox } = fakeBox();
    const widget = createWidget({ loadBox, label }, 'https://echobox.example.test/widget/widget.js');
    expect(document.body.children).toHaveLength(0);
    document.documentElement.lang = 'en-US';
    widget.init({ siteKey: 'ebx_pk_site_0001' });
    const hosts = document.querySelectorAll('echobox-widget');
    expect(hosts).toHaveLength(1);
    const shadow = hosts[0]!.shadowRoot!;
    expect(shadow.adoptedStyleSheets).toHaveLength(1);
    expect(document.head.querySelectorAll('style')).toHaveLength(0);
    const launcher = shadow.querySelector('button')!;
    expect(launcher.textContent).toBe('Feedback');
    expect(launcher.getAttribute('part')).toBe('launcher');
    expect(launcher.getAttribute('aria-haspopup')).toBe('dialog');
    expect(loadBox).not.toHaveBeenCalled();
  });

  it('loads the box once on first open and passes options through', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('{"items":[]}')));
    const { loadBox, handle, contexts } = fakeBox();
    const widget = createWidget({ loadBox, label }, 'https://echobox.example.test/widget/widget.js');
    widget.init({ siteKey: 'ebx_pk_site_0001', locale: 'zh-TW', appVersion: '2.3.1', position: 'bottom-start' });
    widget.open({ category: 'product_defect' });
    widget.open();
    await vi.waitFor(() => expect(handle.open).toHaveBeenCalledTimes(2));
    expect(loadBox).toHaveBeenCalledTimes(1);
    expect(handle.open).toHaveBeenNthCalledWith(1, { category: 'product_defect' });
    expect(contexts[0]!.settings).toEqual({
      siteKey: 'ebx_pk_site_0001',
      api: 'https://echobox.example.test',
      locale: 'zh-CN',
      position: 'bottom-start',
      theme: 'auto',
      appVersion: '2.3.1',
    });
  });

  it('delivers events to listeners until they unsubscribe, and the launcher reflects open/closed', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('{"items":[]}')));
    const { loadBox, contexts } = fakeBox();
    const widget = createWidget({ loadBox, label }, 'https://echobox.example.test/widget/widget.js');
    widget.init({ siteKey: 'ebx_pk_site_0001' });
    const seen: unknown[] = [];
    const off = widget.on('submitted', (d) => seen.push(d));
    widget.open();
    await vi.waitFor(() => expect(contexts).toHaveLength(1));
    contexts[0]!.emit('open', undefined);
    const launcher = document.querySelector('echobox-widget')!.shadowRoot!.querySelector('button')!;
    expect(launcher.getAttribute('aria-expanded')).toBe('true');
    contexts[0]!.emit('submitted', { id: 'a', status: 'sent', recordNumber: 'WEB-20250930-001' });
    off();
    contexts[0]!.emit('submitted', { id: 'b', status: 'saved' });
    expect(seen).toEqual([{ id: 'a', status: 'sent', recordNumber: 'WEB-20250930-001' }]);
  });

  it('loads the box in the background when the server lists surveys for this page', async () => {
    const fetchFn = vi.fn(async () => new Response(JSON.stringify({ items: [{ id: 's1' }] })));
    vi.stubGlobal('fetch', fetchFn);
    const { loadBox, contexts } = fakeBox();
    const widget = createWidget({ loadBox, label }, 'https://echobox.example.test/widget/widget.js');
    widget.init({ siteKey: 'ebx_pk_site_0001', user: { id: 'u1', customerType: 'high_value', plan: 'pro' } });
    await vi.waitFor(() => expect(contexts).toHaveLength(1), { timeout: 5000 });
    expect(contexts[0]!.surveys).toEqual([{ id: 's1' }]);
    const url = new URL(String((fetchFn.mock.calls[0] as unknown[])[0]));
    expect(url.pathname).toBe('/api/v1/public/surveys');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ siteKey: 'ebx_pk_site_0001', customerType: 'high_value', plan: 'pro' });
  });

  it('hands the box the site’s allowed query keys from the survey answer (none until it came)', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ items: [{ id: 's1' }], queryKeys: ['tab'] }))));
    const { loadBox, contexts } = fakeBox();
    const widget = createWidget({ loadBox, label }, 'https://echobox.example.test/widget/widget.js');
    widget.init({ siteKey: 'ebx_pk_site_0001' });
    await vi.waitFor(() => expect(contexts).toHaveLength(1), { timeout: 5000 });
    expect(contexts[0]!.queryKeys()).toEqual(['tab']);
  });

  it('removes every trace on destroy, and can be set up again', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('{"items":[]}')));
    const { loadBox, handle } = fakeBox();
    const widget = createWidget({ loadBox, label }, 'https://echobox.example.test/widget/widget.js');
    widget.init({ siteKey: 'ebx_pk_site_0001', position: 'none' });
    expect(document.querySelectorAll('echobox-widget')).toHaveLength(0);
    widget.open();
    await vi.waitFor(() => expect(handle.open).toHaveBeenCalled());
    expect(document.querySelectorAll('echobox-widget')).toHaveLength(1);
    widget.destroy();
    await vi.waitFor(() => expect(handle.destroy).toHaveBeenCalled());
    expect(document.querySelectorAll('echobox-widget')).toHaveLength(0);
    widget.init({ siteKey: 'ebx_pk_site_0002' });
    expect(document.querySelectorAll('echobox-widget')).toHaveLength(1);
  });

  it('refuses to start without a site key', () => {
    const widget = createWidget({ ...fakeBox(), label }, 'https://echobox.example.test/widget/widget.js');
    expect(() => widget.init({} as never)).toThrow(/siteKey/);
  });
});

describe('resolveSettings and surveysUrl', () => {
  it('negotiates the locale from the option, the page and the browser', () => {
    const base = 'https://cdn.example.test/widget.js';
    document.documentElement.lang = 'en';
    expect(resolveSettings({ siteKey: 'k' }, window, base).locale).toBe('en');
    expect(resolveSettings({ siteKey: 'k', locale: 'zh-Hant-HK' }, window, base).locale).toBe('zh-CN');
    expect(resolveSettings({ siteKey: 'k', apiUrl: 'https://api.example.test/x/' }, window, base).api).toBe('https://api.example.test');
    expect(resolveSettings({ siteKey: 'k', position: 'top' as never, theme: 'neon' as never }, window, base)).toMatchObject({ position: 'bottom-end', theme: 'auto' });
  });

  it('asks for surveys of the page without its fragment', () => {
    const s = resolveSettings({ siteKey: 'ebx_pk_x' }, window, 'https://e.test/widget.js');
    const url = new URL(surveysUrl(s, 'https://app.example.com/checkout?step=2#pay', { industry: '零售' }));
    expect(url.searchParams.get('url')).toBe('https://app.example.com/checkout?step=2');
    expect(url.searchParams.get('industry')).toBe('零售');
  });
});
