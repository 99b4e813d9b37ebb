import { buildConsole } from '../../console/build';
import { buildWidget, firstOpenGzip } from '../../widget/build';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rm } from 'node:fs/promises';

/*
 * `npm run bench:console`, first version: what the console's first load downloads (its one script
 * and one stylesheet, gzip -9 of the production build) beside the widget's first open and the
 * 120 KB budget, and the biggest parts of the script (minified bytes each input put in, grouped by
 * package or folder). The queue's time to first page in Chromium over 100k records comes later
 * (see the report); the last line is for machines.
 */

const BUDGET = 120 * 1024;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`.padStart(9);

async function main() {
  const outdir = join(tmpdir(), `echobox-console-bench-${process.pid}`);
  try {
    const built = await buildConsole({ outdir });
    const widget = await buildWidget({ write: false });
    const total = built.js.gzipBytes + built.css.gzipBytes;
    console.log('Console first load (gzip -9)');
    console.log(`  script        ${kb(built.js.gzipBytes)}  (${kb(built.js.bytes).trim()} minified)`);
    console.log(`  stylesheet    ${kb(built.css.gzipBytes)}`);
    console.log(`  total         ${kb(total)}  budget ${kb(BUDGET).trim()}  ${total <= BUDGET ? 'within' : 'OVER'}`);
    console.log(`  widget first open ${kb(firstOpenGzip(widget)).trim()} for comparison`);
    console.log('Biggest parts of the script (minified, before gzip)');
    for (const part of built.parts.slice(0, 8)) console.log(`  ${part.name.padEnd(28)} ${kb(part.bytes)}`);
    console.log(`console_gzip_bytes=${total}`);
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
