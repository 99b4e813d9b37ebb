import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/browser';
import { startEchobox, type EchoboxServer } from './support/echobox-server';
import { startHostSite, type HostSite } from './support/host-site';
import { ensureWidgetBuilt, WIDGET_DIST } from './support/widget-build';
import { embedPage, eventually, recordsWith, widgetReady } from './support/widget-page';

/*
 * Offline first: with the Echobox server down, a submission is written to the device's outbox and
 * the person is told it is saved; after a reload (two tabs open) and the server's return it arrives
 * exactly once. The host site serves its own copy of the widget (as a CDN would), so the page
 * still loads while the Echobox server is down.
 */

describe('widget offline', () => {
  let server: EchoboxServer;
  let host: HostSite;
  let browser: Browser;

  beforeAll(async () => {
    await ensureWidgetBuilt();
    host = await startHostSite({ static: { '/widget/': WIDGET_DIST } });
    [server, browser] = await Promise.all([
      startEchobox({ seed: (t) => t.siteKey({ origins: [host.origin], department: 'WEB' }) }),
      launchChromium(),
    ]);
    const { key } = (server as EchoboxServer & { seeded: { key: string } }).seeded;
    host.setPage('/app.html', { body: embedPage({ widgetSrc: '/widget/widget.js', siteKey: key, apiUrl: server.url }) });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
    await host?.close();
  });

  it('keeps a submission made while the server is down and delivers it exactly once after it returns', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${host.origin}/app.html`);
    await widgetReady(page);
    await server.stop();

    const problem = `离线提交测试 ${Date.now()}:点击导出按钮后页面没有任何反应`;
    await page.getByRole('button', { name: '意见反馈' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('radio', { name: '功能需求' }).check();
    await dialog.getByLabel('问题描述').fill(problem);
    await dialog.getByRole('button', { name: '提交' }).click();
    // Told honestly: saved on this device, sent when possible.
    await expect.poll(() => dialog.getByRole('heading', { name: '已保存在本设备' }).isVisible(), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => dialog.getByText(/无法连接服务器。您的反馈已保存在本设备上/).isVisible()).toBe(true);

    // Reload while still offline, and open a second tab: both may try to send.
    await page.reload();
    const second = await context.newPage();
    await second.goto(`${host.origin}/app.html`);
    await widgetReady(page);
    await widgetReady(second);
    await server.start();

    const arrived = await eventually(async () => {
      const found = await recordsWith(server, problem);
      return found.length > 0 ? found : undefined;
    }, 120_000);
    expect(arrived).toHaveLength(1);
    // Both tabs have settled the entry; nothing is sent a second time.
    await expect
      .poll(
        () =>
          page.evaluate(
            () =>
              new Promise<string[]>((resolve) => {
                const open = indexedDB.open(`echobox-${document.querySelector('script[data-site-key]')!.getAttribute('data-site-key')}`);
                open.onsuccess = () => {
                  const all = open.result.transaction('entries').objectStore('entries').getAll();
                  all.onsuccess = () => resolve((all.result as { state: string }[]).map((e) => e.state));
                };
              }),
          ),
        { timeout: 60_000 },
      )
      .toEqual(['synced']);
    expect(await recordsWith(server, problem)).toHaveLength(1);
    await context.close();
  });
});
