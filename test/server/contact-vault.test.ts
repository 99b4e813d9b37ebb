import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import * as ExcelNamespace from 'exceljs';
import { TEST_STORES } from './support/databases';
import { json, staff, testApp } from './support/app';
import { recordInput } from './support/fixtures';
import type { Database } from '../../server/db/open';
import { ContactKeyMissingError, KEY_FILE, keyRingOf, loadContactKeyRing } from '../../server/contacts/key-ring';
import { storedKeyIds } from '../../server/contacts/vault';

const ExcelJS = (ExcelNamespace as unknown as { default?: typeof ExcelNamespace }).default ?? ExcelNamespace;

/*
 * The consented contact vault (DOMAIN.md §13): unmasked contact stored encrypted apart from the
 * record, read only by roles with record.read_contact through an audited request, never in exports
 * or logs, found and erased by the customer's e-mail or phone, and re-sealed on key rotation.
 */

const EMAIL = 'Wang.Xiaoming@Example.com';
const PHONE = '+86 138 1234 5678';
const NAME = '王小明';
const KEY_A = randomBytes(32);
const KEY_B = randomBytes(32);

/** Every row of every table of the database as text: what "every trace" is checked against. */
async function everything(database: Database): Promise<string> {
  const tables = (await database.db.execute(
    sql`SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
  )) as unknown as { rows: Array<{ table_name: string }> };
  let text = '';
  for (const { table_name } of tables.rows) {
    const rows = (await database.db.execute(sql.raw(`SELECT t::text AS row FROM "${table_name}" t`))) as unknown as { rows: Array<{ row: string }> };
    text += rows.rows.map((r) => r.row).join('\n');
  }
  return text;
}

describe.each(TEST_STORES)('contact vault on $name', (store) => {
  let database: Database;
  beforeAll(async () => {
    database = await store.open();
  });
  afterAll(async () => {
    await database?.close();
  });

  const setup = async (keys = keyRingOf([KEY_A])) => {
    const { app, logs } = testApp(database, { config: { contactKeys: keys }, logLevel: 'trace' });
    const agent = await staff(database, 'agent');
    const reviewer = await staff(database, 'reviewer');
    const admin = await staff(database, 'admin', 'ADMIN');
    const create = async () => {
      const res = await app.request('/api/v1/records', json('POST', recordInput(), agent.auth));
      expect(res.status).toBe(201);
      return ((await res.json()) as { record: { id: string; recordNumber: string } }).record;
    };
    const putContact = (id: string, contact: Record<string, string>, auth = agent.auth) =>
      app.request(`/api/v1/contacts/${id}`, json('PUT', { consent: true, contact, locale: 'zh-CN' }, auth));
    return { app, logs, agent, reviewer, admin, create, putContact };
  };

  it('keeps the contact encrypted apart from the record; an agent gets 403, a reviewer reads it and the read is audited', async () => {
    const { app, agent, reviewer, create, putContact } = await setup();
    const record = await create();
    const refused = await app.request(`/api/v1/contacts/${record.id}`, json('PUT', { consent: false, contact: { email: EMAIL }, locale: 'zh-CN' }, agent.auth));
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { errors: Array<{ path: unknown[] }> }).errors.map((e) => e.path)).toContainEqual(['consent']);
    expect((await putContact(record.id, { name: NAME, phone: PHONE, email: EMAIL })).status).toBe(204);

    const dump = await everything(database);
    for (const secret of [EMAIL, EMAIL.toLowerCase(), '13812345678', NAME]) expect(dump).not.toContain(secret);

    const forbidden = await app.request(`/api/v1/contacts/${record.id}/read`, { method: 'POST', headers: agent.auth });
    expect(forbidden.status).toBe(403);
    expect(((await forbidden.json()) as { code: string }).code).toBe('forbidden');

    const read = await app.request(`/api/v1/contacts/${record.id}/read`, { method: 'POST', headers: reviewer.auth });
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ recordId: record.id, contact: { name: NAME, phone: PHONE, email: EMAIL }, locale: 'zh-CN' });

    const detail = (await (await app.request(`/api/v1/records/${record.id}`, { headers: reviewer.auth })).json()) as {
      record: { contact: string };
      audit: Array<{ action: string; actor: { id: string | null }; at: string }>;
    };
    expect(detail.record.contact).toBe('138****5678');
    const reads = detail.audit.filter((a) => a.action === 'contact:read');
    expect(reads).toEqual([expect.objectContaining({ actor: expect.objectContaining({ id: reviewer.user.id }), at: expect.any(String) })]);
  });

  it('never puts the unmasked contact into the XLSX or CSV ledger or the log', async () => {
    const { app, logs, reviewer, admin, create, putContact } = await setup();
    const record = await create();
    expect((await putContact(record.id, { name: NAME, phone: PHONE, email: EMAIL })).status).toBe(204);
    expect((await app.request(`/api/v1/contacts/${record.id}/read`, { method: 'POST', headers: reviewer.auth })).status).toBe(200);
    expect((await app.request('/api/v1/customer-data/export', json('POST', { email: EMAIL }, admin.auth))).status).toBe(200);

    const xlsx = await app.request('/api/v1/exports/ledger.xlsx', { headers: reviewer.auth });
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ArrayBuffer);
    const cells: string[] = [];
    workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => void cells.push(String(cell.value)))));
    expect(cells.join('\n')).toContain(record.recordNumber);
    const csv = await (await app.request('/api/v1/exports/ledger.csv', { headers: reviewer.auth })).text();
    expect(csv).toContain(record.recordNumber);
    const logText = logs.join('\n');
    expect(logText).toContain('/api/v1/contacts/:recordId/read');
    for (const text of [cells.join('\n'), csv, logText]) {
      for (const secret of [EMAIL, EMAIL.toLowerCase(), PHONE, '13812345678', NAME]) expect(text).not.toContain(secret);
    }
  });

  it('finds every record of a customer by e-mail or phone however typed, exports them audited, and erasure removes every trace', async () => {
    const { app, admin, reviewer, create, putContact } = await setup();
    // A customer of this test only: the database is shared with the tests above.
    const EMAIL = 'Li.Lei@Example.com';
    const PHONE = '+86 139 8765 4321';
    const NAME = '李雷';
    const first = await create();
    const second = await create();
    const other = await create();
    expect((await putContact(first.id, { name: NAME, email: EMAIL })).status).toBe(204);
    expect((await putContact(second.id, { phone: '13987654321', email: ' li.lei@example.COM ' })).status).toBe(204);
    expect((await putContact(other.id, { email: 'someone.else@example.com', phone: '13900001111' })).status).toBe(204);

    expect((await app.request('/api/v1/customer-data/export', json('POST', { email: EMAIL }, reviewer.auth))).status).toBe(403);
    const exported = await app.request('/api/v1/customer-data/export', json('POST', { phone: '0086-139-8765-4321' }, admin.auth));
    expect(exported.status).toBe(200);
    const body = (await exported.json()) as { records: Array<{ recordId: string; contact: { email?: string } }> };
    expect(body.records.map((r) => r.recordId)).toEqual([second.id]);
    const byEmail = (await (await app.request('/api/v1/customer-data/export', json('POST', { email: 'LI.LEI@example.com' }, admin.auth))).json()) as {
      records: Array<{ recordId: string }>;
    };
    expect(byEmail.records.map((r) => r.recordId).sort()).toEqual([first.id, second.id].sort());

    const erased = await app.request('/api/v1/customer-data/erase', json('POST', { email: EMAIL, phone: PHONE }, admin.auth));
    expect(erased.status).toBe(200);
    expect(((await erased.json()) as { erasedRecords: string[] }).erasedRecords.sort()).toEqual([first.id, second.id].sort());

    const dump = await everything(database);
    for (const secret of [EMAIL, EMAIL.toLowerCase(), 'li.lei', '13987654321', NAME]) expect(dump).not.toContain(secret);
    expect((await app.request(`/api/v1/contacts/${first.id}/read`, { method: 'POST', headers: reviewer.auth })).status).toBe(404);
    const detail = (await (await app.request(`/api/v1/records/${first.id}`, { headers: reviewer.auth })).json()) as {
      record: Record<string, unknown>;
      audit: Array<{ action: string; actor: { id: string | null } }>;
    };
    expect(detail.record.contact).toBeUndefined();
    expect(detail.record.contactPerson).toBeUndefined();
    expect(detail.record.contactConsent).toBe(false);
    expect(detail.audit.map((a) => a.action)).toEqual(expect.arrayContaining(['contact:store', 'customer_data:export', 'customer_data:erase']));
    // The other customer keeps theirs.
    expect((await app.request(`/api/v1/contacts/${other.id}/read`, { method: 'POST', headers: reviewer.auth })).status).toBe(200);
  });

  it('re-seals every contact under the new key on rotation; the old key is then no longer needed', async () => {
    const before = await setup(keyRingOf([KEY_A]));
    const record = await before.create();
    expect((await before.putContact(record.id, { email: 'rotate.me@example.com' })).status).toBe(204);

    const during = await setup(keyRingOf([KEY_A, KEY_B]));
    const rotated = await during.app.request('/api/v1/contacts/rotate-key', { method: 'POST', headers: during.admin.auth });
    expect(rotated.status).toBe(200);
    expect(((await rotated.json()) as { resealed: number }).resealed).toBeGreaterThanOrEqual(1);

    const after = await setup(keyRingOf([KEY_B]));
    expect(new Set(await storedKeyIds(database.db))).toEqual(new Set([keyRingOf([KEY_B]).activeId]));
    const read = await after.app.request(`/api/v1/contacts/${record.id}/read`, { method: 'POST', headers: after.reviewer.auth });
    expect(((await read.json()) as { contact: unknown }).contact).toEqual({ email: 'rotate.me@example.com' });
    const found = await after.app.request('/api/v1/customer-data/export', json('POST', { email: 'ROTATE.me@example.com' }, after.admin.auth));
    expect(((await found.json()) as { records: Array<{ recordId: string }> }).records.map((r) => r.recordId)).toEqual([record.id]);
  });
});

describe('contact key ring at start', () => {
  it('generates a key into DATA_DIR with a warning, and refuses to start when the vault has data but no key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ebx-keys-'));
    try {
      const warnings: string[] = [];
      const ring = loadContactKeyRing({ dataDir: dir, storedKeyIds: [], warn: (m) => void warnings.push(m) });
      expect(existsSync(join(dir, KEY_FILE))).toBe(true);
      expect(warnings.join()).toMatch(/Back this file up/);
      // The next start reads the same key.
      expect(loadContactKeyRing({ dataDir: dir, storedKeyIds: [ring!.activeId], warn: () => {} })?.activeId).toBe(ring!.activeId);
      expect(readFileSync(join(dir, KEY_FILE), 'utf8')).not.toContain(ring!.activeId);

      rmSync(join(dir, KEY_FILE));
      expect(() => loadContactKeyRing({ dataDir: dir, storedKeyIds: [ring!.activeId], warn: () => {} })).toThrow(ContactKeyMissingError);
      expect(() => loadContactKeyRing({ dataDir: dir, storedKeyIds: [ring!.activeId], warn: () => {} })).toThrow(
        /holds encrypted contact details, but no key is configured: set ECHOBOX_SECRET_KEY/,
      );
      // A configured key that is not the one the rows were sealed with is refused too.
      expect(() => loadContactKeyRing({ secretKey: KEY_B.toString('base64'), storedKeyIds: [ring!.activeId], warn: () => {} })).toThrow(
        /ECHOBOX_PREVIOUS_SECRET_KEYS/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
