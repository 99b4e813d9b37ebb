import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { BUILTIN_ADAPTERS } from '../../shared/adapters/builtin';
import { capturePage } from '../capture/capture-page';
import { CAPTURE_INPUT_KEY, type CaptureInput } from '../capture/capture-input';

/**
 * Injected into the clipped tab (scripting.executeScript, under activeTab or a granted host):
 * captures the page with the adapters the background handed over just before, and returns the
 * result to the background. It keeps nothing in the page.
 */
export default defineUnlistedScript(() => {
  const scope = globalThis as unknown as Record<string, CaptureInput | undefined>;
  const input = scope[CAPTURE_INPUT_KEY];
  delete scope[CAPTURE_INPUT_KEY];
  const selection = input?.selection ?? String(globalThis.getSelection?.() ?? '');
  return capturePage(document, {
    url: location.href,
    adapters: input?.adapters ?? BUILTIN_ADAPTERS,
    ...(selection ? { selection } : {}),
  });
});
