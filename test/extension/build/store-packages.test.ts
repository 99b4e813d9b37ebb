// @vitest-environment node
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/*
 * Acceptance (issue 14): store-ready builds. WXT's zip builds and packs the Chrome Web Store and
 * the Firefox add-ons packages (with Firefox's sources zip), and Mozilla's add-ons linter
 * (`web-ext lint`) finds no error in the Firefox build. Packed into a temporary folder so the
 * `.output` builds other tests load are never rebuilt under them.
 */

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const run = promisify(execFile);
let out: string;

/** WXT's programmatic zip, in its own process, into `out`. */
const zip = (browser: 'chrome' | 'firefox') =>
  run(process.execPath, ['--input-type=module', '-e', `import { zip } from 'wxt'; await zip({ browser: '${browser}', outDir: process.argv[1] });`, out], {
    cwd: ROOT,
    maxBuffer: 16 * 1024 * 1024,
  });

/** Names inside a zip (unzip -Z1 lists one per line). */
const entries = async (file: string) => (await run('unzip', ['-Z1', file], { maxBuffer: 16 * 1024 * 1024 })).stdout.split('\n').filter(Boolean);

describe('store packages', () => {
  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'echobox-zip-'));
    await zip('chrome');
    await zip('firefox');
  }, 300_000);
  afterAll(async () => {
    await rm(out, { recursive: true, force: true });
  });

  it('packs the Chrome and Firefox packages with icons 16 to 128, and the sources Firefox reviewers build from', async () => {
    const files = (await readdir(out)).filter((f) => f.endsWith('.zip')).sort();
    expect(files).toEqual(['echobox-0.1.0-chrome.zip', 'echobox-0.1.0-firefox.zip', 'echobox-0.1.0-sources.zip']);
    for (const pack of ['echobox-0.1.0-chrome.zip', 'echobox-0.1.0-firefox.zip']) {
      const names = await entries(join(out, pack));
      expect(names).toContain('manifest.json');
      for (const size of [16, 32, 48, 128]) expect(names).toContain(`icon/${size}.png`);
    }
    const sources = await entries(join(out, 'echobox-0.1.0-sources.zip'));
    expect(sources).toEqual(expect.arrayContaining(['package.json', 'package-lock.json', 'wxt.config.ts', 'extension/entrypoints/background.ts', 'shared/schemas/clip.ts']));
    // Only what the extension is built from: no server, tests, data or dependencies.
    expect(sources.filter((n) => /^(?:server|test|data|node_modules|console|widget)\//.test(n))).toEqual([]);
  });

  it('web-ext lint finds no error in the Firefox build', async () => {
    const lint = await run(join(ROOT, 'node_modules', '.bin', 'web-ext'), ['lint', '--source-dir', join(out, 'firefox-mv3'), '--output', 'json', '--no-config-discovery'], {
      cwd: ROOT,
      maxBuffer: 16 * 1024 * 1024,
    }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
    const report = JSON.parse(lint.stdout) as { summary: { errors: number }; errors: Array<{ code: string; message: string }> };
    expect(report.errors).toEqual([]);
    expect(report.summary.errors).toBe(0);
  }, 180_000);
});
