import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './support/browser';
import { startEchobox, type EchoboxServer } from './support/echobox-server';
import { startHostSite, type HostSite } from './support/host-site';
import { ensureWidgetBuilt } from './support/widget-build';
import { deepFocus, embedPage, eventually, nextSubmitted, recordsWith, watchCsp, widgetReady } from './support/widget-page';

/*
 * The widget lives in one shadow root and touches nothing else: it looks the same on a page with
 * aggressive global CSS, leaves the page's layout alone, works under a strict CSP, and can be used
 * above a host's open modal <dialog>.
 */

const require = createRequire(import.meta.url);
const BOOTSTRAP_DIR = dirname(require.resolve('bootstrap/dist/css/bootstrap.min.css'));

/** Layout of every element of the page (not the widget), for before/after comparisons. */
const pageLayout = (page: Page) =>
  page.evaluate(() => ({
    boxes: [...document.querySelectorAll('body *')]
      .filter((el) => !el.closest('echobox-widget') && el.tagName !== 'SCRIPT')
      .map((el) => {
        const r = el.getBoundingClientRect();
        return `${el.tagName}:${r.x},${r.y},${r.width},${r.height}`;
      }),
    root: ['font-size', 'color', 'background-color', 'overflow', 'padding', 'margin'].map((p) => getComputedStyle(document.documentElement).getPropertyValue(p)),
    body: ['font-size', 'color', 'background-color', 'overflow', 'padding', 'margin'].map((p) => getComputedStyle(document.body).getPropertyValue(p)),
    scroll: [document.documentElement.scrollWidth, document.documentElement.scrollHeight],
    head: document.head.children.length,
    rootAttrs: [...document.documentElement.attributes].map((a) => `${a.name}=${a.value}`),
  }));

/** Share of pixels that differ by more than a small per-channel tolerance (font anti-aliasing). */
async function pixelDifference(page: Page, a: Buffer, b: Buffer): Promise<number> {
  return page.evaluate(
    async ([x, y]) => {
      const load = async (b64: string) => {
        const img = new Image();
        img.src = `data:image/png;base64,${b64}`;
        await img.decode();
        const c = document.createElement('canvas');
        c.width = img.width;
        c.height = img.height;
        const g = c.getContext('2d')!;
        g.drawImage(img, 0, 0);
        return g.getImageData(0, 0, c.width, c.height);
      };
      const [p, q] = await Promise.all([load(x), load(y)]);
      if (p.width !== q.width || p.height !== q.height) return 1;
      let differing = 0;
      for (let i = 0; i < p.data.length; i += 4) {
        for (let k = 0; k < 3; k++) {
          if (Math.abs(p.data[i + k]! - q.data[i + k]!) > 24) {
            differing++;
            break;
          }
        }
      }
      return differing / (p.width * p.height);
    },
    [a.toString('base64'), b.toString('base64')] as const,
  );
}

describe('widget isolation', () => {
  let server: EchoboxServer;
  let key: string;
  let host: HostSite;
  let sameOrigin: HostSite;
  let browser: Browser;

  beforeAll(async () => {
    await ensureWidgetBuilt();
    host = await startHostSite({ static: { '/bootstrap/': BOOTSTRAP_DIR } });
    [server, browser] = await Promise.all([
      startEchobox(),
      launchChromium(),
    ]);
    // A second host that serves the widget and the API from its own origin, for `default-src 'self'`.
    sameOrigin = await startHostSite({ proxy: { prefixes: ['/widget/', '/api/'], target: server.url } });
    const res = await server.staff('/api/v1/site-keys', {
      method: 'POST',
      body: JSON.stringify({ name: 'isolation', department: 'WEB', allowedOrigins: [host.origin, sameOrigin.origin], ratePerMinute: 10_000 }),
    });
    expect(res.status).toBe(201);
    key = ((await res.json()) as { key: string }).key;

    const widgetSrc = `${server.url}/widget/widget.js`;
    const body = `<nav class="navbar navbar-expand bg-body-tertiary"><a class="navbar-brand" href="#">Acme</a></nav>
<div class="container"><div class="row"><div class="col"><h1 class="display-5">报表</h1><p class="lead">Some host content.</p>
<button class="btn btn-primary" type="button">Host button</button><input class="form-control" value="host input"></div></div></div>`;
    host.setPage('/plain.html', { body: embedPage({ widgetSrc, siteKey: key, apiUrl: server.url, body }) });
    host.setPage('/aggressive.html', {
      body: embedPage({
        widgetSrc,
        siteKey: key,
        apiUrl: server.url,
        body,
        head: '<link rel="stylesheet" href="/bootstrap/bootstrap.min.css"><style>* { all: revert !important } button, dialog, input, textarea, div { font: 700 20px/3 serif !important; color: red !important; background: yellow !important; border-radius: 0 !important; box-sizing: content-box !important }</style>',
      }),
    });
    host.setPage('/measure.html', {
      body: embedPage({
        widgetSrc,
        apiUrl: server.url,
        body,
        head: '<link rel="stylesheet" href="/bootstrap/bootstrap.min.css"><style>* { all: revert !important }</style>',
      }),
    });
    host.setPage('/modal.html', {
      body: embedPage({
        widgetSrc,
        siteKey: key,
        apiUrl: server.url,
        attrs: { 'data-position': 'none' },
        body: `<dialog id="host-modal"><p>Host modal</p><button id="host-feedback" type="button">反馈问题</button></dialog>
<script>
  const modal = document.getElementById('host-modal');
  modal.showModal();
  document.getElementById('host-feedback').addEventListener('click', () => Echobox.open({ category: 'service_experience' }));
</script>`,
      }),
    });
    sameOrigin.setPage('/csp.html', {
      headers: { 'content-security-policy': "default-src 'self'" },
      body: embedPage({ widgetSrc: '/widget/widget.js', siteKey: key }),
    });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
    await host?.close();
    await sameOrigin?.close();
  });

  it('looks the same on a page with Bootstrap and `* { all: revert !important }` as on a plain page', async () => {
    const shots: Buffer[] = [];
    const launchers: Buffer[] = [];
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1024, height: 900 } });
    for (const path of ['/plain.html', '/aggressive.html']) {
      const page = await context.newPage();
      await page.goto(`${host.origin}${path}`);
      const launcher = page.getByRole('button', { name: '意见反馈' });
      await launcher.waitFor();
      launchers.push(await launcher.screenshot({ animations: 'disabled' }));
      await launcher.click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('radio', { name: '功能需求' }).waitFor();
      await page.mouse.move(0, 0);
      shots.push(await dialog.screenshot({ animations: 'disabled' }));
      if (process.env.ECHOBOX_E2E_SHOTS) await page.screenshot({ path: `${process.env.ECHOBOX_E2E_SHOTS}/isolation${path.replace('.html', '')}.png` });
      await page.close();
    }
    const page = await context.newPage();
    expect(await pixelDifference(page, launchers[0]!, launchers[1]!)).toBeLessThan(0.01);
    expect(await pixelDifference(page, shots[0]!, shots[1]!)).toBeLessThan(0.01);
    await context.close();
  });

  it('leaves the host page’s layout, root element and globals alone', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await page.addInitScript(() => {
      (window as unknown as { __globals: string[] }).__globals = Object.getOwnPropertyNames(window);
    });
    await page.goto(`${host.origin}/measure.html`);
    await widgetReady(page);
    const before = await pageLayout(page);
    await page.evaluate(([key, api]) => (window as unknown as { Echobox: { init(o: object): void } }).Echobox.init({ siteKey: key, apiUrl: api }), [key, server.url] as const);
    await page.getByRole('button', { name: '意见反馈' }).click();
    await page.getByRole('dialog').getByRole('radio', { name: '其他' }).waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').isVisible()).toBe(false);
    expect(await pageLayout(page)).toEqual(before);
    expect(await page.evaluate(() => document.querySelectorAll('echobox-widget').length)).toBe(1);
    const added = await page.evaluate(() => {
      const known = new Set((window as unknown as { __globals: string[] }).__globals);
      return Object.getOwnPropertyNames(window).filter((n) => !known.has(n) && n !== '__globals');
    });
    expect(added).toEqual(['Echobox']);

    // destroy() removes every trace from the page.
    await page.evaluate(() => (window as unknown as { Echobox: { destroy(): void } }).Echobox.destroy());
    expect(await page.evaluate(() => document.querySelectorAll('echobox-widget').length)).toBe(0);
    expect(await pageLayout(page)).toEqual(before);
    await context.close();
  });

  it('works on a page with a strict CSP (default-src self, no inline script or style)', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    const violations = await watchCsp(page);
    await page.goto(`${sameOrigin.origin}/csp.html`);
    const submitted = await nextSubmitted(page);
    const problem = `严格 CSP 页面 ${Date.now()}:保存设置之后页面没有提示成功`;
    await page.getByRole('button', { name: '意见反馈' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('radio', { name: '产品缺陷' }).check();
    await dialog.getByLabel('问题描述').fill(problem);
    await dialog.getByRole('button', { name: '提交' }).click();
    expect((await submitted()).status).toBe('sent');
    expect(await recordsWith(server, problem)).toHaveLength(1);
    expect(await violations()).toEqual([]);
    await context.close();
  });

  it('can be used above a host page’s open modal dialog, and gives focus back to it', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${host.origin}/modal.html`);
    await widgetReady(page);
    const submitted = await nextSubmitted(page);
    await page.locator('#host-feedback').click();
    const dialog = page.getByRole('dialog', { name: '意见反馈' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.getByRole('radio', { name: '服务体验' }).isChecked()).toBe(true);
    const problem = `宿主弹窗之上 ${Date.now()}:在订单详情弹窗里点击退款按钮之后一直转圈`;
    await dialog.getByLabel('问题描述').fill(problem);
    await dialog.getByRole('button', { name: '提交' }).click();
    expect((await submitted()).status).toBe('sent');
    await dialog.getByRole('button', { name: '关闭' }).last().click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect(await page.evaluate(() => (document.getElementById('host-modal') as HTMLDialogElement).open)).toBe(true);
    await expect.poll(() => deepFocus(page)).toBe('page:button#host-feedback[button]');
    await eventually(async () => ((await recordsWith(server, problem)).length === 1 ? true : undefined), 30_000);
    await context.close();
  });
});
