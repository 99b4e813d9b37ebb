// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { takeScreenshot, type ClipBrowser } from '../../../extension/background/clip';
import { TINY_PNG } from '../support/fake-browser';

const TAB = { id: 7, windowId: 1 };

/**
 * A browser whose captureVisibleTab answers with each of `outcomes` in turn (an Error rejects), and
 * whose tabs.get says whether the clipped tab is in front, one answer per call (the last one repeats).
 */
function browserAnswering(outcomes: Array<string | Error>, inFront: boolean[] = [true]) {
  const captureVisibleTab = vi.fn(async () => {
    const next = outcomes.shift() ?? new Error('no more answers');
    if (next instanceof Error) throw next;
    return next;
  });
  const get = vi.fn(async (tabId: number) => ({ id: tabId, active: (inFront.length > 1 ? inFront.shift() : inFront[0]) ?? false }));
  return { browser: { tabs: { captureVisibleTab, get }, scripting: { executeScript: vi.fn() } } as unknown as ClipBrowser, captureVisibleTab, get };
}

describe('takeScreenshot', () => {
  const now = new Date('2025-09-30T02:00:00Z');

  it('tries again when the capture failed for a passing reason (page still painting, rate limit)', async () => {
    const { browser, captureVisibleTab, get } = browserAnswering([new Error('Failed to capture tab: unknown error'), TINY_PNG]);
    const shot = await takeScreenshot(browser, TAB, 'shot-1', now);
    expect(captureVisibleTab).toHaveBeenCalledTimes(2);
    expect(captureVisibleTab).toHaveBeenCalledWith(TAB.windowId, { format: 'png' });
    expect(get).toHaveBeenCalledWith(TAB.id);
    if (!('meta' in shot)) throw new Error(`no screenshot: ${shot.missing}`);
    expect(shot.meta).toMatchObject({ id: 'shot-1', mimeType: 'image/png', capturedAt: now.toISOString() });
    expect(shot.blob.size).toBeGreaterThan(0);
  });

  it('goes on without a screenshot at once when the permission is missing, and says so', async () => {
    const { browser, captureVisibleTab } = browserAnswering([new Error("Either the '<all_urls>' or 'activeTab' permission is required.")]);
    expect(await takeScreenshot(browser, TAB, 'shot-2', now)).toEqual({ missing: 'not_allowed' });
    expect(captureVisibleTab).toHaveBeenCalledTimes(1);
  });

  it('gives up after three failed tries', async () => {
    const busy = () => new Error('This request exceeds the MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND quota.');
    const { browser, captureVisibleTab } = browserAnswering([busy(), busy(), busy(), TINY_PNG]);
    expect(await takeScreenshot(browser, TAB, 'shot-3', now)).toEqual({ missing: 'failed' });
    expect(captureVisibleTab).toHaveBeenCalledTimes(3);
  });

  it('takes no picture when another tab is in front: it would show another page', async () => {
    const { browser, captureVisibleTab } = browserAnswering([TINY_PNG], [false]);
    expect(await takeScreenshot(browser, TAB, 'shot-4', now)).toEqual({ missing: 'tab_hidden' });
    expect(captureVisibleTab).not.toHaveBeenCalled();
  });

  it('throws the picture away when another tab came to the front while it was taken', async () => {
    const { browser, captureVisibleTab } = browserAnswering([TINY_PNG], [true, false]);
    expect(await takeScreenshot(browser, TAB, 'shot-5', now)).toEqual({ missing: 'tab_hidden' });
    expect(captureVisibleTab).toHaveBeenCalledTimes(1);
  });

  it('reports a refusal after a tab switch as the switch (the refusal is its consequence)', async () => {
    const { browser } = browserAnswering([new Error("Either the '<all_urls>' or 'activeTab' permission is required.")], [true, false]);
    expect(await takeScreenshot(browser, TAB, 'shot-6', now)).toEqual({ missing: 'tab_hidden' });
  });
});
