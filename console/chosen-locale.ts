import { isLocale, type Locale } from '../shared/i18n/locale';
import { negotiateLocale } from '../shared/i18n/negotiate-locale';

/*
 * Shared by the boot script (which starts fetching this language's messages at once) and the
 * Preferences model, so both pick the same language; kept free of other imports for the boot script.
 */

/** Where the person's language choice is remembered. */
export const LOCALE_KEY = 'echobox.console.locale';

/** The remembered language, else the one the browser's languages ask for. */
export const chosenLocale = (store: { getItem(key: string): string | null }, browserLanguages: readonly string[]): Locale => {
  const stored = store.getItem(LOCALE_KEY);
  return isLocale(stored) ? stored : negotiateLocale(browserLanguages);
};
