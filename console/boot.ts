import { BOOT_INIT, BOOT_KEY, bootPaths } from './api/boot-requests';

/*
 * The console's boot script: a few hundred bytes listed before the main bundle in index.html, so the
 * session and the queue's first page are asked for while the bundle downloads and parses, instead of
 * after (the first rows otherwise wait for both, one after the other). The API client takes these
 * answers over (createApiClient's `early`).
 */

const early: Record<string, Promise<Response>> = {};
for (const path of bootPaths(location.pathname)) early[path] = fetch(path, BOOT_INIT);
(window as unknown as Record<string, unknown>)[BOOT_KEY] = early;
