import { getRequestListener } from '@hono/node-server';
import { createServer } from 'node:http';
import { mkdirSync } from 'node:fs';
import { createApp } from './app';
import { ensureFirstAdmin } from './bootstrap';
import { ensureDemoSite } from './demo';
import { DEFAULT_CONFIG } from './context';
import { openDatabase } from './db/open';
import { startAutoAnalyze } from './db/auto-analyze';
import { databaseTargetFromEnv } from './db/options';
import { prefetchBodies } from './prefetch-bodies';
import { readAdapterOverrides } from './adapter-overrides';

/** Entry point: read the environment, open and migrate the database, serve the app. */
async function main() {
  const env = process.env;
  const port = Number(env.PORT ?? 8787);
  // Read before the database opens: a broken file stops the start before anything is touched.
  const adaptersFile = env.ECHOBOX_ADAPTERS_FILE;
  const adapterOverrides = adaptersFile ? readAdapterOverrides(adaptersFile) : undefined;
  const { options, dataDir } = databaseTargetFromEnv(env);
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const database = await openDatabase(options);
  const log = (message: string, error?: unknown) => console.error(message, error ?? '');
  if (database.kind === 'pglite') startAutoAnalyze(database.db, { log });

  const first = await ensureFirstAdmin(database.db);
  if (first) {
    console.log(
      [
        '',
        'First start: an admin account was created. This is shown once; keep it safe.',
        `  sign-in          e-mail ${first.email}  password ${first.password}  (the console at http://localhost:${port}/)`,
        `  API token        ${first.token}`,
        'Manage users, tokens and site keys with `npm run admin -- help`.',
        '',
      ].join('\n'),
    );
  }

  // The demo site key for this machine's own origins (ECHOBOX_DEMO=0 leaves it out).
  const demo = env.ECHOBOX_DEMO === '0' ? undefined : await ensureDemoSite(database.db, port);

  const config = {
    ...DEFAULT_CONFIG,
    timeZone: env.ECHOBOX_TIME_ZONE ?? DEFAULT_CONFIG.timeZone,
    secureCookies: env.ECHOBOX_SECURE_COOKIES === '1',
    trustProxy: env.ECHOBOX_TRUST_PROXY === '1',
  };
  const app = createApp({ db: database.db, dbKind: database.kind, config, now: () => new Date(), log, ...(adapterOverrides ? { adapterOverrides } : {}) });
  const hostname = env.HOST ?? '0.0.0.0';
  const server = createServer(prefetchBodies(getRequestListener(app.fetch, { hostname }), { maxBytes: config.maxJsonBytes }));
  server.listen(port, hostname, () => {
    const address = server.address();
    const listening = typeof address === 'object' && address ? address.port : port;
    console.log(`Echobox listening on http://localhost:${listening} (${database.kind === 'pglite' ? `PGlite in ${dataDir}` : 'PostgreSQL'})`);
    console.log(`Open the console: http://localhost:${listening}/`);
    if (adapterOverrides) console.log(`Helpdesk adapters: ${adapterOverrides.length} from ${adaptersFile}, by id over the built-in ones`);
    if (demo?.siteKey.active) console.log(`Try the widget on the demo page: http://localhost:${listening}/demo`);
  });
  const stop = () => {
    server.close(() => void database.close().finally(() => process.exit(0)));
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error) => {
  console.error('Echobox failed to start:', error);
  process.exit(1);
});
