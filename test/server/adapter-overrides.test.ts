import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/open';
import { readAdapterOverrides } from '../../server/adapter-overrides';
import { AdapterCatalog, type AdapterDefinition } from '../../shared/schemas/adapter';
import { BUILTIN_ADAPTERS } from '../../shared/adapters/builtin';
import { seedServerAccess, startServer } from './support/server-process';
import { CUSTOM_ADAPTER } from './support/fixtures';

const CUSTOM = CUSTOM_ADAPTER;
/** The built-in Zendesk definition with the company's own subject selector. */
const ZENDESK = BUILTIN_ADAPTERS.find((a) => a.id.includes('zendesk'))!;
const OWN_ZENDESK: AdapterDefinition = { ...ZENDESK, version: ZENDESK.version + 1, fields: { ...ZENDESK.fields, subject: [{ selector: '#acme-subject' }] } };

let dir: string;
const file = async (name: string, text: string) => {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'echobox-adapters-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('ECHOBOX_ADAPTERS_FILE (readAdapterOverrides)', () => {
  it('reads an array of definitions, or a catalog as GET /api/v1/adapters serves it (a byte order mark allowed)', async () => {
    expect(readAdapterOverrides(await file('list.json', JSON.stringify([CUSTOM, OWN_ZENDESK])))).toEqual([CUSTOM, OWN_ZENDESK]);
    const catalog = `\ufeff${JSON.stringify({ version: '0123456789abcdef', adapters: [CUSTOM] }, null, 2)}`;
    expect(readAdapterOverrides(await file('catalog.json', catalog))).toEqual([CUSTOM]);
  });

  it('stops with a message naming the file and what is wrong', async () => {
    const missing = join(dir, 'nope.json');
    expect(() => readAdapterOverrides(missing)).toThrow(`ECHOBOX_ADAPTERS_FILE: ${missing} cannot be read (ENOENT).`);
    const broken = await file('broken.json', '[{"id": "acme-desk",');
    expect(() => readAdapterOverrides(broken)).toThrow(new RegExp(`^ECHOBOX_ADAPTERS_FILE: ${broken} is not valid JSON`));
    const object = await file('object.json', '{"acme": {}}');
    expect(() => readAdapterOverrides(object)).toThrow(/holds neither an array of adapter definitions nor \{ "adapters": \[\.\.\.\] \}/);
    // A pattern the extension's linear-time engine cannot run (a back-reference), and code where only data belongs.
    const unsafe = await file('unsafe.json', JSON.stringify([{ ...CUSTOM, idPatterns: ['(?<id>x)\\1'] }]));
    expect(() => readAdapterOverrides(unsafe)).toThrow(/has an invalid adapter definition:[\s\S]*idPatterns/);
    const code = await file('code.json', JSON.stringify([{ ...CUSTOM, run: 'alert(1)' }]));
    expect(() => readAdapterOverrides(code)).toThrow(/has an invalid adapter definition/);
    const twice = await file('twice.json', JSON.stringify([CUSTOM, { ...CUSTOM, version: 2 }]));
    expect(() => readAdapterOverrides(twice)).toThrow('defines the adapter "acme-desk" twice.');
    // Each is valid, but with the built-in ones they are more than a catalog holds.
    const many = await file('many.json', JSON.stringify(Array.from({ length: 100 }, (_, i) => ({ ...CUSTOM, id: `acme-desk-${i}` }))));
    expect(() => readAdapterOverrides(many)).toThrow(/many\.json does not fit in the catalog with the built-in adapters:[\s\S]*adapters/);
  });
});

describe('the server with ECHOBOX_ADAPTERS_FILE', () => {
  it('serves the file’s definitions over the built-in ones by id, and refuses to start on a broken file', async () => {
    const dataDir = join(dir, 'data');
    await mkdir(dataDir, { recursive: true });
    const database = await openDatabase({ dataDir: join(dataDir, 'pglite') });
    const access = await seedServerAccess(database.db);
    await database.close();

    const path = await file('adapters.json', JSON.stringify([CUSTOM, OWN_ZENDESK]));
    const server = await startServer({ dataDir }, { env: { ECHOBOX_ADAPTERS_FILE: path, ECHOBOX_DEMO: '0' } });
    try {
      expect(server.output()).toContain(`Helpdesk adapters: 2 from ${path}`);
      const res = await fetch(`${server.url}/api/v1/adapters`, { headers: { authorization: `Bearer ${access.token}` } });
      expect(res.status).toBe(200);
      const catalog = AdapterCatalog.parse(await res.json());
      expect(catalog.adapters.map((a) => a.id)).toEqual([...BUILTIN_ADAPTERS.map((a) => a.id), 'acme-desk']);
      expect(catalog.adapters.find((a) => a.id === ZENDESK.id)).toEqual(OWN_ZENDESK);
    } finally {
      await server.stop();
    }

    const broken = await file('broken-start.json', JSON.stringify([{ ...CUSTOM, idPatterns: ['(?<id>x)\\1'] }]));
    const refused = startServer({ dataDir }, { env: { ECHOBOX_ADAPTERS_FILE: broken, ECHOBOX_DEMO: '0' } });
    await expect(refused).rejects.toThrow(/server exited before it was ready:[\s\S]*Echobox failed to start: Error: ECHOBOX_ADAPTERS_FILE: .*broken-start\.json has an invalid adapter definition/);
  });
});
