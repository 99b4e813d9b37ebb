import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ROOT, buildExtension, launchWithExtension, pressToolbarButton, serveFixtures, type ExtensionBrowser } from './support/extension-browser';

/*
 * Acceptance (issue 14): every press of the toolbar button ends in a draft or in a notice, never in
 * nothing. The race of a press and a page change is made deterministic by slowing the worker
 * around the click: its chrome.scripting.executeScript is held at a gate until the test has moved
 * the tab on, then released, so the real Chromium answers (and refuses) the real injection.
 */

interface Gate {
  calls: number;
  held: number;
}

/** Hold every page injection of the worker until `release()`; counts the calls and the ones held. */
async function slowInjections(browser: ExtensionBrowser): Promise<void> {
  const worker = await browser.worker();
  await worker.evaluate(() => {
    const g = globalThis as unknown as Record<string, unknown> & { chrome: { scripting: { executeScript(i: unknown): Promise<unknown> } } };
    if (g.__gate) return;
    const scripting = g.chrome.scripting;
    const real = scripting.executeScript.bind(scripting);
    const gate = { calls: 0, held: 0, open: false, waiting: [] as Array<() => void> };
    g.__gate = gate;
    scripting.executeScript = (injection: unknown) => {
      gate.calls++;
      if (gate.open) return real(injection);
      gate.held++;
      return new Promise<void>((resolve) => gate.waiting.push(resolve)).then(() => real(injection));
    };
  });
}

async function gateState(browser: ExtensionBrowser): Promise<Gate> {
  const worker = await browser.worker();
  return worker.evaluate(() => {
    const gate = (globalThis as unknown as { __gate: Gate & { waiting: unknown[] } }).__gate;
    return { calls: gate.calls, held: gate.waiting.length };
  });
}

/** Close the gate again (`open = false`) or let everything through, releasing what waits. */
async function setGate(browser: ExtensionBrowser, open: boolean): Promise<void> {
  const worker = await browser.worker();
  await worker.evaluate((open) => {
    const gate = (globalThis as unknown as { __gate: { open: boolean; waiting: Array<() => void> } }).__gate;
    gate.open = open;
    if (open) for (const release of gate.waiting.splice(0)) release();
  }, open);
}

async function badge(browser: ExtensionBrowser): Promise<string> {
  const worker = await browser.worker();
  return worker.evaluate(() => (globalThis as unknown as { chrome: { action: { getBadgeText(d: object): Promise<string> } } }).chrome.action.getBadgeText({}));
}

/** Drafts in the extension's outbox, read from an extension page. */
async function draftCount(panel: Page): Promise<number> {
  return panel.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('echobox-extension');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('entries').objectStore('entries').index('state').count('draft');
          request.onsuccess = () => {
            resolve(request.result);
            open.result.close();
          };
          request.onerror = () => reject(request.error);
        };
      }),
  );
}

describe('extension: a press of the toolbar button racing a page change', () => {
  let dir: string;
  let fixtures: Awaited<ReturnType<typeof serveFixtures>>;
  let browser: ExtensionBrowser | undefined;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'echobox-ext-race-'));
    fixtures = await serveFixtures(join(ROOT, 'test', 'fixtures', 'helpdesk'));
    browser = await launchWithExtension(join(dir, 'profile'), await buildExtension());
  });

  afterAll(async () => {
    await browser?.close().catch(() => {});
    await fixtures?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('ends every press in a draft or a failed clip the panel lists with a notice, never in nothing', async () => {
    const b = browser!;
    const panel = await b.openPage('sidepanel.html');
    const page = await b.context.newPage();
    const article = `http://127.0.0.1:${fixtures.port}/generic-article.html`;
    await page.goto(article);
    await slowInjections(b);
    let presses = 0;

    // 1. The worker is slow and the agent stays on the page: the press ends in a draft.
    await pressToolbarButton(b, page);
    presses++;
    await expect.poll(async () => (await gateState(b)).held).toBe(1);
    await setGate(b, true);
    await expect.poll(() => draftCount(panel), { timeout: 20_000 }).toBe(1);
    expect(await badge(b)).not.toBe('!');

    // 2. While the worker is held, the tab goes on to another site: the click's grant no longer covers
    //    it, Chromium refuses every try ("Cannot access contents"), and the press leaves a notice.
    await setGate(b, false);
    await pressToolbarButton(b, page);
    presses++;
    await expect.poll(async () => (await gateState(b)).held).toBe(1);
    await page.goto(`http://localhost:${fixtures.port}/generic-article.html`);
    await setGate(b, true);
    await expect.poll(() => badge(b), { timeout: 20_000 }).toBe('!');
    const title = await (await b.worker()).evaluate(() => (globalThis as unknown as { chrome: { action: { getTitle(d: object): Promise<string> } } }).chrome.action.getTitle({}));
    expect(title).toMatch(/could not clip|无法摘录/);
    await panel.bringToFront();
    const failed = panel.locator('[data-testid=failed-clip]');
    await expect.poll(() => failed.count(), { timeout: 10_000 }).toBe(1);
    expect(await failed.getAttribute('data-reason')).toBe('permission');

    // Every press is accounted for: one draft, one failed clip.
    expect((await draftCount(panel)) + (await failed.count())).toBe(presses);

    // Retrying from the panel while the tab shows another page does not clip that page; dismissing clears the notice.
    await panel.click('[data-testid=failed-retry]');
    await panel.waitForSelector('[data-testid=notice]');
    expect(await draftCount(panel)).toBe(1);
    await panel.click('[data-testid=failed-dismiss]');
    await expect.poll(() => failed.count()).toBe(0);
    await expect.poll(() => badge(b)).toBe('');
  });
});
