import * as z from 'zod/mini';
import { readJsonConfigFile } from './config-file';
import { AdapterCatalog, AdapterDefinition } from '../shared/schemas/adapter';
import { adapterCatalog } from './routes/adapters';

/**
 * The company's own helpdesk adapter definitions, from the JSON file ECHOBOX_ADAPTERS_FILE names:
 * an array of definitions, or a catalog as GET /api/v1/adapters answers it (`{ "adapters": [...] }`),
 * so an admin can start from the served list. A definition replaces the built-in one with its id,
 * or adds a new one. Anything wrong stops the start with a message naming the file and the field.
 */
export function readAdapterOverrides(path: string): AdapterDefinition[] {
  const { json, fail } = readJsonConfigFile('ECHOBOX_ADAPTERS_FILE', path);
  const list = Array.isArray(json) ? json : (json as { adapters?: unknown } | null)?.adapters;
  if (!Array.isArray(list)) throw fail('holds neither an array of adapter definitions nor { "adapters": [...] }.');
  const parsed = z.safeParse(z.array(AdapterDefinition), list);
  if (!parsed.success) throw fail(`has an invalid adapter definition:\n${z.prettifyError(parsed.error)}`);
  const ids = parsed.data.map((a) => a.id);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice) throw fail(`defines the adapter "${twice}" twice.`);
  // With the built-in ones it must still make a catalog the extensions accept (it caps the count).
  const catalog = z.safeParse(AdapterCatalog, adapterCatalog(parsed.data));
  if (!catalog.success) throw fail(`does not fit in the catalog with the built-in adapters:\n${z.prettifyError(catalog.error)}`);
  return parsed.data;
}
