import type { Page } from 'playwright-core';
import type { EchoboxServer } from './echobox-server';

/*
 * Helpers for widget end-to-end tests: host pages that embed the widget the way customers do,
 * and reading what the person and the server see.
 */

/** A host page embedding the widget with its one script tag. */
export function embedPage(options: {
  widgetSrc: string;
  siteKey?: string;
  apiUrl?: string;
  lang?: string;
  title?: string;
  head?: string;
  body?: string;
  attrs?: Record<string, string>;
}): string {
  const attrs = {
    ...(options.siteKey ? { 'data-site-key': options.siteKey } : {}),
    ...(options.apiUrl ? { 'data-api': options.apiUrl } : {}),
    ...options.attrs,
  };
  const attrText = Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${v}"`)
    .join('');
  return `<!doctype html>
<html lang="${options.lang ?? 'zh-CN'}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${options.title ?? '报表'}</title>${options.head ?? ''}</head>
<body>
<main>${options.body ?? '<h1>报表</h1><p>Host page content.</p>'}</main>
<script src="${options.widgetSrc}"${attrText} async></script>
</body>
</html>`;
}

/** Wait until the widget's global API is installed. */
export async function widgetReady(page: Page): Promise<void> {
  await page.waitForFunction(() => typeof (window as { Echobox?: { on?: unknown } }).Echobox?.on === 'function');
}

/** Resolve with the detail of the next `submitted` event. */
export async function nextSubmitted(page: Page): Promise<() => Promise<{ id: string; status: string; recordNumber?: string }>> {
  await widgetReady(page);
  await page.evaluate(() => {
    const w = window as unknown as { __submitted: unknown[]; Echobox: { on(t: string, f: (d: unknown) => void): void } };
    w.__submitted = [];
    w.Echobox.on('submitted', (d) => w.__submitted.push(d));
  });
  return async () => {
    const handle = await page.waitForFunction(() => (window as unknown as { __submitted: unknown[] }).__submitted[0], undefined, { timeout: 60_000 });
    return (await handle.jsonValue()) as { id: string; status: string; recordNumber?: string };
  };
}

/** Tag and id of the element that really has focus (looking into the widget's shadow root). */
export function deepFocus(page: Page): Promise<string> {
  return page.evaluate(() => {
    let el = document.activeElement;
    let inWidget = false;
    while (el?.shadowRoot?.activeElement) {
      inWidget ||= el.tagName === 'ECHOBOX-WIDGET';
      el = el.shadowRoot.activeElement;
    }
    const name = el ? `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.getAttribute('type') ? `[${el.getAttribute('type')}]` : ''}` : 'none';
    return `${inWidget ? 'widget:' : 'page:'}${name}`;
  });
}

/** Poll the staff API until `find` returns something (records arrive asynchronously). */
export async function eventually<T>(find: () => Promise<T | undefined>, timeoutMs = 90_000, everyMs = 500): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await find().catch(() => undefined);
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Records the staff API lists whose problem text contains `text`. */
export async function recordsWith(server: EchoboxServer, text: string): Promise<Array<{ id: string; problem: string; recordNumber: string }>> {
  const page = await server.staffJson<{ items: Array<{ id: string; problem: string; recordNumber: string }> }>('/api/v1/records?limit=100');
  return page.items.filter((r) => r.problem.includes(text));
}

/** Collect CSP violations from the start of every document of the page. */
export async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
}
