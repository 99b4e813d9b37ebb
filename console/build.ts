import * as esbuild from 'esbuild';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/*
 * How the console is built (`npm run build:console`, `npm start`, `npm run build`, the e2e tests and
 * the bench): the main ESM script, a tiny boot script that starts the first screen's requests while
 * the main one loads, and one stylesheet, with content-hashed names under assets/ (cached forever),
 * and index.html naming them (revalidated on every load). No inline script or style, so
 * the server can send a CSP that forbids both.
 */

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../', import.meta.url));
/** Where the build goes and the server serves from. */
export const CONSOLE_DIST = join(ROOT, 'dist', 'console');

/** One output file with its sizes. */
export interface BuiltAsset {
  file: string;
  bytes: number;
  gzipBytes: number;
}

/** What a build produced, and the biggest inputs of the script (for the size budget). */
export interface ConsoleBuild {
  outdir: string;
  js: BuiltAsset;
  /** console/boot.ts: starts the first screen's requests before `js` has loaded. */
  boot: BuiltAsset;
  css: BuiltAsset;
  /** Inputs by bytes they put into the script, largest first, grouped by package or top folder. */
  parts: Array<{ name: string; bytes: number }>;
}

/** gzip -9, the measure every budget uses. */
const gzipSize = (bytes: Uint8Array): number => gzipSync(bytes, { level: 9 }).length;

/** Group an input path: a package name, or the first folder of the repository. */
const partOf = (input: string): string => {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  if (pkg?.[1]) return pkg[1];
  const parts = input.replace(/^\.\.\//, '').split('/');
  return parts.length > 2 ? `${parts[0]}/${parts[1]}` : (parts[0] ?? input);
};

/** Build into `outdir` (emptied first). */
export async function buildConsole(options: { outdir?: string } = {}): Promise<ConsoleBuild> {
  const outdir = resolve(options.outdir ?? CONSOLE_DIST);
  await rm(outdir, { recursive: true, force: true });
  const assets = join(outdir, 'assets');
  await mkdir(assets, { recursive: true });
  const result = await esbuild.build({
    entryPoints: { main: join(ROOT, 'console/main.tsx'), boot: join(ROOT, 'console/boot.ts') },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022', 'chrome111', 'firefox115', 'safari16.4'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    legalComments: 'none',
    define: { 'process.env.NODE_ENV': '"production"' },
    outdir: assets,
    entryNames: '[name]-[hash]',
    assetNames: '[name]-[hash]',
    metafile: true,
    logLevel: 'warning',
  });
  const outputs = Object.entries(result.metafile.outputs);
  const entryOutput = (entry: string) => outputs.find(([, o]) => o.entryPoint?.endsWith(entry))?.[0];
  const jsPath = entryOutput('console/main.tsx');
  const bootPath = entryOutput('console/boot.ts');
  const cssPath = outputs.find(([p]) => p.endsWith('.css'))?.[0];
  if (!jsPath || !bootPath || !cssPath) throw new Error('buildConsole: expected the main script, the boot script and one stylesheet');
  const sized = async (path: string): Promise<BuiltAsset> => {
    const bytes = new Uint8Array(await readFile(resolve(ROOT, path)));
    return { file: basename(path), bytes: bytes.length, gzipBytes: gzipSize(bytes) };
  };
  const [js, boot, css] = await Promise.all([sized(jsPath), sized(bootPath), sized(cssPath)]);
  const template = await readFile(join(ROOT, 'console/index.html'), 'utf8');
  await writeFile(join(outdir, 'index.html'), template.replace('%BOOT%', boot.file).replace('%JS%', js.file).replace('%CSS%', css.file));

  const byPart = new Map<string, number>();
  for (const [input, info] of Object.entries(result.metafile.outputs[jsPath]?.inputs ?? {})) {
    byPart.set(partOf(input), (byPart.get(partOf(input)) ?? 0) + info.bytesInOutput);
  }
  const parts = [...byPart].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes);
  return { outdir, js, boot, css, parts };
}
