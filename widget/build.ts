import * as esbuild from 'esbuild';
import { rm } from 'node:fs/promises';
import { basename, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as ui from '../shared/i18n/messages/ui';

/*
 * How the widget is built for production (`npm run build:widget`, `npm start`, the bench and the
 * e2e tests all call buildWidget):
 * - the box and its lazy parts (updates, surveys, screenshot, shared chunks) as ESM with code
 *   splitting and content-hashed names, so they can be cached forever;
 * - then the loader as one classic IIFE script, `widget.js`, told the box's hashed file name.
 */

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../', import.meta.url));
/** Where `npm run build:widget` writes and the server serves from. */
export const WIDGET_DIST = join(ROOT, 'dist', 'widget');

/** File name of the survey preview script the console's builder frames (server/routes/survey-preview.ts). */
export const PREVIEW_SCRIPT = 'survey-preview.js';

/** One output file with its sizes. */
export interface BuiltFile {
  file: string;
  bytes: number;
  gzipBytes: number;
}

/** What a build produced and how the budget groups it. */
export interface WidgetBuild {
  outdir: string;
  /** The classic script a host page includes. */
  loader: BuiltFile;
  /** The box entry and every chunk it imports statically: what the first open needs. */
  box: BuiltFile[];
  /** The box's words, one chunk per locale; the first open loads one of them. */
  locales: BuiltFile[];
  /** Lazily imported parts (updates, surveys, screenshot) and their own chunks. */
  lazy: BuiltFile[];
}

/**
 * The box's locale modules pick their words from the shared areas at run time (so tests and the
 * type checker see the real thing); for the browser they are evaluated here and inlined as a plain
 * table, so each locale chunk carries only its own language and only the keys the box shows.
 */
const inlineLocales: esbuild.Plugin = {
  name: 'echobox-inline-locales',
  setup(build) {
    build.onLoad({ filter: /[\\/]widget[\\/]box[\\/]locales[\\/][^\\/]+\.ts$/ }, async (args) => {
      const mod = (await import(pathToFileURL(args.path).href)) as { messages: Record<string, string> };
      return { contents: `export const messages = ${JSON.stringify(mod.messages)};`, loader: 'js' };
    });
  },
};

/** esbuild options both builds share. */
const COMMON: esbuild.BuildOptions = {
  bundle: true,
  minify: true,
  platform: 'browser',
  // Baseline of what the widget needs anyway: <dialog>, constructable stylesheets (Safari 16.4).
  target: ['es2022', 'chrome105', 'firefox110', 'safari16.4'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  legalComments: 'none',
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
};

/** gzip -9, the measure every budget uses. */
export const gzipSize = (bytes: Uint8Array): number => gzipSync(bytes, { level: 9 }).length;

const sized = (file: string, contents: Uint8Array): BuiltFile => ({ file, bytes: contents.length, gzipBytes: gzipSize(contents) });

/** Build the loader and the box into `outdir` (emptied first), or in memory with `write: false`. */
export async function buildWidget(options: { outdir?: string; write?: boolean } = {}): Promise<WidgetBuild> {
  const outdir = resolve(options.outdir ?? WIDGET_DIST);
  const write = options.write ?? true;
  if (write) await rm(outdir, { recursive: true, force: true });

  const chunks = await esbuild.build({
    ...COMMON,
    entryPoints: { box: join(ROOT, 'widget/box.ts') },
    format: 'esm',
    splitting: true,
    outdir,
    entryNames: '[name]-[hash]',
    chunkNames: '[name]-[hash]',
    metafile: true,
    plugins: [inlineLocales],
    write,
  });
  const outputs = chunks.metafile.outputs;
  const contents = new Map(chunks.outputFiles?.map((f) => [resolve(f.path), f.contents]) ?? []);
  const read = async (path: string) => contents.get(resolve(ROOT, path)) ?? new Uint8Array(await import('node:fs').then((fs) => fs.readFileSync(resolve(ROOT, path))));
  const boxPath = Object.keys(outputs).find((p) => outputs[p]?.entryPoint && !p.endsWith('.map'));
  if (!boxPath) throw new Error('buildWidget: no box output');

  // The first open needs the box and what it imports statically; dynamic imports are the lazy parts.
  const needed = new Set<string>();
  const walk = (path: string) => {
    if (needed.has(path)) return;
    needed.add(path);
    for (const i of outputs[path]?.imports ?? []) if (i.kind === 'import-statement' && !i.external) walk(i.path);
  };
  walk(boxPath);
  const box: BuiltFile[] = [];
  const locales: BuiltFile[] = [];
  const lazy: BuiltFile[] = [];
  for (const path of Object.keys(outputs)) {
    const file = sized(relative(outdir, resolve(ROOT, path)), await read(path));
    const isLocale = Object.keys(outputs[path]?.inputs ?? {}).some((i) => /widget\/box\/locales\//.test(i));
    (needed.has(path) ? box : isLocale ? locales : lazy).push(file);
  }

  const label = { 'zh-CN': ui.zhCN['ui.feedback'], en: ui.en['ui.feedback'] };
  const loaderBuild = await esbuild.build({
    ...COMMON,
    entryPoints: [join(ROOT, 'widget/loader.ts')],
    format: 'iife',
    outfile: join(outdir, 'widget.js'),
    define: { ...COMMON.define, __ECHOBOX_BOX__: JSON.stringify(basename(boxPath)), __ECHOBOX_LABEL__: JSON.stringify(label) },
    write,
  });
  const loaderBytes = loaderBuild.outputFiles?.[0]?.contents ?? new Uint8Array(await import('node:fs').then((fs) => fs.readFileSync(join(outdir, 'widget.js'))));
  // The console's survey preview: its own classic script, never loaded by a host page.
  await esbuild.build({ ...COMMON, entryPoints: [join(ROOT, 'widget/survey-preview.tsx')], format: 'iife', outfile: join(outdir, PREVIEW_SCRIPT), write });
  return { outdir, loader: sized('widget.js', loaderBytes), box, locales, lazy };
}

/** Sum of gzip sizes. */
export const totalGzip = (files: readonly BuiltFile[]): number => files.reduce((n, f) => n + f.gzipBytes, 0);

/** What the first open downloads: the box closure plus the largest locale chunk (zh-CN). */
export const firstOpenGzip = (built: WidgetBuild): number =>
  totalGzip(built.box) + Math.max(0, ...built.locales.map((f) => f.gzipBytes));
