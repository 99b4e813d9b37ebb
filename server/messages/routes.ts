import { Hono } from 'hono';
import * as z from 'zod/mini';
import type { AppEnv } from '../context';
import { fail, problem } from '../errors';
import { staffAuth } from '../middleware/staff-auth';
import { requirePermission } from '../middleware/require-permission';
import { validate } from '../middleware/validate';
import { findMessage, messagesOf, requeueMessage, toCustomerMessage } from './store';
import { deleteTemplate, putTemplate, templateFor } from './templates';
import { domainFailure } from '../records/apply';
import { checkTemplate } from '../../shared/domain/message-template';
import { COMMUNICATION_KINDS } from '../../shared/schemas/codes';
import { LOCALES, Locale } from '../../shared/schemas/common';
import { CommunicationKind } from '../../shared/schemas/enums';
import { MessageTemplateBody, type CustomerMessageList, type MessageTemplateList } from '../../shared/schemas/message';
import type { MailSettings } from '../../shared/schemas/mail-settings';

const RecordQuery = z.object({ record: z.uuid() });
const TemplateParams = z.object({ kind: CommunicationKind, locale: Locale });

/** A record's customer e-mails with their delivery state, and a failed one sent again. */
export const customerMessagesRoutes = new Hono<AppEnv>()
  .use('*', staffAuth())
  .get('/', requirePermission('record.read'), validate('query', RecordQuery), async (c) => {
    const items = await messagesOf(c.get('deps').db, c.req.valid('query').record.toLowerCase());
    return c.json({ items } satisfies CustomerMessageList);
  })
  .post('/:id/retry', requirePermission('record.transition'), async (c) => {
    const { db, onMessageQueued } = c.get('deps');
    const id = c.req.param('id');
    const found = z.safeParse(z.uuid(), id).success ? await findMessage(db, id.toLowerCase()) : undefined;
    if (!found) throw fail.notFound('The message');
    const row = await requeueMessage(db, found.id);
    if (!row) throw problem('conflict', { detail: 'Only a failed message can be sent again.' });
    onMessageQueued?.(row.id);
    return c.json(toCustomerMessage(row));
  });

/** The company's e-mail wording per communication kind and language (admins). */
export const messageTemplatesRoutes = new Hono<AppEnv>()
  .use('*', staffAuth())
  .use('*', requirePermission('message_template.manage'))
  .get('/', async (c) => {
    const { db } = c.get('deps');
    const items = [];
    for (const kind of COMMUNICATION_KINDS) for (const locale of LOCALES) items.push(await templateFor(db, kind, locale));
    return c.json({ items } satisfies MessageTemplateList);
  })
  .put('/:kind/:locale', validate('param', TemplateParams), validate('json', MessageTemplateBody), async (c) => {
    const { kind, locale } = c.req.valid('param');
    const body = c.req.valid('json');
    const checked = checkTemplate(body.subject, body.body);
    if (!checked.ok) throw domainFailure(checked.error);
    const { db, now } = c.get('deps');
    await putTemplate(db, { kind, locale, ...body, by: c.get('actor').id, now: now() });
    return c.json(await templateFor(db, kind, locale));
  })
  .delete('/:kind/:locale', validate('param', TemplateParams), async (c) => {
    const { kind, locale } = c.req.valid('param');
    const { db } = c.get('deps');
    await deleteTemplate(db, kind, locale);
    return c.json(await templateFor(db, kind, locale));
  });

/** How e-mail leaves this installation, for the administration's notification settings (admins; read-only). */
export const mailSettingsRoutes = new Hono<AppEnv>()
  .use('*', staffAuth())
  .use('*', requirePermission('message_template.manage'))
  .get('/', (c) => {
    const { mail } = c.get('deps').config;
    // Host and port only: the URL's user and password never leave the server.
    const body: MailSettings = {
      smtpConfigured: mail.smtpUrl !== null,
      smtpHost: mail.smtpUrl ? new URL(mail.smtpUrl).host : null,
      from: mail.from,
      publicUrl: mail.publicUrl,
      statusLinkDays: mail.statusLinkDays,
    };
    return c.json(body);
  });
