import * as z from 'zod/mini';
import { localFailure } from '../../shared/sync/request';
import type { Reply } from '../messaging/protocol';
import { TEACH_INPUT_KEY, TeachPick, TeachPreview, type TeachInput } from '../teach/teach-input';
import type { ClipBrowser } from './clip';

/** The unlisted script (entrypoints/teach.ts) that picks and previews in the page. */
export const TEACH_SCRIPT = '/teach.js';

type Scripting = { executeScript(injection: object): Promise<Array<{ result?: unknown }>> };

/** Hand the input to the page and run the teach script there; its (awaited) result, or why it failed. */
async function runInPage(browser: Pick<ClipBrowser, 'scripting'>, tabId: number, input: TeachInput): Promise<{ ok: true; result: unknown } | { ok: false; message: string }> {
  const scripting = browser.scripting as unknown as Scripting;
  try {
    await scripting.executeScript({
      target: { tabId },
      // Runs in the page, serialised: the key travels as an argument, not through the closure.
      func: (handed: TeachInput, key: string) => {
        (globalThis as unknown as Record<string, unknown>)[key] = handed;
      },
      args: [input, TEACH_INPUT_KEY],
    });
    const [first] = await scripting.executeScript({ target: { tabId }, files: [TEACH_SCRIPT] });
    return { ok: true, result: first?.result ?? null };
  } catch (error) {
    return { ok: false, message: String((error as Error)?.message ?? error) };
  }
}

/** Let the agent pick one field's element in the tab. */
export async function teachPick(browser: Pick<ClipBrowser, 'scripting'>, tabId: number, input: Extract<TeachInput, { mode: 'pick' }>): Promise<Reply<'teach.pick'>> {
  const ran = await runInPage(browser, tabId, input);
  if (!ran.ok) return { ok: false, error: localFailure('forbidden', ran.message, 'permission') };
  const parsed = z.safeParse(TeachPick, ran.result);
  if (!parsed.success) return { ok: false, error: localFailure('internal', 'The page did not answer the pick.', 'capture_failed') };
  return { ok: true, value: { pick: parsed.data } };
}

/** Read the taught rules on the tab. */
export async function teachPreview(browser: Pick<ClipBrowser, 'scripting'>, tabId: number, input: Extract<TeachInput, { mode: 'preview' }>): Promise<Reply<'teach.preview'>> {
  const ran = await runInPage(browser, tabId, input);
  if (!ran.ok) return { ok: false, error: localFailure('forbidden', ran.message, 'permission') };
  const parsed = z.safeParse(TeachPreview, ran.result);
  if (!parsed.success) return { ok: false, error: localFailure('internal', 'The page did not answer the preview.', 'capture_failed') };
  return { ok: true, value: parsed.data };
}

/** Stop a pick in progress on the tab (nothing to answer when none is). */
export async function teachCancel(browser: Pick<ClipBrowser, 'scripting'>, tabId: number): Promise<Reply<'teach.cancel'>> {
  await runInPage(browser, tabId, { mode: 'cancel' });
  return { ok: true, value: {} };
}
