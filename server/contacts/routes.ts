import { Hono, type Context } from 'hono';
import * as z from 'zod/mini';
import type { Actor, AppEnv } from '../context';
import { fail } from '../errors';
import { staffAuth } from '../middleware/staff-auth';
import { requirePermission } from '../middleware/require-permission';
import { validate } from '../middleware/validate';
import { getRecord, updateRecord } from '../store/records';
import { auditContact, deleteContacts, findByCustomer, putContact, readContact, resealContacts, type VaultActor } from './vault';
import type { ContactKeyRing } from './key-ring';
import { vaultKeys } from './consented';
import { messagesOf } from '../messages/store';
import { revokeStatusLinks } from '../status-page/links';
import { canOnRecord } from '../../shared/domain/permissions';
import { ContactBody, CustomerLookup, type ContactView, type CustomerDataExport } from '../../shared/schemas/contact';

const vaultActor = (actor: Actor): VaultActor => ({ id: actor.id, label: `${actor.name} (${actor.role})` });

const keys = (c: Context<AppEnv>): ContactKeyRing => vaultKeys(c.get('deps').config.contactKeys);

async function loadRecord(c: Context<AppEnv>) {
  const id = c.req.param('recordId') ?? '';
  const stored = z.safeParse(z.uuid(), id).success ? await getRecord(c.get('deps').db, id.toLowerCase()) : undefined;
  if (!stored) throw fail.notFound('The record');
  return stored;
}

/**
 * The consented contact vault (DOMAIN.md §13): store a record's unmasked contact (with consent),
 * read it through an explicit request that is audited, and re-seal everything under the active key
 * after a rotation.
 */
export const contactsRoutes = new Hono<AppEnv>()
  .use('*', staffAuth())
  .put('/:recordId', requirePermission('record.edit'), validate('json', ContactBody), async (c) => {
    const actor = c.get('actor');
    const stored = await loadRecord(c);
    const own = stored.createdBy === actor.id || stored.doc.owner?.id === actor.id;
    if (!canOnRecord(actor.role, 'record.edit', own)) throw fail.forbidden('You may change only the records you recorded or own.');
    const body = c.req.valid('json');
    const { db, now } = c.get('deps');
    await putContact(db, keys(c), { recordId: stored.doc.id, contact: body.contact, locale: body.locale, actor: vaultActor(actor), now: now() });
    return c.body(null, 204);
  })
  .post('/:recordId/read', requirePermission('record.read_contact'), async (c) => {
    const stored = await loadRecord(c);
    const { db, now } = c.get('deps');
    const found = await readContact(db, keys(c), stored.doc.id, vaultActor(c.get('actor')), now());
    if (!found) throw fail.notFound('A stored contact for this record');
    c.header('cache-control', 'no-store');
    return c.json({ recordId: found.recordId, contact: found.contact, locale: found.locale, storedAt: found.storedAt.toISOString() } satisfies ContactView);
  })
  .post('/rotate-key', requirePermission('customer_data.manage'), async (c) => {
    const ring = keys(c);
    const resealed = await resealContacts(c.get('deps').db, ring, c.get('deps').now());
    return c.json({ activeKeyId: ring.activeId, resealed });
  });

/** A customer's data on request (PIPL / GDPR): every record found by their e-mail or phone, exported or erased, audited. */
export const customerDataRoutes = new Hono<AppEnv>()
  .use('*', staffAuth())
  .post('/export', requirePermission('customer_data.manage'), validate('json', CustomerLookup), async (c) => {
    const { db, now } = c.get('deps');
    const actor = vaultActor(c.get('actor'));
    const found = await findByCustomer(db, keys(c), c.req.valid('json'));
    const records: CustomerDataExport['records'] = [];
    for (const entry of found) {
      const stored = await getRecord(db, entry.recordId);
      if (!stored) continue;
      await auditContact(db, entry.recordId, 'customer_data:export', actor, now());
      records.push({
        recordId: entry.recordId,
        recordNumber: stored.doc.recordNumber,
        contact: entry.contact,
        locale: entry.locale,
        problem: stored.doc.problem,
        status: stored.doc.status,
        recordedAt: stored.doc.recordedAt,
        messages: (await messagesOf(db, entry.recordId)).map((m) => ({ kind: m.kind, state: m.state, createdAt: m.createdAt })),
      });
    }
    c.header('cache-control', 'no-store');
    return c.json({ records } satisfies CustomerDataExport);
  })
  .post('/erase', requirePermission('customer_data.manage'), validate('json', CustomerLookup), async (c) => {
    const { db, now } = c.get('deps');
    const actor = c.get('actor');
    const found = await findByCustomer(db, keys(c), c.req.valid('json'));
    const calendar = (await c.get('calendars').config()).calendar;
    const erased: string[] = [];
    for (const entry of found) {
      // The record stays (it is the company's ledger); what identifies the customer goes.
      await updateRecord(
        db,
        entry.recordId,
        'customer_data:erase',
        ({ doc }) => {
          const { contact: _contact, contactPerson: _person, customerName: _name, ...rest } = doc;
          return { ...rest, contactConsent: false };
        },
        { now: now(), author: vaultActor(actor), calendar },
      );
      await deleteContacts(db, [entry.recordId]);
      await revokeStatusLinks(db, entry.recordId, now());
      erased.push(entry.recordId);
    }
    return c.json({ erasedRecords: erased });
  });
