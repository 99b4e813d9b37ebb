import { buildConsole } from './build';

/** `npm run build:console`: write dist/console and say what a first load downloads. */
async function main() {
  const built = await buildConsole();
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.log(`console built in ${built.outdir}`);
  console.log(`  script      ${built.js.file}  ${kb(built.js.gzipBytes)} gzip`);
  console.log(`  boot        ${built.boot.file}  ${kb(built.boot.gzipBytes)} gzip`);
  console.log(`  stylesheet  ${built.css.file}  ${kb(built.css.gzipBytes)} gzip`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
