import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { TEACH_INPUT_KEY, type TeachInput } from '../teach/teach-input';
import { cancelPick, pickElement, previewRules } from '../teach/teach-page';

/**
 * Injected into the tab being taught (scripting.executeScript): picks one field's element, reads
 * the taught rules for the panel's preview, or stops a pick, as the background handed over.
 */
export default defineUnlistedScript(() => {
  const scope = globalThis as unknown as Record<string, TeachInput | undefined>;
  const input = scope[TEACH_INPUT_KEY];
  delete scope[TEACH_INPUT_KEY];
  if (!input) return null;
  if (input.mode === 'pick') return pickElement(document, input.field, input.banner);
  if (input.mode === 'cancel') return cancelPick();
  return previewRules(document, location.href, input.rules, {
    ...(input.id ? { id: input.id } : {}),
    ...(input.version ? { version: input.version } : {}),
  });
});
