import * as esbuild from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { LOCALES, type Locale } from '../shared/i18n/locale';
import { bootPaths } from './api/boot-requests';

/*
 * How the console is built (`npm run build:console`, `npm start`, `npm run build`, the e2e tests and
 * the bench): ESM with code splitting, so a first load fetches only what the sign-in page and the
 * queue need: the main script and the chunks it imports (named as modulepreload links in
 * index.html, fetched in parallel), a tiny boot script that starts the first screen's requests and
 * the active language's messages while those load, and one stylesheet. Every other page is a chunk
 * its route imports on first use (console/ui/lazy-page.tsx); each language's messages are a chunk of
 * their own (`console-messages:<locale>`, made here from shared/i18n/catalog.ts, so the other
 * language is fetched only when someone switches). Content-hashed names under assets/ (cached
 * forever) and index.html (at /, the queue) and page.html (every other route) naming them
 * (revalidated on every load), each preloading its first screen's GETs (bootPaths). No inline
 * script or style, so the server can send a CSP that forbids both. CSS imported anywhere (a lazy page's, a library's)
 * goes into the one stylesheet: a few KB, and no page ever shows unstyled.
 */

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../', import.meta.url));
/** Where the build goes and the server serves from. */
export const CONSOLE_DIST = join(ROOT, 'dist', 'console');
/** The page the server sends at `/` (the queue): it preloads the queue's first page besides the session. */
const QUEUE_HTML = 'index.html';
/** The page the server sends at every other console route (server/routes/console-assets.ts): the session only. */
const PAGE_HTML = 'page.html';
/** How the console imports one language's messages (`import('console-messages:en')`), resolved by the build. */
export const MESSAGES_PREFIX = 'console-messages:';

/** One output file with its sizes. */
export interface BuiltAsset {
  file: string;
  bytes: number;
  gzipBytes: number;
}

/** A chunk loaded on demand (a page, a language), with the inputs that weigh most in it. */
export interface LazyChunk extends BuiltAsset {
  /** What loads it: the module a route imports, or `messages-<locale>`. */
  name: string;
  parts: Array<{ name: string; bytes: number }>;
}

/** What a build produced: the files of a first load, the chunks loaded later, and what weighs most. */
export interface ConsoleBuild {
  outdir: string;
  /** The main script. */
  js: BuiltAsset;
  /** Chunks the main script imports statically: fetched at first load (modulepreload). */
  shared: BuiltAsset[];
  /** console/boot.ts: starts the first screen's requests and the messages before `js` has loaded. */
  boot: BuiltAsset;
  css: BuiltAsset;
  /** Each language's messages; a first load fetches one of them. */
  messages: Record<Locale, BuiltAsset>;
  /** Chunks only another page (or its import) fetches, largest first. */
  lazy: LazyChunk[];
  /** Script, boot, shared chunks and stylesheet, plus the larger language: what showing the sign-in page and the queue costs, gzip. */
  firstLoadGzip: number;
  /** Inputs by bytes they put into the first load's scripts, largest first, grouped by package or top folder. */
  parts: Array<{ name: string; bytes: number }>;
}

/** gzip -9, the measure every budget uses. */
const gzipSize = (bytes: Uint8Array): number => gzipSync(bytes, { level: 9 }).length;

/** Group an input path: a package name, or the first folder of the repository. */
const partOf = (input: string): string => {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  if (pkg?.[1]) return pkg[1];
  const parts = input.replace(/^(?:\.\.\/)+/, '').split('/');
  return parts.length > 2 ? `${parts[0]}/${parts[1]}` : (parts[0] ?? input);
};

/** Minified bytes per part over some outputs, largest first. */
function partsOf(outputs: esbuild.Metafile['outputs'][string][]): Array<{ name: string; bytes: number }> {
  const byPart = new Map<string, number>();
  for (const output of outputs) {
    for (const [input, info] of Object.entries(output.inputs)) byPart.set(partOf(input), (byPart.get(partOf(input)) ?? 0) + info.bytesInOutput);
  }
  return [...byPart].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes);
}

/** `console-messages:<locale>`: one language of the full catalog as a module of its own (JSON.parse: faster to start than a literal). */
const messagesPlugin: esbuild.Plugin = {
  name: 'console-messages',
  setup(build) {
    build.onResolve({ filter: /^console-messages:/ }, (args) => {
      const locale = args.path.slice(MESSAGES_PREFIX.length);
      if (!(LOCALES as readonly string[]).includes(locale)) return { errors: [{ text: `no catalog for ${locale}` }] };
      return { path: `messages-${locale}`, namespace: 'console-messages' };
    });
    build.onLoad({ filter: /.*/, namespace: 'console-messages' }, async (args) => {
      const { en, zhCN } = await import('../shared/i18n/catalog');
      const table = args.path === 'messages-en' ? en : zhCN;
      return { contents: `export default JSON.parse(${JSON.stringify(JSON.stringify(table))});`, loader: 'js' };
    });
  },
};

/** Every stylesheet imported from a script, for the one stylesheet; the import itself becomes empty. */
function stylesheetsPlugin(found: Set<string>): esbuild.Plugin {
  return {
    name: 'console-stylesheets',
    setup(build) {
      build.onResolve({ filter: /\.css$/ }, async (args) => {
        if (args.namespace === 'console-stylesheet') return undefined;
        const resolved = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, namespace: 'console-stylesheet' });
        if (resolved.errors.length > 0) return { errors: resolved.errors };
        found.add(resolved.path);
        return { path: resolved.path, namespace: 'console-stylesheet' };
      });
      build.onLoad({ filter: /.*/, namespace: 'console-stylesheet' }, () => ({ contents: '', loader: 'js' }));
    },
  };
}

/** The one stylesheet: console/styles.css first, then every other imported one in a stable order. */
async function buildStylesheet(files: Set<string>, assets: string): Promise<BuiltAsset> {
  const base = join(ROOT, 'console/styles.css');
  const ordered = [base, ...[...files].filter((f) => f !== base).sort()];
  const result = await esbuild.build({
    stdin: { contents: ordered.map((f) => `@import ${JSON.stringify(f)};`).join('\n'), loader: 'css', resolveDir: ROOT },
    bundle: true,
    minify: true,
    target: ['chrome111', 'firefox115', 'safari16.4'],
    legalComments: 'none',
    write: false,
    logLevel: 'warning',
  });
  const bytes = result.outputFiles[0]!.contents;
  // The server serves `name-HASH8.ext` with HASH in [A-Z0-9]; esbuild's own names look the same.
  const file = `main-${createHash('sha256').update(bytes).digest('hex').slice(0, 8).toUpperCase()}.css`;
  await writeFile(join(assets, file), bytes);
  return { file, bytes: bytes.length, gzipBytes: gzipSize(bytes) };
}

/** Build into `outdir` (emptied first). */
export async function buildConsole(options: { outdir?: string } = {}): Promise<ConsoleBuild> {
  const outdir = resolve(options.outdir ?? CONSOLE_DIST);
  await rm(outdir, { recursive: true, force: true });
  const assets = join(outdir, 'assets');
  await mkdir(assets, { recursive: true });
  const stylesheets = new Set<string>();
  const result = await esbuild.build({
    entryPoints: { main: join(ROOT, 'console/main.tsx'), boot: join(ROOT, 'console/boot.ts') },
    bundle: true,
    splitting: true,
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
    chunkNames: '[name]-[hash]',
    metafile: true,
    plugins: [messagesPlugin, stylesheetsPlugin(stylesheets)],
    logLevel: 'warning',
  });
  const outputs = result.metafile.outputs;
  const name = (path: string) => basename(path);
  const pathOf = (predicate: (o: esbuild.Metafile['outputs'][string]) => boolean) => Object.keys(outputs).find((p) => p.endsWith('.js') && predicate(outputs[p]!));
  const jsPath = pathOf((o) => o.entryPoint?.endsWith('console/main.tsx') ?? false);
  const bootPath = pathOf((o) => o.entryPoint?.endsWith('console/boot.ts') ?? false);
  const messagePaths = Object.fromEntries(LOCALES.map((locale) => [locale, pathOf((o) => o.entryPoint === `console-messages:messages-${locale}`)]));
  if (!jsPath || !bootPath || LOCALES.some((l) => !messagePaths[l])) throw new Error('buildConsole: expected the main script, the boot script and one messages chunk per language');

  // A first load: boot and main with every chunk they import statically, transitively.
  const firstLoad = new Set<string>();
  const visit = (path: string) => {
    if (firstLoad.has(path)) return;
    firstLoad.add(path);
    for (const i of outputs[path]?.imports ?? []) if (i.kind === 'import-statement' && !i.external) visit(i.path);
  };
  visit(jsPath);
  visit(bootPath);
  const sizes = new Map<string, BuiltAsset>();
  await Promise.all(
    Object.keys(outputs)
      .filter((p) => p.endsWith('.js'))
      .map(async (path) => {
        const bytes = new Uint8Array(await readFile(resolve(ROOT, path)));
        sizes.set(path, { file: name(path), bytes: bytes.length, gzipBytes: gzipSize(bytes) });
      }),
  );
  const css = await buildStylesheet(stylesheets, assets);
  const sharedPaths = [...firstLoad].filter((p) => p !== jsPath && p !== bootPath);
  const messages = Object.fromEntries(LOCALES.map((l) => [l, sizes.get(messagePaths[l]!)!])) as Record<Locale, BuiltAsset>;
  const lazy: LazyChunk[] = Object.keys(outputs)
    .filter((p) => p.endsWith('.js') && !firstLoad.has(p) && !LOCALES.some((l) => messagePaths[l] === p))
    .map((p) => {
      const entry = outputs[p]!.entryPoint;
      return { ...sizes.get(p)!, name: entry ? relative(ROOT, resolve(ROOT, entry)) : 'shared by lazy pages', parts: partsOf([outputs[p]!]) };
    })
    .sort((a, b) => b.gzipBytes - a.gzipBytes);

  const preload = [...sharedPaths].map((p) => `<link rel="modulepreload" href="/assets/${name(p)}">`).join('\n');
  const template = await readFile(join(ROOT, 'console/index.html'), 'utf8');
  const html = template.replace('%BOOT%', name(bootPath)).replace('%JS%', name(jsPath)).replace('%CSS%', css.file).replace('%PRELOAD%', preload);
  // The first screen's GETs as preloads: the browser starts them as it reads the head, before any
  // script has run, and the boot script's fetch of the same address takes the preloaded answer.
  const fetches = (pathname: string) => bootPaths(pathname).map((p) => `<link rel="preload" as="fetch" crossorigin href="${p.replaceAll('&', '&amp;')}">`).join('\n');
  await writeFile(join(outdir, QUEUE_HTML), html.replace('%FETCH%', fetches('/')));
  // Any route but / stands for all of them: bootPaths tells only the queue apart.
  await writeFile(join(outdir, PAGE_HTML), html.replace('%FETCH%', fetches('/account')));

  const js = sizes.get(jsPath)!;
  const boot = sizes.get(bootPath)!;
  const shared = sharedPaths.map((p) => sizes.get(p)!);
  const firstLoadGzip =
    js.gzipBytes + boot.gzipBytes + css.gzipBytes + shared.reduce((sum, s) => sum + s.gzipBytes, 0) + Math.max(...LOCALES.map((l) => messages[l].gzipBytes));
  return { outdir, js, shared, boot, css, messages, lazy, firstLoadGzip, parts: partsOf([...firstLoad].map((p) => outputs[p]!)) };
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`.padStart(9);

/** What a first load downloads, file by file, and the chunks fetched later with what weighs most in each: printed by the build and the bench. */
export function describeBuild(built: ConsoleBuild): string[] {
  const sharedGzip = built.shared.reduce((sum, s) => sum + s.gzipBytes, 0);
  const lines = [
    'First load: sign-in page and queue (gzip -9)',
    `  script        ${kb(built.js.gzipBytes)}  ${built.js.file}`,
    `  shared chunks ${kb(sharedGzip)}  ${built.shared.length} files, modulepreloaded`,
    `  boot script   ${kb(built.boot.gzipBytes)}  starts the session, first-page and messages requests`,
    ...Object.entries(built.messages).map(([locale, m]) => `  messages ${locale.padEnd(5)}${kb(m.gzipBytes)}  ${m.file} (one language per load)`),
    `  stylesheet    ${kb(built.css.gzipBytes)}  ${built.css.file}`,
    `  total         ${kb(built.firstLoadGzip)}  (with the larger language)`,
    'Biggest parts of the first load (minified, before gzip)',
    ...built.parts.slice(0, 8).map((p) => `  ${p.name.padEnd(28)} ${kb(p.bytes)}`),
    'Loaded later, on the page that needs it (gzip -9; biggest inputs, minified)',
    ...built.lazy.map((c) => `  ${kb(c.gzipBytes)}  ${c.name.padEnd(36)} ${c.parts.slice(0, 3).map((p) => `${p.name} ${(p.bytes / 1024).toFixed(1)} KB`).join(', ')}`),
  ];
  return lines;
}
