import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildWidget, firstOpenGzip, gzipSize, ROOT, totalGzip } from '../../widget/build';

/*
 * `npm run bench:widget`: bytes a host page pays for the widget, beside the same measure of the
 * anchors, all built in this run.
 *
 * Ours, the production build (widget/build.ts, esbuild bundle + minify, ES2022):
 * - loader: dist/widget/widget.js, the one classic script a host page includes (launcher included);
 * - box: what the first open downloads: the box chunk, the chunks it imports statically (preact,
 *   signals, outbox, sync engine, masking, coaching) and the larger of the two locale chunks;
 *   not the screenshot, updates or survey chunks, which load only when used.
 *
 * Anchors, each bundled the same way (esbuild bundle + minify, ESM, browser, same target) from
 * the installed npm package, so the comparison is like for like:
 * - Sentry feedback: `export { feedbackIntegration } from '@sentry/browser'`: the user-feedback
 *   integration with everything of @sentry/core it pulls in (not the rest of the SDK);
 * - Sentry SDK: `export { init } from '@sentry/browser'`: the SDK the integration needs to run;
 * - PostHog surveys: `posthog-js/dist/surveys.js`, the surveys extension PostHog lazy-loads;
 * - Formbricks loader: `export { default } from '@formbricks/js'`, the package's loader (it fetches
 *   the survey UI from the Formbricks server at run time).
 * Sizes are gzip -9 of the minified output. The last line is for machines.
 */

/** Bundle and minify one entry the way the widget is built; gzip and raw bytes. */
async function measure(contents: string): Promise<{ bytes: number; gzipBytes: number }> {
  const out = await esbuild.build({
    stdin: { contents, resolveDir: ROOT, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022', 'chrome105', 'firefox110', 'safari16.4'],
    define: { 'process.env.NODE_ENV': '"production"' },
    legalComments: 'none',
    write: false,
    logLevel: 'error',
  });
  const code = out.outputFiles[0]!.contents;
  return { bytes: code.length, gzipBytes: gzipSize(code) };
}

/** An installed package's version (read from node_modules: some packages do not export package.json). */
const version = (pkg: string) => (JSON.parse(readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`.padStart(9);
const ratio = (ours: number, theirs: number) => `${((ours / theirs) * 100).toFixed(0)}%`.padStart(6);

async function main() {
  const built = await buildWidget({ write: false });
  const loader = built.loader.gzipBytes;
  const box = firstOpenGzip(built);
  const surveys = built.lazy.filter((f) => /^(surveys|chunk)-/.test(f.file));

  const anchors = [
    { name: `Sentry feedback integration (@sentry/browser ${version('@sentry/browser')})`, entry: "export { feedbackIntegration } from '@sentry/browser';" },
    { name: `Sentry browser SDK init (@sentry/browser ${version('@sentry/browser')})`, entry: "export { init } from '@sentry/browser';" },
    { name: `PostHog surveys.js (posthog-js ${version('posthog-js')})`, entry: "import 'posthog-js/dist/surveys.js';" },
    { name: `Formbricks loader (@formbricks/js ${version('@formbricks/js')})`, entry: "export { default } from '@formbricks/js';" },
  ];
  const measured = [];
  for (const a of anchors) measured.push({ ...a, ...(await measure(a.entry)) });
  const [sentryFeedback, sentrySdk, posthogSurveys, formbricks] = measured as [typeof measured[number], typeof measured[number], typeof measured[number], typeof measured[number]];

  console.log('Widget bytes (esbuild bundle + minify, gzip -9), ours and the anchors built the same way in this run\n');
  console.log(`${'what'.padEnd(62)}${'raw'.padStart(9)}${'gzip'.padStart(9)}`);
  const row = (name: string, bytes: number, gzip: number) => console.log(`${name.padEnd(62)}${kb(bytes)}${kb(gzip)}`);
  row('Echobox loader + launcher (widget.js)', built.loader.bytes, loader);
  row(
    'Echobox box, first open (box + static chunks + zh-CN words)',
    built.box.reduce((n, f) => n + f.bytes, 0) + Math.max(...built.locales.map((f) => f.bytes)),
    box,
  );
  for (const f of built.box) row(`  ${f.file}`, f.bytes, f.gzipBytes);
  for (const f of built.locales) row(`  ${f.file} (words)`, f.bytes, f.gzipBytes);
  for (const f of built.lazy) row(`  lazy: ${f.file}`, f.bytes, f.gzipBytes);
  for (const a of measured) row(a.name, a.bytes, a.gzipBytes);

  console.log('\nours / theirs (gzip)');
  console.log(`  loader        / Formbricks loader            ${ratio(loader, formbricks.gzipBytes)}`);
  console.log(`  box           / Sentry feedback integration  ${ratio(box, sentryFeedback.gzipBytes)}`);
  console.log(`  box           / Sentry feedback + SDK        ${ratio(box, sentryFeedback.gzipBytes + sentrySdk.gzipBytes)}`);
  console.log(`  survey chunks / PostHog surveys.js           ${ratio(totalGzip(surveys), posthogSurveys.gzipBytes)}`);
  console.log(`\nbudgets: loader ${loader} <= 3072 ${loader <= 3072 ? 'ok' : 'OVER'}; box ${box} <= 22528 ${box <= 22528 ? 'ok' : 'OVER'}`);
  console.log(`loader_gzip_bytes=${loader} box_gzip_bytes=${box}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
