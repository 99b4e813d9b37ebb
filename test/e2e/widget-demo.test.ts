import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/browser';
import { startEchobox, type EchoboxServer } from './support/echobox-server';
import { ensureWidgetBuilt } from './support/widget-build';
import { nextSubmitted, watchCsp } from './support/widget-page';

/*
 * `npm start` serves a demo host page; a newcomer opens it, sends feedback, and the product team
 * reads the record through the staff API: with the right fields and the contact masked on the device.
 */

describe('widget on the demo page', () => {
  let server: EchoboxServer;
  let browser: Browser;

  beforeAll(async () => {
    await ensureWidgetBuilt();
    [server, browser] = await Promise.all([startEchobox(), launchChromium()]);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('serves the loader and chunks with script types, CORS and caching', async () => {
    const loader = await fetch(`${server.url}/widget/widget.js`);
    expect(loader.status).toBe(200);
    expect(loader.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(loader.headers.get('access-control-allow-origin')).toBe('*');
    expect(loader.headers.get('cache-control')).toContain('max-age=300');
    const body = await loader.text();
    const box = /"(box-[A-Z0-9]{8}\.js)"/.exec(body)?.[1];
    expect(box).toBeDefined();
    const chunk = await fetch(`${server.url}/widget/${box}`);
    expect(chunk.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const again = await fetch(`${server.url}/widget/${box}`, { headers: { 'if-none-match': chunk.headers.get('etag') ?? '' } });
    expect(again.status).toBe(304);
    expect((await fetch(`${server.url}/widget/..%2Fpackage.json`)).status).toBe(404);
  });

  it('sends feedback from the demo page; the record has the right fields and a masked contact', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    const cspViolations = await watchCsp(page);
    await page.goto(`${server.url}/demo`);
    expect((await page.request.get(`${server.url}/demo`)).headers()['content-security-policy']).toContain("default-src 'self'");
    const submitted = await nextSubmitted(page);

    await page.getByRole('button', { name: '意见反馈' }).click();
    const dialog = page.getByRole('dialog', { name: '意见反馈' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await dialog.getByRole('radio', { name: '产品缺陷' }).check();
    await dialog.getByLabel('发生场景').fill('报表页面,点击导出之后');
    await dialog.getByLabel('问题描述').fill('导出报表时点击导出按钮没有反应,等了一分钟也没有下载');
    await dialog.getByLabel('期望的解决方案').fill('点击后 10 秒内开始下载 Excel 文件');
    await dialog.getByLabel('联系方式(选填)').fill('王先生 13812345678');
    await dialog.getByRole('checkbox', { name: /我同意记录我的联系方式/ }).check();
    await dialog.getByRole('button', { name: '提交' }).click();

    const detail = await submitted();
    expect(detail).toMatchObject({ status: 'sent', recordNumber: expect.stringMatching(/^DEMO-\d{8}-001$/) });
    await expect.poll(() => dialog.getByText('感谢您的反馈,我们已收到!').isVisible()).toBe(true);
    await expect.poll(() => dialog.getByText(`您的反馈编号:${detail.recordNumber}`).isVisible()).toBe(true);

    const { record } = await server.staffJson<{ record: Record<string, unknown> }>(`/api/v1/records/${detail.id}`);
    expect(record).toMatchObject({
      id: detail.id,
      recordNumber: detail.recordNumber,
      department: 'DEMO',
      source: 'customer_self',
      channel: 'suggestion_box',
      channelMode: 'passive',
      category: 'product_defect',
      scenario: '报表页面,点击导出之后',
      problem: '导出报表时点击导出按钮没有反应,等了一分钟也没有下载',
      expectedSolution: '点击后 10 秒内开始下载 Excel 文件',
      contact: '138****5678',
      contactConsent: true,
      status: 'pending_analysis',
      origin: {
        kind: 'widget',
        locale: 'zh-CN',
        page: { url: `${server.url}/demo`, title: 'Acme 报表 · Echobox 演示', appVersion: 'demo-1.0' },
        reporter: { anonymousId: expect.stringMatching(/^[0-9a-f]{64}$/) },
      },
    });
    expect(JSON.stringify(record)).not.toContain('13812345678');
    expect(await cspViolations()).toEqual([]);
    await context.close();
  });

  it('opens from the host page’s own button with a category and scenario (calls queued before load)', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${server.url}/demo?lang=en`);
    await page.getByRole('button', { name: 'Report an export problem' }).click();
    const dialog = page.getByRole('dialog', { name: 'Feedback' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.getByRole('radio', { name: 'Product defect' }).isChecked()).toBe(true);
    expect(await dialog.getByLabel('Where did it happen?').inputValue()).toBe('Reports page, after pressing Export report');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await context.close();
  });
  it('attaches a redacted screenshot ([data-private] painted over), uploaded before the record', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1024, height: 768 } });
    const page = await context.newPage();
    const cspViolations = await watchCsp(page);
    await page.goto(`${server.url}/demo`);
    const submitted = await nextSubmitted(page);
    await page.getByRole('button', { name: '意见反馈' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: '截取当前页面' }).click();
    await expect.poll(() => dialog.getByRole('heading', { name: '遮挡隐私信息' }).isVisible(), { timeout: 60_000 }).toBe(true);
    const image = dialog.getByRole('img', { name: /当前页面截图,已遮挡 0 处/ });
    // The private account number is painted over in the picture, not in the page.
    const privatePixel = await page.evaluate(() => {
      const canvas = document.querySelector('echobox-widget')!.shadowRoot!.querySelector('canvas')!;
      const scale = canvas.width / document.documentElement.scrollWidth;
      const r = document.querySelector('[data-private]')!.getBoundingClientRect();
      const [red, green, blue] = canvas.getContext('2d')!.getImageData((r.left + r.width / 2 + scrollX) * scale, (r.top + r.height / 2 + scrollY) * scale, 1, 1).data;
      return [red, green, blue, document.querySelector('[data-private]')!.textContent];
    });
    expect(privatePixel).toEqual([119, 119, 119, '6222 0200 1234 5678']);
    const box = (await image.boundingBox())!;
    await page.mouse.move(box.x + 10, box.y + 10);
    await page.mouse.down();
    await page.mouse.move(box.x + 120, box.y + 60, { steps: 5 });
    await page.mouse.up();
    // The click-click way, without dragging.
    await page.mouse.click(box.x + 150, box.y + 20);
    await page.mouse.click(box.x + 200, box.y + 50);
    await expect.poll(() => dialog.getByRole('img', { name: /已遮挡 2 处/ }).count()).toBe(1);
    await dialog.getByRole('button', { name: '添加截图' }).click();
    await expect.poll(() => dialog.getByText('已附截图').isVisible()).toBe(true);
    await dialog.getByRole('radio', { name: '服务体验' }).check();
    await dialog.getByLabel('问题描述').fill('报表页面点击导出后弹出的提示框遮住了表格,无法看到数据');
    await dialog.getByRole('button', { name: '提交' }).click();
    const { id } = await submitted();

    const { record } = await server.staffJson<{ record: { attachments: { mimeType: string; sha256: string; size: number; name: string }[] } }>(`/api/v1/records/${id}`);
    expect(record.attachments).toEqual([expect.objectContaining({ mimeType: 'image/png', sha256: expect.stringMatching(/^[0-9a-f]{64}$/), name: expect.stringMatching(/^screenshot-.*\.png$/) })]);
    const bytes = await server.staff(`/api/v1/attachments/${record.attachments[0]!.sha256}`);
    expect(bytes.status).toBe(200);
    expect(bytes.headers.get('content-type')).toBe('image/png');
    expect((await bytes.arrayBuffer()).byteLength).toBe(record.attachments[0]!.size);
    expect(await cspViolations()).toEqual([]);
    await context.close();
  });

  it('stores the page without query and fragment and with the title masked; a screenshot paints over contenteditable text', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1024, height: 768 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/demo?email=jane%40example.com&reset_token=r3s3t#access_token=acc3ss`);
    // A web mail page as the issue found it: the address in the title, a draft in a rich-text editor.
    await page.evaluate(() => {
      document.title = 'Inbox – jane@example.com';
      const editor = document.createElement('div');
      editor.contentEditable = 'true';
      editor.id = 'draft-reply';
      editor.textContent = 'Dear Jane, your reset code is 424242';
      editor.style.cssText = 'width:400px;height:80px;font-size:32px;background:#fff;color:#000';
      document.querySelector('main')!.prepend(editor);
    });
    const submitted = await nextSubmitted(page);
    await page.getByRole('button', { name: '意见反馈' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: '截取当前页面' }).click();
    await expect.poll(() => dialog.getByRole('heading', { name: '遮挡隐私信息' }).isVisible(), { timeout: 60_000 }).toBe(true);
    // Every sampled pixel of the editor's box is the painted grey: none of its text shows.
    const editorPixels = await page.evaluate(() => {
      const canvas = document.querySelector('echobox-widget')!.shadowRoot!.querySelector('canvas')!;
      const scale = canvas.width / document.documentElement.scrollWidth;
      const r = document.getElementById('draft-reply')!.getBoundingClientRect();
      const g = canvas.getContext('2d')!;
      const seen = new Set<string>();
      for (let x = r.left + 2; x < r.right - 2; x += 7) {
        for (let y = r.top + 2; y < r.bottom - 2; y += 5) {
          seen.add(g.getImageData((x + scrollX) * scale, (y + scrollY) * scale, 1, 1).data.slice(0, 3).join(','));
        }
      }
      return [...seen];
    });
    expect(editorPixels).toEqual(['119,119,119']);
    await dialog.getByRole('button', { name: '添加截图' }).click();
    await expect.poll(() => dialog.getByText('已附截图').isVisible()).toBe(true);
    await dialog.getByRole('radio', { name: '产品缺陷' }).check();
    await dialog.getByLabel('问题描述').fill('重置密码的邮件一直收不到,已经等了半个小时');
    await dialog.getByRole('button', { name: '提交' }).click();
    const { id } = await submitted();

    const { record } = await server.staffJson<{ record: { origin: { page: Record<string, unknown> } } }>(`/api/v1/records/${id}`);
    expect(record.origin.page).toMatchObject({ url: `${server.url}/demo`, title: 'Inbox – ***@***' });
    expect(JSON.stringify(record)).not.toMatch(/jane|r3s3t|acc3ss|[?#]/);
    await context.close();
  });
});
