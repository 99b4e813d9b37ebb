import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** Where `wxt build` puts the Chrome MV3 build (what a person loads unpacked). */
export const CHROME_BUILD = join(ROOT, '.output', 'chrome-mv3');
/** Debian's Chromium, or CHROMIUM_PATH. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let built: Promise<string> | undefined;

/** Build the Chrome extension once per test process (`wxt build`), so tests load what ships. */
export function buildExtension(): Promise<string> {
  built ??= promisify(execFile)(join(ROOT, 'node_modules', '.bin', 'wxt'), ['build'], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 }).then(
    () => CHROME_BUILD,
  );
  return built;
}

/** A Chromium with the unpacked extension, on a persistent profile (so a restart keeps IndexedDB). */
export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  /** The extension's service worker (waits for it when it was stopped). */
  worker(): Promise<Worker>;
  /** Open an extension page (`sidepanel.html`, `options.html`) in a tab. */
  openPage(path: string): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Launch Debian Chromium headless with the built extension loaded unpacked, as ARCHITECTURE.md
 * describes; `--enable-unsafe-extension-debugging` lets the test press the toolbar button through
 * CDP (Extensions.triggerAction), which grants activeTab exactly as a click does.
 */
export async function launchWithExtension(userDataDir: string, extensionDir: string, extraArgs: string[] = []): Promise<ExtensionBrowser> {
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: false,
    viewport: { width: 1280, height: 800 },
    args: [
      '--headless=new',
      '--no-sandbox',
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--enable-unsafe-extension-debugging',
      ...extraArgs,
    ],
  });
  const worker = async (): Promise<Worker> => {
    const running = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
    return running ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  };
  const extensionId = new URL((await worker()).url()).host;
  return {
    context,
    extensionId,
    worker,
    async openPage(path) {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${path}`);
      return page;
    },
    close: () => context.close(),
  };
}

/** Press the extension's toolbar button on the tab showing `page` (CDP Extensions.triggerAction). */
export async function pressToolbarButton(browser: ExtensionBrowser, page: Page): Promise<void> {
  await page.bringToFront();
  const cdp = await browser.context.browser()!.newBrowserCDPSession();
  try {
    const { targetInfos } = (await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] } as never)) as {
      targetInfos: Array<{ targetId: string; url: string }>;
    };
    const tab = targetInfos.find((t) => t.url === page.url());
    if (!tab) throw new Error(`no tab target for ${page.url()}`);
    await cdp.send('Extensions.triggerAction' as never, { id: browser.extensionId, targetId: tab.targetId } as never);
  } finally {
    await cdp.detach();
  }
}

/**
 * Record a granted optional host permission in the (closed) profile, the way Chrome stores the
 * answer to `permissions.request`. Headless Chromium cannot show that prompt, so the test plays
 * the person who pressed "Allow"; the extension still asks at runtime and finds it granted.
 */
export async function grantHostPermission(userDataDir: string, extensionId: string, pattern: string): Promise<void> {
  const file = join(userDataDir, 'Default', 'Preferences');
  const prefs = JSON.parse(await readFile(file, 'utf8')) as {
    extensions?: { settings?: Record<string, Record<string, { explicit_host?: string[] }>> };
  };
  const settings = prefs.extensions?.settings?.[extensionId];
  if (!settings) throw new Error(`extension ${extensionId} not in the profile yet`);
  for (const key of ['granted_permissions', 'active_permissions']) {
    const set = (settings[key] ??= {});
    set.explicit_host = [...new Set([...(set.explicit_host ?? []), pattern])];
  }
  await writeFile(file, JSON.stringify(prefs));
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.svg': 'image/svg+xml' };

/**
 * Serve the helpdesk fixture pages: any path ending in a fixture name serves it, and
 * `/agent/tickets/<id>` serves the Zendesk Agent Workspace page (its real URL shape).
 */
export async function serveFixtures(dir: string): Promise<{ port: number; server: Server; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const name = /^\/agent\/tickets\/\d+$/.test(path) ? 'zendesk-agent-workspace.html' : normalize(path).replace(/^(\.\.[/\\])+/, '').split('/').pop() ?? '';
    readFile(join(dir, name)).then(
      (body) => {
        res.writeHead(200, { 'content-type': TYPES[extname(name)] ?? 'application/octet-stream' });
        res.end(body);
      },
      () => {
        res.writeHead(404);
        res.end();
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { port, server, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
