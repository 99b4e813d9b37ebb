import * as z from 'zod/mini';
import { AdapterCatalog } from '../schemas/adapter';
import { err, ok, type Result } from '../domain/result';
import { BUILTIN_ADAPTERS } from './builtin';

/** Validate adapter definitions fetched from the server (or read from the cache); never throws. */
export function parseAdapterCatalog(value: unknown): Result<AdapterCatalog> {
  const parsed = z.safeParse(AdapterCatalog, value);
  if (parsed.success) return ok(parsed.data);
  return err('validation_failed', 'The adapter definitions are not valid.', {
    details: { issues: parsed.error.issues.slice(0, 20).map((i) => ({ path: i.path.map(String), message: i.message })) },
  });
}

/** The catalog the extension ships with, used until the server's has been fetched. */
export const BUILTIN_CATALOG: AdapterCatalog = { version: 'builtin', adapters: BUILTIN_ADAPTERS };
