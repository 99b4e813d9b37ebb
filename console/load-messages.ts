import type { Locale } from '../shared/i18n/locale';
import type { Messages } from '../shared/i18n/translator';

/*
 * Each language's messages are a chunk of their own (console/build.ts makes `console-messages:<locale>`
 * from shared/i18n/catalog.ts): a first load fetches one, a switch fetches the other. The boot script
 * calls this too, so the chunk is on its way before the main script runs; the browser loads a
 * module once, whoever asks.
 */

/** One language's messages, fetched on first use. */
export const loadMessages = async (locale: Locale): Promise<Messages> =>
  (locale === 'en' ? await import('console-messages:en') : await import('console-messages:zh-CN')).default;
