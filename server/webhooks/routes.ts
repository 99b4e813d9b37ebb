import { Hono } from 'hono';
import * as z from 'zod/mini';
import type { AppEnv } from '../context';
import { fail, problem } from '../errors';
import { v7 as uuidv7 } from 'uuid';
import { validate } from '../middleware/validate';
import { staffAuth } from '../middleware/staff-auth';
import { requirePermission } from '../middleware/require-permission';
import { Id } from '../../shared/schemas/common';
import { WebhookCreate, WebhookUpdate, type WebhookCreated, type WebhookDeliveryList, type WebhookList, type WebhookTestSent } from '../../shared/schemas/webhook';
import { orFail } from '../records/apply';
import { checkWebhookUrl } from './target';
import { createEndpoint, deleteEndpoint, endpointView, getEndpoint, listDeliveries, listEndpoints, queueTestEvent, updateEndpoint } from './store';

const IdParam = z.object({ id: Id });

/**
 * Webhook and team-chat endpoints for admins (`webhook.manage`): create (a standard endpoint's
 * secret is shown once), list, change, remove, send a test event, and read each one's delivery log. A URL must be
 * https and resolve to public addresses unless private targets are allowed (AppConfig). Mounted at /api/v1/webhooks.
 */
export const webhooksRoutes = new Hono<AppEnv>()
  .use(staffAuth(), requirePermission('webhook.manage'))
  .get('/', async (c) => {
    const body: WebhookList = { items: (await listEndpoints(c.get('deps').db)).map(endpointView) };
    return c.json(body);
  })
  .post('/', validate('json', WebhookCreate), async (c) => {
    const { db, now, config } = c.get('deps');
    const input = c.req.valid('json');
    orFail(await checkWebhookUrl(input.url, config.webhookAllowPrivate));
    const { row, secret } = await createEndpoint(db, input, c.get('actor').id, now());
    const body: WebhookCreated = { endpoint: endpointView(row), secret };
    return c.json(body, 201);
  })
  .get('/:id', validate('param', IdParam), async (c) => {
    const row = await getEndpoint(c.get('deps').db, c.req.valid('param').id);
    if (!row) throw fail.notFound('The webhook');
    return c.json(endpointView(row));
  })
  .patch('/:id', validate('param', IdParam), validate('json', WebhookUpdate), async (c) => {
    const { db, config } = c.get('deps');
    const patch = c.req.valid('json');
    if (patch.url !== undefined) orFail(await checkWebhookUrl(patch.url, config.webhookAllowPrivate));
    const row = await updateEndpoint(db, c.req.valid('param').id, patch);
    if (!row) throw fail.notFound('The webhook');
    return c.json(endpointView(row));
  })
  .delete('/:id', validate('param', IdParam), async (c) => {
    if (!(await deleteEndpoint(c.get('deps').db, c.req.valid('param').id))) throw fail.notFound('The webhook');
    return c.body(null, 204);
  })
  .get('/:id/deliveries', validate('param', IdParam), async (c) => {
    const { db } = c.get('deps');
    const { id } = c.req.valid('param');
    if (!(await getEndpoint(db, id))) throw fail.notFound('The webhook');
    const body: WebhookDeliveryList = { items: await listDeliveries(db, id, 200) };
    return c.json(body);
  })
  .post('/:id/test', validate('param', IdParam), async (c) => {
    const { db, now } = c.get('deps');
    const endpoint = await getEndpoint(db, c.req.valid('param').id);
    if (!endpoint) throw fail.notFound('The webhook');
    // A paused endpoint's deliveries end unsent, so a test would only ever look lost.
    if (!endpoint.active) throw problem('conflict', { detail: 'The endpoint is paused: activate it to send a test event.' });
    const actor = c.get('actor');
    const messageId = `msg_test_${uuidv7()}`;
    await queueTestEvent(db, endpoint.id, messageId, { id: actor.id, label: `${actor.name} (${actor.role})` }, now());
    const body: WebhookTestSent = { messageId };
    return c.json(body, 202);
  });
