import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import * as z from 'zod/mini';
import type { AppEnv } from '../context';
import { staffAuth } from '../middleware/staff-auth';
import { requirePermission } from '../middleware/require-permission';
import { AdapterCatalog, AdapterDefinition, AdapterOverrideCheck, type AdapterOverrideReport } from '../../shared/schemas/adapter';
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

/**
 * GET /api/v1/adapters: the helpdesk adapter definitions the extension caches, with an ETag so
 * it can revalidate cheaply (If-None-Match → 304). Overrides are validated when the app is built.
 */
export function adaptersRoutes(options: AdaptersOptions = {}) {
  const overrides = z.safeParse(z.optional(z.array(AdapterDefinition)), options.overrides);
  if (!overrides.success) throw new Error(`adaptersRoutes: invalid adapter overrides: ${z.prettifyError(overrides.error)}`);
  const catalog = AdapterCatalog.parse(adapterCatalog(overrides.data));
  const body = JSON.stringify(catalog);
  const etag = `"${catalog.version}"`;
  const headers = { etag, 'cache-control': 'private, no-cache', vary: 'authorization, cookie' };

  return new Hono<AppEnv>()
    .get('/', staffAuth(), requirePermission('record.create'), (c) => {
      if (matches(c.req.header('if-none-match'), etag)) return c.body(null, 304, headers);
      return c.body(body, 200, { ...headers, 'content-type': 'application/json; charset=utf-8' });
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
    });
}
