import { buildWidget, firstOpenGzip, totalGzip } from './build';

/** `npm run build:widget`: write dist/widget and print what a host page downloads. */
async function main() {
  const built = await buildWidget();
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.log(`widget built in ${built.outdir}`);
  console.log(`  loader  ${built.loader.file}  ${kb(built.loader.gzipBytes)} gzip`);
  console.log(`  box     ${built.box.map((f) => f.file).join(' + ')}  ${kb(totalGzip(built.box))} gzip`);
  console.log(`  words   ${built.locales.map((f) => `${f.file} ${kb(f.gzipBytes)}`).join(', ')}`);
  console.log(`  first open (box + largest words): ${kb(firstOpenGzip(built))} gzip`);
  console.log(`  lazy    ${built.lazy.map((f) => `${f.file} ${kb(f.gzipBytes)}`).join(', ')}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
