import { Hono } from 'hono';
import * as z from 'zod/mini';
import type { AppEnv } from '../context';
import { fail } from '../errors';
import { validate } from '../middleware/validate';
import { staffAuth } from '../middleware/staff-auth';
import { requirePermission } from '../middleware/require-permission';
import { createSiteKey, findSiteKey, listSiteKeys, rotateIdentitySecret, updateSiteKey } from '../store/site-keys';
import { Id } from '../../shared/schemas/common';
import { SiteKeyCreate, SiteKeyUpdate } from '../../shared/schemas/staff';

const SiteKeyParam = z.object({ id: Id });
const notFound = () => fail.notFound('The site key');

/**
 * Widget site keys: the public key, the origins allowed to use it, its rate limit, and the
 * identity secret (shown on create and rotate only). Admins only, `site_key.manage`.
 * Mounted at /api/v1/site-keys.
 */
export const siteKeys = new Hono<AppEnv>()
  .use(staffAuth(), requirePermission('site_key.manage'))
  .get('/', async (c) => c.json({ items: await listSiteKeys(c.get('deps').db) }))
  .post('/', validate('json', SiteKeyCreate), async (c) => {
    const { siteKey, identitySecret } = await createSiteKey(c.get('deps').db, c.req.valid('json'));
    return c.json({ ...siteKey, identitySecret }, 201);
  })
  .get('/:id', validate('param', SiteKeyParam), async (c) => {
    const siteKey = await findSiteKey(c.get('deps').db, c.req.valid('param').id);
    if (!siteKey) throw notFound();
    return c.json(siteKey);
  })
  .patch('/:id', validate('param', SiteKeyParam), validate('json', SiteKeyUpdate), async (c) => {
    const siteKey = await updateSiteKey(c.get('deps').db, c.req.valid('param').id, c.req.valid('json'));
    if (!siteKey) throw notFound();
    return c.json(siteKey);
  })
  .post('/:id/rotate', validate('param', SiteKeyParam), async (c) => {
    const rotated = await rotateIdentitySecret(c.get('deps').db, c.req.valid('param').id);
    if (!rotated) throw notFound();
    return c.json({ ...rotated.siteKey, identitySecret: rotated.identitySecret });
  });
