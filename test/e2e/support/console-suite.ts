import type { Browser, BrowserContext, BrowserContextOptions, Cookie, Page } from 'playwright-core';
import { launchChromium } from './browser';
import { ensureConsoleBuilt, signIn } from './console-page';
import { startEchobox, type EchoboxServer, type SeedTools } from './echobox-server';
import { ensureWidgetBuilt } from './widget-build';

/*
 * What every console e2e file sets up: the console (and, when asked, the widget) built, a real
 * server seeded, Chromium, pages at 1280×800 that fail the test on a page error, sign-ins reused
 * (they are limited per client network and minute), and all of it closed again.
 */

/** How a page of a console test looks: language, theme, and any other context option (zone, downloads, viewport). */
export type ConsolePageOptions = Omit<BrowserContextOptions, 'locale' | 'colorScheme'> & { locale?: string; colorScheme?: 'light' | 'dark' };

/** A started console: its server and browser, pages to open, and one call to end it all. */
export interface ConsoleSuite<T> {
  server: EchoboxServer & { seeded: T };
  browser: Browser;
  /** A page in a fresh context (English, light, 1280×800 unless told), failing the test on a page error. */
  newPage(options?: ConsolePageOptions): Promise<Page>;
  /**
   * A page signed in as `email`, showing the queue: through the sign-in form the first time, with
   * that sign-in's cookies after (so a file stays under the sign-in limit).
   */
  signedInPage(email: string, options?: ConsolePageOptions): Promise<Page>;
  /** Close every page's context, the browser and the server (and delete its data). */
  close(): Promise<void>;
}

/** Build what is needed, start a seeded server (with `clock`/`env` as startEchobox takes them) and Chromium. */
export async function startConsole<T = undefined>(
  options: { seed?: (tools: SeedTools) => Promise<T>; env?: Record<string, string>; clock?: string; widget?: boolean } = {},
): Promise<ConsoleSuite<T>> {
  await Promise.all([ensureConsoleBuilt(), options.widget ? ensureWidgetBuilt() : undefined]);
  const [server, browser] = await Promise.all([startEchobox<T>({ seed: options.seed, env: options.env, clock: options.clock }), launchChromium()]);
  const contexts: BrowserContext[] = [];
  const sessions = new Map<string, Cookie[]>();
  const newPage = async ({ locale = 'en', colorScheme = 'light', ...rest }: ConsolePageOptions = {}) => {
    const context = await browser.newContext({ locale, colorScheme, viewport: { width: 1280, height: 800 }, ...rest });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => {
      throw error;
    });
    return page;
  };
  return {
    server,
    browser,
    newPage,
    async signedInPage(email, pageOptions) {
      const page = await newPage(pageOptions);
      const kept = sessions.get(email);
      if (kept) {
        await page.context().addCookies(kept);
        await page.goto(`${server.url}/`);
        await page.locator('#queue-title').waitFor();
      } else {
        await signIn(page, server.url, email);
        sessions.set(email, await page.context().cookies());
      }
      return page;
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close();
      await server.dispose();
    },
  };
}
