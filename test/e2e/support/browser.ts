import { chromium, type Browser, type BrowserContext, type LaunchOptions } from 'playwright-core';

/*
 * Debian's Chromium driven by playwright-core (no browser download). Flags: no sandbox (CI runs as
 * root), and no background networking, component updates or sync, which this machine's closed
 * network would refuse over and over.
 */

/** The Chromium binary; CHROMIUM_PATH overrides Debian's /usr/bin/chromium. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags every launch gets. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Launch headless Chromium for page tests. */
export function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    ...options,
    args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
  });
}

/**
 * A persistent context (a real profile in `userDataDir`), e.g. to load an unpacked extension:
 * pass `args: ['--headless=new', '--disable-extensions-except=DIR', '--load-extension=DIR']`.
 */
export function launchPersistentChromium(userDataDir: string, options: Parameters<typeof chromium.launchPersistentContext>[1] = {}): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    ...options,
    args: [...CHROMIUM_ARGS, ...(options?.args ?? [])],
  });
}
