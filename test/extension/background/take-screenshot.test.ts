// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { takeScreenshot, type ClipBrowser } from '../../../extension/background/clip';
import { TINY_PNG } from '../support/fake-browser';

/** A browser whose captureVisibleTab answers with each of `outcomes` in turn (an Error rejects). */
function browserAnswering(...outcomes: Array<string | Error>) {
  const captureVisibleTab = vi.fn(async () => {
    const next = outcomes.shift() ?? new Error('no more answers');
    if (next instanceof Error) throw next;
    return next;
  });
  return { browser: { tabs: { captureVisibleTab }, scripting: { executeScript: vi.fn() } } as unknown as ClipBrowser, captureVisibleTab };
}

describe('takeScreenshot', () => {
  const now = new Date('2025-09-30T02:00:00Z');

  it('tries again when the capture failed for a passing reason (page still painting, rate limit)', async () => {
    const { browser, captureVisibleTab } = browserAnswering(new Error('Failed to capture tab: unknown error'), TINY_PNG);
    const shot = await takeScreenshot(browser, 1, 'shot-1', now);
    expect(captureVisibleTab).toHaveBeenCalledTimes(2);
    expect(shot?.meta).toMatchObject({ id: 'shot-1', mimeType: 'image/png', capturedAt: now.toISOString() });
    expect(shot?.blob.size).toBeGreaterThan(0);
  });

  it('goes on without a screenshot at once when the permission is missing', async () => {
    const { browser, captureVisibleTab } = browserAnswering(new Error("Either the '<all_urls>' or 'activeTab' permission is required."));
    expect(await takeScreenshot(browser, 1, 'shot-2', now)).toBeNull();
    expect(captureVisibleTab).toHaveBeenCalledTimes(1);
  });

  it('gives up after three failed tries', async () => {
    const busy = () => new Error('This request exceeds the MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND quota.');
    const { browser, captureVisibleTab } = browserAnswering(busy(), busy(), busy(), TINY_PNG);
    expect(await takeScreenshot(browser, 1, 'shot-3', now)).toBeNull();
    expect(captureVisibleTab).toHaveBeenCalledTimes(3);
  });
});
