import { readFileSync } from 'node:fs';
import { createApp } from '../../server/app';
import { DEFAULT_CONFIG } from '../../server/context';
import { openDatabase } from '../../server/db/open';
import { createLogger } from '../../server/logging/logger';

/*
 * One XLSX ledger export in a process of its own, for bench:console: a fresh server process per
 * export size, so the peak resident memory (VmHWM) it reports is this export's and nothing left over
 * from an earlier one. Reads BENCH_PROBE_DB (a PostgreSQL URL or a PGlite folder), BENCH_PROBE_TOKEN
 * and BENCH_PROBE_QUERY; prints one JSON line: milliseconds, CPU milliseconds, bytes, VmHWM before and after in bytes.
 */

/** Peak resident set size of this process so far, from /proc (Linux). */
const vmHwm = () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) * 1024;

async function main() {
  const target = process.env.BENCH_PROBE_DB ?? '';
  const database = await openDatabase(target.startsWith('postgres') ? { url: target } : { dataDir: target, holder: 'bench:console export probe' });
  const app = createApp({ db: database.db, dbKind: database.kind, config: DEFAULT_CONFIG, now: () => new Date(), logger: createLogger({ level: 'silent' }) });
  // A first small request warms the app and the connection, as a running server would be.
  const warm = await app.request('/api/v1/records?limit=1', { headers: { authorization: `Bearer ${process.env.BENCH_PROBE_TOKEN}` } });
  if (!warm.ok) throw new Error(`warm-up failed: ${warm.status}`);
  await warm.arrayBuffer();
  const before = vmHwm();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const res = await app.request(`/api/v1/exports/ledger.xlsx?${process.env.BENCH_PROBE_QUERY ?? ''}`, {
    headers: { authorization: `Bearer ${process.env.BENCH_PROBE_TOKEN}` },
  });
  if (!res.ok || !res.body) throw new Error(`export failed: ${res.status}`);
  let bytes = 0;
  const reader = res.body.getReader();
  for (let part = await reader.read(); !part.done; part = await reader.read()) bytes += part.value.byteLength;
  const ms = performance.now() - started;
  // This process's own CPU time beside the wall time: on a shared machine the wall time includes waiting for a core.
  const used = process.cpuUsage(cpu);
  console.log(JSON.stringify({ ms, cpuMs: (used.user + used.system) / 1000, bytes, hwmBefore: before, hwmAfter: vmHwm() }));
  await database.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
