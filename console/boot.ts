import { BOOT_INIT, BOOT_KEY, bootPaths } from './api/boot-requests';
import { chosenLocale } from './chosen-locale';
import { loadMessages } from './load-messages';

/*
 * The console's boot script: a few hundred bytes listed before the main bundle in index.html, so the
 * session, the queue's first page and the chosen language's messages are asked for while the bundle
 * downloads and parses, instead of after (the first rows otherwise wait for both, one after the
 * other). The API client takes these answers over (createApiClient's `early`); the messages are the
 * same module the main script imports, so the browser fetches them once.
 */

const early: Record<string, Promise<Response>> = {};
for (const path of bootPaths(location.pathname)) early[path] = fetch(path, BOOT_INIT);
(window as unknown as Record<string, unknown>)[BOOT_KEY] = early;
// A failure here is the main script's to report when it asks again.
loadMessages(chosenLocale(localStorage, navigator.languages)).catch(() => undefined);
