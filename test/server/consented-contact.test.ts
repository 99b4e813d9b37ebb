import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { TEST_STORES } from './support/databases';
import { json, staff, testApp } from './support/app';
import { recordInput, submissionInput } from './support/fixtures';
import type { Database } from '../../server/db/open';
import { auditEntries, contactVault, records } from '../../server/db/schema';
import { keyRingOf } from '../../server/contacts/key-ring';
import { createSiteKey } from '../../server/store/site-keys';

/*
 * A consented contact travels with the record it belongs to (issue 12): the widget's submission and
 * the staff create carry it beside the masked record; the server seals it into the vault in the
 * record's own transaction, so neither exists without the other, and a replay stores it once.
 */

const ORIGIN = 'https://app.example.com';
const EMAIL = 'Zhang.San@Example.com';
const PHONE = '+86 139 8765 4321';
const NAME = '张三';
const consented = (contact: Record<string, string> = { name: NAME, phone: PHONE, email: EMAIL }) => ({ consent: true, contact, locale: 'en' });

describe.each(TEST_STORES)('consented contact stored with its record on $name', (store) => {
  let database: Database;
  let t: ReturnType<typeof testApp>;
  let key: string;
  let agent: Awaited<ReturnType<typeof staff>>;
  let reviewer: Awaited<ReturnType<typeof staff>>;
  const secret = 'reporter-secret-0123456789abcdef';

  beforeAll(async () => {
    database = await store.open();
    t = testApp(database, { config: { contactKeys: keyRingOf([randomBytes(32)]) }, logLevel: 'trace' });
    key = (await createSiteKey(database.db, { name: 'App', department: 'WEB', allowedOrigins: [ORIGIN], ratePerMinute: 1000 })).siteKey.key;
    agent = await staff(database, 'agent');
    reviewer = await staff(database, 'reviewer', 'PM');
  });
  afterAll(() => database.close());

  const widget = () => ({ origin: ORIGIN, 'x-echobox-site-key': key });
  const vaultRows = async (id: string) => Number((await database.db.select({ n: count() }).from(contactVault).where(eq(contactVault.recordId, id)))[0]?.n);
  const recordRows = async (id: string) => Number((await database.db.select({ n: count() }).from(records).where(eq(records.id, id)))[0]?.n);
  const stores = async (id: string) =>
    (await database.db.select({ action: auditEntries.action }).from(auditEntries).where(eq(auditEntries.recordId, id))).filter((a) => a.action === 'contact:store').length;
  const read = async (id: string, auth = reviewer.auth) => t.app.request(`/api/v1/contacts/${id}/read`, { method: 'POST', headers: auth });
  const documentOf = async (id: string) =>
    ((await (await t.app.request(`/api/v1/records/${id}`, { headers: reviewer.auth })).json()) as { record: Record<string, unknown> }).record;

  it('without a consented contact nothing enters the vault', async () => {
    const body = submissionInput(secret);
    expect((await t.app.request('/api/v1/public/submissions', json('POST', body, widget()))).status).toBe(201);
    expect(await recordRows(body.id)).toBe(1);
    expect(await vaultRows(body.id)).toBe(0);
    expect((await read(body.id)).status).toBe(404);
  });

  it('a widget submission with consent: the vault holds the unmasked contact, the document the masked one, the store is audited; a replay stores it once', async () => {
    const body = submissionInput(secret, { contact: PHONE, consentedContact: consented() });
    const res = await t.app.request('/api/v1/public/submissions', json('POST', body, widget()));
    expect(res.status).toBe(201);
    const opened = await read(body.id);
    expect(opened.status).toBe(200);
    expect(await opened.json()).toMatchObject({ recordId: body.id, contact: { name: NAME, phone: PHONE, email: EMAIL }, locale: 'en' });
    const doc = await documentOf(body.id);
    // Masked again on the server even though the widget sent it in clear in the record's own field.
    expect(doc.contact).toBe('139****4321');
    expect(JSON.stringify(doc)).not.toMatch(/Zhang|张三|87654321|consentedContact/);
    expect(await stores(body.id)).toBe(1);

    // The widget's outbox retries with the same id and body: one record, one vault row, one audit entry.
    for (const path of ['submissions', 'submissions/batch']) {
      const again = await t.app.request(`/api/v1/public/${path}`, json('POST', path.endsWith('batch') ? { items: [body] } : body, widget()));
      expect(again.status).toBe(200);
      const answer = (await again.json()) as { status?: string; results?: Array<{ status: string }> };
      expect(answer.status ?? answer.results?.[0]?.status).toBe('duplicate');
    }
    expect(await recordRows(body.id)).toBe(1);
    expect(await vaultRows(body.id)).toBe(1);
    expect(await stores(body.id)).toBe(1);
    // The same id with another contact is another body: refused, the stored contact kept.
    const other = await t.app.request('/api/v1/public/submissions', json('POST', { ...body, consentedContact: consented({ email: 'someone.else@example.com' }) }, widget()));
    expect(other.status).toBe(409);
    expect(((await other.json()) as { code: string }).code).toBe('idempotency_conflict');
    expect(await (await read(body.id)).json()).toMatchObject({ contact: { email: EMAIL } });
    // Never in the log, not even the request lines at trace level.
    for (const secretText of [EMAIL, EMAIL.toLowerCase(), PHONE, '13987654321', NAME]) expect(t.logs.join('\n')).not.toContain(secretText);
  });

  it('a bad e-mail is refused with its field path and nothing is stored, singly and in a batch', async () => {
    const body = submissionInput(secret, { consentedContact: consented({ email: 'not-an-address' }) });
    const res = await t.app.request('/api/v1/public/submissions', json('POST', body, widget()));
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { code: string; errors: Array<{ path: unknown[] }> };
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors.map((e) => e.path)).toContainEqual(['consentedContact', 'contact', 'email']);
    const batch = await t.app.request('/api/v1/public/submissions/batch', json('POST', { items: [body] }, widget()));
    const [item] = ((await batch.json()) as { results: Array<{ status: string; error: { errors: Array<{ path: unknown[] }> } }> }).results;
    expect(item?.status).toBe('rejected');
    expect(item?.error.errors.map((e) => e.path)).toContainEqual(['consentedContact', 'contact', 'email']);
    expect(await recordRows(body.id)).toBe(0);
    expect(await vaultRows(body.id)).toBe(0);
  });

  it('a consented contact beside an unticked consent box is refused', async () => {
    const body = submissionInput(secret, { contact: undefined, contactConsent: false, consentedContact: consented() });
    const res = await t.app.request('/api/v1/public/submissions', json('POST', body, widget()));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: Array<{ path: unknown[]; code: string }> }).errors).toContainEqual(
      expect.objectContaining({ path: ['consentedContact'], code: 'contact_requires_consent' }),
    );
    expect(await recordRows(body.id)).toBe(0);
  });

  it('a staff create (single and batch) stores the contact with the record; the agent who wrote it cannot read it back', async () => {
    const single = recordInput({ consentedContact: consented({ phone: PHONE }) } as never);
    const res = await t.app.request('/api/v1/records', json('POST', single, agent.auth));
    expect(res.status).toBe(201);
    expect(((await res.json()) as { record: Record<string, unknown> }).record).not.toHaveProperty('consentedContact');
    expect((await t.app.request('/api/v1/records', json('POST', single, agent.auth))).status).toBe(200);
    expect(await vaultRows(single.id)).toBe(1);
    const forbidden = await read(single.id, agent.auth);
    expect(forbidden.status).toBe(403);
    expect(await (await read(single.id)).json()).toMatchObject({ contact: { phone: PHONE } });

    const batched = recordInput({ consentedContact: consented({ email: EMAIL }) } as never);
    const plain = recordInput();
    const answer = await t.app.request('/api/v1/records/batch', json('POST', { items: [batched, plain, batched] }, agent.auth));
    expect(((await answer.json()) as { results: Array<{ status: string }> }).results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted']);
    const replay = await t.app.request('/api/v1/records/batch', json('POST', { items: [batched] }, agent.auth));
    expect(((await replay.json()) as { results: Array<{ status: string }> }).results[0]?.status).toBe('duplicate');
    expect(await vaultRows(batched.id)).toBe(1);
    expect(await vaultRows(plain.id)).toBe(0);
    expect(await stores(batched.id)).toBe(1);
    expect(await (await read(batched.id)).json()).toMatchObject({ contact: { email: EMAIL } });
  });

  it('a record whose contact cannot be stored is not stored either', async () => {
    // The vault off (no key): the whole write is refused, with what to configure.
    const off = testApp(database, { config: { contactKeys: null } });
    const body = submissionInput(secret, { consentedContact: consented() });
    const res = await off.app.request('/api/v1/public/submissions', json('POST', body, widget()));
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ code: 'conflict', detail: expect.stringContaining('ECHOBOX_SECRET_KEY') });
    const staffBody = recordInput({ consentedContact: consented() } as never);
    const batch = await off.app.request('/api/v1/records/batch', json('POST', { items: [staffBody] }, agent.auth));
    expect(((await batch.json()) as { results: Array<{ status: string; error?: { code: string } }> }).results[0]).toMatchObject({
      status: 'rejected',
      error: { code: 'conflict' },
    });
    expect(await recordRows(body.id)).toBe(0);
    expect(await recordRows(staffBody.id)).toBe(0);

    // The vault insert failing inside the write (a row already there for this id) rolls the record back.
    const clash = recordInput({ consentedContact: consented() } as never);
    await database.db.insert(contactVault).values({ recordId: clash.id, keyId: 'x', sealed: 'x', locale: 'en' });
    const failed = await t.app.request('/api/v1/records', json('POST', clash, agent.auth));
    expect(failed.status).toBe(500);
    expect(await recordRows(clash.id)).toBe(0);
    expect(await stores(clash.id)).toBe(0);
  });
});
