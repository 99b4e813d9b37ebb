/*
 * The requests the console's first screen makes, started by console/boot.ts while the main bundle
 * is still downloading and parsing, and taken over by the API client when it asks the same thing.
 * Kept free of imports: the boot script is this file and a few lines.
 */

/** Rows fetched per queue request: a screenful several times over, small enough to answer fast at 100k records. */
export const PAGE_SIZE = 100;

/** Where the early answers wait for the API client (a property of the window). */
export const BOOT_KEY = '__echoboxBoot';

/** The GET paths to start at once for a page at `pathname`: the session always, the queue's first page on the queue. */
export function bootPaths(pathname: string): string[] {
  return pathname === '/' ? ['/api/v1/auth/me', `/api/v1/records?limit=${PAGE_SIZE}`] : ['/api/v1/auth/me'];
}

/** How the boot script and the API client send these GETs, so either one's answer serves the other. */
export const BOOT_INIT: RequestInit = { headers: { accept: 'application/json' }, credentials: 'same-origin' };
