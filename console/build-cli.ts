import { buildConsole, describeBuild } from './build';

/** `npm run build:console`: write dist/console and say what a first load downloads. */
async function main() {
  const built = await buildConsole();
  console.log(`console built in ${built.outdir}`);
  for (const line of describeBuild(built)) console.log(line);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
