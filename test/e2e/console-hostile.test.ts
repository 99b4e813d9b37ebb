import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { v7 as uuidv7 } from 'uuid';
import { launchChromium } from './support/browser';
import { startEchobox, type EchoboxServer } from './support/echobox-server';
import { consoleUser, ensureConsoleBuilt, seedRecords, signIn } from './support/console-page';
import { ensureWidgetBuilt } from './support/widget-build';
import { nextSubmitted, watchCsp } from './support/widget-page';
import type { RecordInput } from '../../shared/schemas/record';
import type { RecordDetail } from '../../shared/schemas/record-page';

/*
 * Hostile text from every way in: records whose every text field holds script tags, event-handler
 * attributes, `javascript:` links, SVG payloads, bidi overrides and about 100 KB of text, sent
 * through the widget on the demo page, the extension's API (a clip) and the console's own form.
 * The queue and the record page show all of it as text: no script runs, nothing is cut, and the
 * page does not scroll sideways.
 */

/** Markup that runs script if it is ever rendered as HTML, and overrides that flip the reading order. */
const PAYLOAD = [
  '<script>window.__xss=1</script>',
  '<img src=x onerror="window.__xss=2">',
  '<svg onload="window.__xss=3"><script>window.__xss=5</script></svg>',
  '<a href="javascript:window.__xss=4">click</a>',
  '<iframe srcdoc="<script>parent.__xss=6</script>"></iframe>',
  '\u202Eevil\u202C \u2067isolate\u2069',
].join(' ');

/**
 * A field of about 100 KB (UTF-8): the payload, an unbroken 5,000-character word, and Chinese prose
 * in paragraphs (on one line for the one-line scenario inputs, which drop line breaks as browsers do).
 */
function hostileText(marker: string): string {
  const oneLine = marker.includes('SCENARIO');
  const paragraph = `${'客户反馈的长文本内容需要完整保存并原样显示'.repeat(20)}${oneLine ? ' ' : '\n'}`;
  let text = `${marker} ${PAYLOAD} ${'w'.repeat(5_000)}${oneLine ? ' ' : '\n'}`;
  while (Buffer.byteLength(text) < 100_000) text += paragraph;
  return text.trimEnd();
}

/** "same" or where two long texts first differ (a diff of 100 KB texts helps nobody). */
function sameText(actual: string | undefined, expected: string): string {
  if (actual === expected) return 'same';
  if (actual === undefined) return 'missing';
  let i = 0;
  while (i < actual.length && actual[i] === expected[i]) i++;
  return `differs at ${i} of ${expected.length} (got ${actual.length}): ${JSON.stringify(actual.slice(i, i + 40))} instead of ${JSON.stringify(expected.slice(i, i + 40))}`;
}

const rowOf = (page: Page, marker: string) => page.locator('[role=row][data-record-number]', { hasText: marker });

describe('hostile text in the console', () => {
  let server: EchoboxServer & { seeded: { reviewer: { email: string }; base: RecordInput } };
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const sent = new Map<string, { id: string; texts: string[] }>();

  async function newPage(locale = 'en'): Promise<Page> {
    const context = await browser.newContext({ locale, viewport: { width: 1280, height: 800 } });
    contexts.push(context);
    const page = await context.newPage();
    page.on('dialog', (dialog) => {
      throw new Error(`a dialog opened: ${dialog.message()}`);
    });
    return page;
  }

  beforeAll(async () => {
    await Promise.all([ensureConsoleBuilt(), ensureWidgetBuilt()]);
    [server, browser] = await Promise.all([
      startEchobox({
        seed: async (tools) => ({
          reviewer: await consoleUser(tools, 'reviewer', '李娜'),
          base: (await seedRecords(tools, 1))[0]!,
        }),
      }),
      launchChromium(),
    ]);
  }, 240_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await server?.dispose();
  });

  it('takes the texts in whole through the widget, the extension API and the console form', async () => {
    // The widget on the demo page.
    const widget = await newPage('zh-CN');
    await widget.goto(`${server.url}/demo`);
    const submitted = await nextSubmitted(widget);
    await widget.getByRole('button', { name: '意见反馈' }).click();
    const dialog = widget.getByRole('dialog', { name: '意见反馈' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    const widgetTexts = ['HOSTILE-W-SCENARIO', 'HOSTILE-W-PROBLEM', 'HOSTILE-W-EXPECTED'].map(hostileText);
    await dialog.getByRole('radio', { name: '产品缺陷' }).check();
    await dialog.getByLabel('发生场景').fill(widgetTexts[0]!);
    await dialog.getByLabel('问题描述').fill(widgetTexts[1]!);
    await dialog.getByLabel('期望的解决方案').fill(widgetTexts[2]!);
    await dialog.getByRole('button', { name: '提交' }).click();
    const detail = await submitted();
    expect(detail.status).toBe('sent');
    sent.set('HOSTILE-W-PROBLEM', { id: detail.id, texts: [widgetTexts[1]!, widgetTexts[0]!, widgetTexts[2]!] });

    // A clip through the extension's API, with the selected excerpt and the page's readable text.
    const clipTexts = ['HOSTILE-E-PROBLEM', 'HOSTILE-E-SCENARIO', 'HOSTILE-E-EXPECTED', 'HOSTILE-E-EXCERPT'].map(hostileText);
    const clipId = uuidv7();
    const res = await server.staff('/api/v1/records', {
      method: 'POST',
      body: JSON.stringify({
        ...server.seeded.base,
        id: clipId,
        recordedAt: new Date().toISOString(),
        problem: clipTexts[0],
        scenario: clipTexts[1],
        expectedSolution: clipTexts[2],
        origin: {
          kind: 'extension',
          clip: {
            page: { url: 'https://help.example.com/tickets/42', title: PAYLOAD, selection: clipTexts[3], readableText: hostileText('HOSTILE-E-READABLE'), metadata: {}, reader: { author: PAYLOAD.slice(0, 190), dir: 'ltr' } },
            capturedAt: new Date().toISOString(),
          },
        },
      }),
    });
    expect(res.status).toBe(201);
    sent.set('HOSTILE-E-PROBLEM', { id: clipId, texts: clipTexts });

    // The console's own form.
    const form = await newPage();
    await signIn(form, server.url, server.seeded.reviewer.email);
    await form.goto(`${server.url}/records/new`);
    await form.locator('#new-record-title').waitFor();
    const formTexts = ['HOSTILE-C-PROBLEM', 'HOSTILE-C-SCENARIO', 'HOSTILE-C-EXPECTED'].map(hostileText);
    await form.getByLabel('Source', { exact: true }).selectOption('sales');
    await form.getByLabel('Channel', { exact: true }).selectOption('meeting');
    await form.getByLabel('Problem description').fill(formTexts[0]!);
    await form.getByLabel('Scenario').fill(formTexts[1]!);
    await form.getByLabel('Expected solution').fill(formTexts[2]!);
    await form.getByRole('button', { name: 'Create record' }).click();
    await form.locator('#screening-title').waitFor();
    const number = (await form.locator('#record-title').textContent())!;
    sent.set('HOSTILE-C-PROBLEM', { id: (await server.staffJson<RecordDetail>(`/api/v1/records/${number}`)).record.id, texts: formTexts });

    // Stored exactly as sent: nothing cut, nothing escaped twice.
    for (const [marker, { id, texts }] of sent) {
      const { record } = await server.staffJson<RecordDetail>(`/api/v1/records/${id}`);
      const stored = [record.problem, record.scenario, record.expectedSolution];
      if (record.origin.kind === 'extension') stored.push(record.origin.clip.page.selection);
      expect(stored.map((text, i) => sameText(text, texts[i]!)), marker).toEqual(texts.map(() => 'same'));
    }
  });

  it('shows them as text in the queue and on each record page, in one line per row and without sideways scrolling', async () => {
    const page = await newPage();
    const csp = await watchCsp(page);
    await signIn(page, server.url, server.seeded.reviewer.email);
    for (const [marker, { texts }] of sent) {
      const row = rowOf(page, marker);
      await row.waitFor();
      expect(await row.locator('.cell-problem').textContent()).toContain(`${marker} ${PAYLOAD.slice(0, 80)}`);
      // The excerpt stays on its row: a row is as tall as the others.
      expect((await row.boundingBox())!.height).toBeLessThan(60);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), marker).toBe(true);

      await row.dblclick();
      await page.locator('#screening-title').waitFor();
      const shown = await page.locator('section[aria-labelledby=texts-title] .prose').allTextContents();
      expect(shown.slice(0, texts.length).map((text, i) => sameText(text, texts[i]!)), marker).toEqual(texts.map(() => 'same'));
      expect(await page.locator('main script, main img:not([src^="/api/v1/attachments/"]), main svg:not([aria-hidden]), main iframe, main a[href^="javascript"]').count(), marker).toBe(0);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), marker).toBe(true);
      if (marker.startsWith('HOSTILE-E')) {
        // The clip's title and author are text too; its readable text opens as paragraphs.
        expect(await page.getByTestId('clip-metadata').locator('.clip-page-title').textContent()).toBe(PAYLOAD);
        await page.getByTestId('clip-metadata').locator('summary').click();
        expect(await page.getByTestId('clip-paragraph').first().textContent()).toContain('HOSTILE-E-READABLE <script>');
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), marker).toBe(true);
      }
      await page.goBack();
      await page.locator('#queue-title').waitFor();
    }
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await csp()).toEqual([]);
  });
});
