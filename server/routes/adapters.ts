import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import * as z from 'zod/mini';
import type { AppEnv } from '../context';
import { staffAuth } from '../middleware/staff-auth';
import { requirePermission } from '../middleware/require-permission';
import {
  AdapterCatalog,
  AdapterDefinition,
  AdapterOverrideCheck,
  type AdapterOverrideReport,
  type AdapterPublished,
  type PublishedAdapterList,
} from '../../shared/schemas/adapter';
import type { Db } from '../db/open';
import { listPublishedAdapters, publishAdapter, withdrawAdapter } from '../store/published-adapters';
import { fieldIssues } from '../../shared/schemas/problem';
import { fail } from '../errors';
import { validate } from '../middleware/validate';
// Adapter definitions are plain data (no DOM, no browser APIs); the server serves the same list the extension ships.
import { BUILTIN_ADAPTERS } from '../../shared/adapters/builtin';

/** Options of the adapters sub-app. */
export interface AdaptersOptions {
  /** Definitions that replace built-in ones with the same id, or add new ones (e.g. parsed from a JSON file). */
  overrides?: unknown;
}

/** Built-ins with overrides applied by id; the version is a digest of the result, so it changes whenever a definition does. */
export function adapterCatalog(overrides: readonly AdapterDefinition[] = []): AdapterCatalog {
  const byId = new Map(BUILTIN_ADAPTERS.map((a) => [a.id, a]));
  for (const adapter of overrides) byId.set(adapter.id, adapter);
  const adapters = [...byId.values()];
  const version = createHash('sha256').update(JSON.stringify(adapters)).digest('hex').slice(0, 16);
  return { version, adapters };
}

const matches = (header: string | undefined, etag: string): boolean =>
  !!header && (header.trim() === '*' || header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag));

const AdapterIdParam = z.object({ id: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{1,49}$/)) });

/**
 * GET /api/v1/adapters: the helpdesk adapter definitions the extension caches, with an ETag so
 * it can revalidate cheaply (If-None-Match → 304): the built-in ones, then the override file's,
 * then those admins published through the API (PUT /published/{id}), each replacing by id. The
 * published ones are read per request, so every server instance serves a publication at once.
 */
export function adaptersRoutes(options: AdaptersOptions = {}) {
  const overrides = z.safeParse(z.optional(z.array(AdapterDefinition)), options.overrides);
  if (!overrides.success) throw new Error(`adaptersRoutes: invalid adapter overrides: ${z.prettifyError(overrides.error)}`);
  const fileOverrides = overrides.data ?? [];
  AdapterCatalog.parse(adapterCatalog(fileOverrides));
  const headers = (etag: string) => ({ etag, 'cache-control': 'private, no-cache', vary: 'authorization, cookie' });
  const servedCatalog = async (db: Db): Promise<AdapterCatalog> => {
    const published = (await listPublishedAdapters(db)).map((p) => p.definition);
    return adapterCatalog([...fileOverrides, ...published]);
  };
  /** The catalog with `definition` published: refused when it would no longer fit in one catalog. */
  const fits = async (db: Db, definition: AdapterDefinition): Promise<AdapterCatalog> => {
    const published = (await listPublishedAdapters(db)).map((p) => p.definition).filter((p) => p.id !== definition.id);
    const merged = z.safeParse(AdapterCatalog, adapterCatalog([...fileOverrides, ...published, definition]));
    if (!merged.success) throw fail.validation(fieldIssues(merged.error), 'With the other adapters this definition does not fit in one catalog.');
    return merged.data;
  };

  return new Hono<AppEnv>()
    .get('/', staffAuth(), requirePermission('record.create'), async (c) => {
      const catalog = await servedCatalog(c.get('deps').db);
      const etag = `"${catalog.version}"`;
      if (matches(c.req.header('if-none-match'), etag)) return c.body(null, 304, headers(etag));
      return c.body(JSON.stringify(catalog), 200, { ...headers(etag), 'content-type': 'application/json; charset=utf-8' });
    })
    // Checks an override file the way the server reads ECHOBOX_ADAPTERS_FILE at start, so an admin
    // sees every field error before putting the file in place; nothing is stored.
    .post('/check', staffAuth(), requirePermission('adapter.manage'), validate('json', AdapterOverrideCheck), (c) => {
      const { adapters } = c.req.valid('json');
      const merged = z.safeParse(AdapterCatalog, adapterCatalog(adapters));
      if (!merged.success) throw fail.validation(fieldIssues(merged.error), 'With the built-in adapters the file does not fit in one catalog.');
      const builtIn = new Set(BUILTIN_ADAPTERS.map((a) => a.id));
      const report: AdapterOverrideReport = {
        catalog: merged.data,
        replaced: adapters.filter((a) => builtIn.has(a.id)).map((a) => a.id),
        added: adapters.filter((a) => !builtIn.has(a.id)).map((a) => a.id),
      };
      return c.json(report);
    })
    .get('/published', staffAuth(), requirePermission('adapter.manage'), async (c) => {
      const items = (await listPublishedAdapters(c.get('deps').db)).map(({ id, version, publishedAt }) => ({ id, version, publishedAt }));
      return c.json({ items } satisfies PublishedAdapterList);
    })
    // Publishing a definition (e.g. one an agent taught and exported) makes it every agent's: their
    // extensions get it on their next catalog refresh. Logged in adapter_publications.
    .put('/published/:id', staffAuth(), requirePermission('adapter.manage'), validate('param', AdapterIdParam), validate('json', AdapterDefinition), async (c) => {
      const { db, now } = c.get('deps');
      const definition = c.req.valid('json');
      if (definition.id !== c.req.valid('param').id) {
        throw fail.validation([{ path: ['id'], code: 'id_mismatch', message: 'The definition’s id must be the id in the address.' }]);
      }
      const catalog = await fits(db, definition);
      const actor = c.get('actor');
      const replaced = await publishAdapter(db, definition, { id: actor.id, label: actor.name }, now());
      return c.json({ definition, replaced, catalogVersion: catalog.version } satisfies AdapterPublished);
    })
    .delete('/published/:id', staffAuth(), requirePermission('adapter.manage'), validate('param', AdapterIdParam), async (c) => {
      const { db, now } = c.get('deps');
      const actor = c.get('actor');
      if (!(await withdrawAdapter(db, c.req.valid('param').id, { id: actor.id, label: actor.name }, now()))) throw fail.notFound('The published adapter');
      return c.body(null, 204);
    });
}
