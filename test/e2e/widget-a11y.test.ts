import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './support/browser';
import { startEchobox, type EchoboxServer } from './support/echobox-server';
import { startHostSite, type HostSite } from './support/host-site';
import { ensureWidgetBuilt } from './support/widget-build';
import { deepFocus, embedPage, nextSubmitted, recordsWith, widgetReady } from './support/widget-page';

/*
 * WCAG 2.2 AA in practice: the whole flow with the keyboard alone (open, fill, answer the coaching
 * question, send, close, focus back on the launcher), axe-core finding nothing in the open dialog
 * (light and dark, form, errors and the sent view), and the bottom sheet on a phone.
 */

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

type AxeNode = { target: unknown; failureSummary: string };
type AxeResult = { violations: { id: string; impact: string; nodes: AxeNode[] }[]; passes: { id: string; nodes: AxeNode[] }[] };

/** axe-core's WCAG A/AA rules over the page (which is empty apart from the widget). */
async function axe(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(
    () =>
      (window as unknown as { axe: { run(c: unknown, o: unknown): Promise<AxeResult> } }).axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      }) as Promise<AxeResult>,
  );
  // The rules really reached into the shadow root (targets there are [['echobox-widget', …]]).
  const inWidget = result.passes.flatMap((p) => p.nodes).filter((n) => JSON.stringify(n.target).includes('echobox-widget'));
  expect(inWidget.length).toBeGreaterThan(10);
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => `${JSON.stringify(n.target)} ${n.failureSummary}`).join(' | ')}`);
}

/** Press Tab until the focused element matches, failing if focus ever leaves the widget. */
async function tabTo(page: Page, target: string, max = 20): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const at = await deepFocus(page);
    expect(at.startsWith('widget:'), `focus left the dialog: ${at}`).toBe(true);
    if (at === target) return;
  }
  throw new Error(`never reached ${target}`);
}

describe('widget accessibility', () => {
  let server: EchoboxServer & { seeded: { key: string } };
  let host: HostSite;
  let browser: Browser;

  beforeAll(async () => {
    await ensureWidgetBuilt();
    host = await startHostSite();
    [server, browser] = await Promise.all([startEchobox({ seed: (t) => t.siteKey({ origins: [host.origin] }) }), launchChromium()]);
    const page = embedPage({ widgetSrc: `${server.url}/widget/widget.js`, siteKey: server.seeded.key, apiUrl: server.url, title: '设置' });
    host.setPage('/app.html', { body: page });
    host.setPage('/app-en.html', { body: embedPage({ widgetSrc: `${server.url}/widget/widget.js`, siteKey: server.seeded.key, apiUrl: server.url, lang: 'en', title: 'Settings' }) });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
    await host?.close();
  });

  it('can be used with the keyboard alone: open, fill, answer the follow-up, send, close', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${host.origin}/app.html`);
    const submitted = await nextSubmitted(page);
    await page.getByRole('button', { name: '意见反馈' }).waitFor();

    await page.keyboard.press('Tab');
    expect(await deepFocus(page)).toBe('widget:button[button]');
    await page.keyboard.press('Enter');
    await expect.poll(() => deepFocus(page)).toBe('widget:input[radio]');
    await page.keyboard.press('ArrowRight');
    expect(await page.getByRole('radio', { name: '服务体验' }).isChecked()).toBe(true);

    await tabTo(page, 'widget:textarea#problem');
    await page.keyboard.type('不好用');
    await tabTo(page, 'widget:button[submit]');
    await page.keyboard.press('Enter');
    // The vague text meets the follow-up question (DOMAIN.md §3) and focus goes back to the text.
    await expect.poll(() => page.locator('#coach').textContent()).toContain('具体是哪一步操作不便?');
    await expect.poll(() => deepFocus(page)).toBe('widget:textarea#problem');
    await page.keyboard.type(',设置页面点击保存之后提示失败');
    await tabTo(page, 'widget:button[submit]');
    await page.keyboard.press('Enter');

    expect((await submitted()).status).toBe('sent');
    await expect.poll(() => page.getByRole('heading', { name: '感谢您的反馈,我们已收到!' }).isVisible()).toBe(true);
    expect(await deepFocus(page)).toBe('widget:h3');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').isVisible()).toBe(false);
    await expect.poll(() => deepFocus(page)).toBe('widget:button[button]');
    expect(await recordsWith(server, '不好用,设置页面点击保存之后提示失败')).toHaveLength(1);
    await context.close();
  });

  it('announces what is missing and marks the fields', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${host.origin}/app-en.html`);
    await widgetReady(page);
    await page.getByRole('button', { name: 'Feedback' }).click();
    const dialog = page.getByRole('dialog', { name: 'Feedback' });
    await dialog.getByLabel('Contact (optional)').fill('someone@example.com');
    await dialog.getByRole('button', { name: 'Submit' }).click();
    await expect.poll(() => dialog.getByRole('status').filter({ hasText: 'Some fields are missing' }).count()).toBe(1);
    expect(await dialog.getByRole('radiogroup').getAttribute('aria-invalid')).toBe('true');
    expect(await dialog.getByLabel('What went wrong?').getAttribute('aria-invalid')).toBe('true');
    expect(await dialog.getByText('Choose a feedback type.').isVisible()).toBe(true);
    expect(await dialog.getByText('Tick the box to let us record your contact').isVisible()).toBe(true);
    await expect.poll(() => deepFocus(page)).toBe('widget:input[radio]');
    await context.close();
  });

  it('has no axe-core violations in the open dialog (light and dark; form, errors, sent)', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ locale: 'zh-CN', colorScheme });
      const page = await context.newPage();
      await page.goto(`${host.origin}/app.html`);
      const submitted = await nextSubmitted(page);
      await page.getByRole('button', { name: '意见反馈' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('radio', { name: '其他' }).waitFor();
      expect(await axe(page), `${colorScheme}: form`).toEqual([]);
      await dialog.getByLabel('联系方式(选填)').fill('13812345678');
      await dialog.getByRole('button', { name: '提交' }).click();
      await dialog.getByText('请选择反馈类型。').waitFor();
      expect(await axe(page), `${colorScheme}: errors`).toEqual([]);
      await dialog.getByRole('radio', { name: '其他' }).check();
      await dialog.getByRole('checkbox').check();
      await dialog.getByLabel('问题描述').fill('在设置页面点击保存之后,页面提示保存失败,刷新后修改丢失');
      await dialog.getByRole('button', { name: '提交' }).click();
      await submitted();
      await dialog.getByRole('heading', { name: '感谢您的反馈,我们已收到!' }).waitFor();
      expect(await axe(page), `${colorScheme}: sent`).toEqual([]);
      await context.close();
    }
  });

  it('is a bottom sheet on a phone', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${host.origin}/app.html`);
    await page.getByRole('button', { name: '意见反馈' }).tap();
    const box = await page.getByRole('dialog').boundingBox();
    expect(box).not.toBeNull();
    expect(box!.width).toBe(390);
    expect(Math.round(box!.y + box!.height)).toBe(844);
    await context.close();
  });
});
