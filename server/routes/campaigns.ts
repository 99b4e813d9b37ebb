import { Hono, type Context } from 'hono';
import * as z from 'zod/mini';
import { v7 as uuidv7 } from 'uuid';
import type { AppEnv } from '../context';
import { problem, fail } from '../errors';
import { staffAuth } from '../middleware/staff-auth';
import { requirePermission } from '../middleware/require-permission';
import { validate } from '../middleware/validate';
import { getCampaign, insertCampaign, listCampaigns, saveCampaign, type InsertOutcome } from '../store/campaigns';
import { Id } from '../../shared/schemas/common';
import { Campaign } from '../../shared/schemas/survey';
import { fieldIssues } from '../../shared/schemas/problem';
import { documentTag, tagMatches } from '../../shared/domain/document-tag';

/**
 * Check an optional If-Match against the stored document's tag (shared/domain/document-tag.ts):
 * an edit based on content someone has changed since is refused with the document as it is now.
 * Optional so scripts written before it keep working; the console always sends it.
 */
export function assertIfMatch<T>(c: Context<AppEnv>, name: string, stored: T): void {
  const header = c.req.header('if-match');
  if (header !== undefined && !tagMatches(header, stored)) {
    throw problem('version_conflict', { detail: `The ${name} was changed since you opened it.`, current: stored });
  }
}

/** Answer one document with its tag as ETag, so a client can send it back as If-Match. */
export function withTag<K extends string, T>(c: Context<AppEnv>, name: K, doc: T) {
  c.header('etag', `"${documentTag(doc)}"`);
  return c.json({ [name]: doc } as Record<K, T>);
}

/** `:id` path parameter (a UUID, lowercased). */
export const IdParam = z.object({ id: Id });

/** `?active=true|false` list filter. */
export const ActiveFilter = z.optional(z.enum(['true', 'false']));

/**
 * A create body: the shared schema with the fields the server may fill. The id is the client's
 * when it sends one (a UUID, so a retried create is idempotent), else a fresh UUIDv7.
 */
export function createBody<T extends z.core.$ZodType>(schema: T, defaults: () => Record<string, unknown>) {
  return z.pipe(
    z.transform((input: unknown) =>
      typeof input === 'object' && input !== null && !Array.isArray(input) ? { id: uuidv7(), ...defaults(), ...input } : input,
    ),
    schema,
  );
}

/**
 * A PATCH body for a document schema: a non-empty object of its top-level fields, each replacing
 * the stored value whole; the merged document is then checked with the full schema (`mergePatch`).
 */
export function patchBody(keys: readonly string[]) {
  return z
    .strictObject(Object.fromEntries(keys.map((k) => [k, z.optional(z.unknown())])))
    .check(
      z.refine((v) => Object.keys(v).length > 0, { message: 'empty_patch', params: { code: 'empty_patch' } }),
    );
}

/** Apply a top-level patch to a stored document and check the result; 400 with field paths when invalid. */
export function mergePatch<T extends { id: string }>(schema: z.core.$ZodType<T>, stored: T, patch: Record<string, unknown>): T {
  if (patch.id !== undefined && patch.id !== stored.id) {
    throw fail.validation([{ path: ['id'], code: 'invalid_value', message: 'The id cannot be changed.' }]);
  }
  const parsed = z.safeParse(schema, { ...stored, ...patch, id: stored.id });
  if (!parsed.success) throw fail.validation(fieldIssues(parsed.error));
  return parsed.data;
}

/** Answer a create: 201 created, 200 for a retry of the same body, 409 idempotency_conflict otherwise. */
export function createdResponse<K extends string, T extends { id: string }>(
  c: Context<AppEnv>,
  name: K,
  base: string,
  outcome: InsertOutcome<T>,
) {
  if (outcome.status === 'conflict') {
    throw problem('idempotency_conflict', { detail: `A ${name} with this id already exists with different content.`, current: outcome.doc });
  }
  c.header('location', `${base}/${outcome.doc.id}`);
  return c.json({ status: outcome.status, [name]: outcome.doc } as { status: typeof outcome.status } & Record<K, T>, outcome.status === 'created' ? 201 : 200);
}

const CampaignCreate = createBody(Campaign, () => ({ active: true }));
const CampaignPatch = patchBody(Object.keys(Campaign.shape));
/** `GET /api/v1/campaigns` query. */
export const CampaignListQuery = z.object({ active: ActiveFilter });

async function load(c: Context<AppEnv>, id: string): Promise<Campaign> {
  const found = await getCampaign(c.get('deps').db, id);
  if (!found) throw fail.notFound('The campaign');
  return found;
}

async function setActive(c: Context<AppEnv>, id: string, active: boolean) {
  const { db, now } = c.get('deps');
  const stored = await load(c, id);
  const campaign = stored.active === active ? stored : ((await saveCampaign(db, { ...stored, active }, now())) as Campaign);
  return withTag(c, 'campaign', campaign);
}

/**
 * Collection campaigns (DOMAIN.md §2), mounted at /api/v1/campaigns. Staff with record.read list
 * and read; campaign.manage creates, edits and (de)activates. A campaign is never deleted: records
 * and surveys refer to it. Deactivating one hides all its surveys from the widget.
 */
export const campaignsRoutes = new Hono<AppEnv>()
  .use('*', staffAuth())
  .get('/', requirePermission('record.read'), validate('query', CampaignListQuery), async (c) => {
    const { active } = c.req.valid('query');
    const items = await listCampaigns(c.get('deps').db, active === undefined ? {} : { active: active === 'true' });
    return c.json({ items });
  })
  .post('/', requirePermission('campaign.manage'), validate('json', CampaignCreate), async (c) => {
    const { db, now } = c.get('deps');
    const outcome = await insertCampaign(db, c.req.valid('json'), now());
    return createdResponse(c, 'campaign', '/api/v1/campaigns', outcome);
  })
  .get('/:id', requirePermission('record.read'), validate('param', IdParam), async (c) =>
    withTag(c, 'campaign', await load(c, c.req.valid('param').id)),
  )
  .patch('/:id', requirePermission('campaign.manage'), validate('param', IdParam), validate('json', CampaignPatch), async (c) => {
    const { db, now } = c.get('deps');
    const stored = await load(c, c.req.valid('param').id);
    assertIfMatch(c, 'campaign', stored);
    const next = mergePatch(Campaign, stored, c.req.valid('json'));
    return withTag(c, 'campaign', (await saveCampaign(db, next, now())) as Campaign);
  })
  .post('/:id/activate', requirePermission('campaign.manage'), validate('param', IdParam), (c) =>
    setActive(c, c.req.valid('param').id, true),
  )
  .post('/:id/deactivate', requirePermission('campaign.manage'), validate('param', IdParam), (c) =>
    setActive(c, c.req.valid('param').id, false),
  );
