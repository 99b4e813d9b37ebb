import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash, randomUUID } from 'node:crypto';
import { count, eq, sql } from 'drizzle-orm';
import { TEST_STORES } from './support/databases';
import { json, staff, testApp } from './support/app';
import { recordInput, submissionInput } from './support/fixtures';
import type { Database } from '../../server/db/open';
import { attachments, records } from '../../server/db/schema';
import { createSiteKey } from '../../server/store/site-keys';
import { SITE_KEY_HEADER } from '../../server/middleware/site-key';
import { sweepUnreferencedUploads } from '../../server/attachments/sweep';
import { isStorageFull } from '../../server/errors';

const SHOP = 'https://shop.example.com';
const HOUR = 60 * 60 * 1000;
const T0 = new Date('2025-09-30T10:00:00Z');
const PNG_HEAD = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
/** A distinct PNG of exactly `size` bytes (the type is judged by its signature). */
const png = (size = 100) => {
  const bytes = Buffer.alloc(size, 0x20);
  PNG_HEAD.copy(bytes);
  Buffer.from(randomUUID()).copy(bytes, PNG_HEAD.length);
  return new Uint8Array(bytes);
};
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe.each(TEST_STORES)('public uploads on $name', (store) => {
  let database: Database;
  let agent: Record<string, string>;

  beforeAll(async () => {
    database = await store.open();
    agent = (await staff(database, 'agent')).auth;
  });
  afterAll(() => database.close());

  const newSite = async () =>
    (await createSiteKey(database.db, { name: 'Shop', department: 'CS', allowedOrigins: [SHOP], ratePerMinute: 1000 })).siteKey.key;
  const widgetUpload = (key: string, bytes: Uint8Array): RequestInit => ({
    method: 'POST',
    headers: { 'content-type': 'image/png', origin: SHOP, [SITE_KEY_HEADER]: key },
    body: bytes as BodyInit,
  });
  const staffUpload = (bytes: Uint8Array): RequestInit => ({ method: 'POST', headers: { 'content-type': 'image/png', ...agent }, body: bytes as BodyInit });
  const stored = async (bytes: Uint8Array) =>
    (await database.db.select({ n: count() }).from(attachments).where(eq(attachments.sha256, sha(bytes))))[0]!.n === 1;

  describe('per-site storage quota', () => {
    it('refuses a new upload past the quota with 507 and Retry-After, storing nothing; other sites and staff go on', async () => {
      const { app } = testApp(database, { config: { siteStorageQuotaBytes: 250 } });
      const [site, other] = [await newSite(), await newSite()];
      const first = png();
      const second = png();
      expect((await app.request('/api/v1/public/attachments', widgetUpload(site, first))).status).toBe(201);
      expect((await app.request('/api/v1/public/attachments', widgetUpload(site, second))).status).toBe(201);

      const over = png();
      const refused = await app.request('/api/v1/public/attachments', widgetUpload(site, over));
      expect(refused.status).toBe(507);
      expect(refused.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(refused.headers.get('retry-after')).toBe('3600');
      expect(refused.headers.get('access-control-allow-origin')).toBe(SHOP);
      expect(await refused.json()).toMatchObject({ status: 507, code: 'storage_quota_exceeded', quotaBytes: 250 });
      expect(await stored(over)).toBe(false);

      // Bytes already stored take no new space: the widget's retry of an upload still succeeds.
      expect((await app.request('/api/v1/public/attachments', widgetUpload(site, first))).status).toBe(200);
      expect((await app.request('/api/v1/public/attachments', widgetUpload(other, over))).status).toBe(201);
      expect((await app.request('/api/v1/attachments', staffUpload(png(400)))).status).toBe(201);
    });

    it('holds when a site uploads many files at once', async () => {
      const { app } = testApp(database, { config: { siteStorageQuotaBytes: 1000 } });
      const site = await newSite();
      const files = Array.from({ length: 20 }, () => png());
      const answers = await Promise.all(files.map((f) => app.request('/api/v1/public/attachments', widgetUpload(site, f))));
      expect(answers.map((a) => a.status).sort()).toEqual([...Array(10).fill(201), ...Array(10).fill(507)]);
      const kept = (await Promise.all(files.map(stored))).filter(Boolean).length;
      expect(kept).toBe(10);
    });
  });

  describe('sweep of unreferenced uploads', () => {
    it('deletes uploads no record names 24 h after their last upload, keeps referenced and re-uploaded ones', async () => {
      const { app, clock } = testApp(database, { now: T0 });
      const site = await newSite();
      const orphan = png();
      const staffOrphan = png();
      const referenced = png();
      const refreshed = png();
      for (const bytes of [orphan, referenced, refreshed]) {
        expect((await app.request('/api/v1/public/attachments', widgetUpload(site, bytes))).status).toBe(201);
      }
      expect((await app.request('/api/v1/attachments', staffUpload(staffOrphan))).status).toBe(201);
      const screenshot = { id: randomUUID(), name: 'shot.png', mimeType: 'image/png', size: referenced.byteLength, sha256: sha(referenced), capturedAt: T0.toISOString() };
      const submitted = await app.request(
        '/api/v1/public/submissions',
        json('POST', submissionInput('a reporter secret 123', { screenshot }), { origin: SHOP, [SITE_KEY_HEADER]: site }),
      );
      expect(submitted.status).toBe(201);
      // The widget sends again 20 h later: its upload comes first and counts as new.
      clock.now = new Date(T0.getTime() + 20 * HOUR);
      expect((await app.request('/api/v1/public/attachments', widgetUpload(site, refreshed))).status).toBe(200);

      await sweepUnreferencedUploads(database.db, { now: new Date(T0.getTime() + 23 * HOUR) });
      for (const bytes of [orphan, staffOrphan, referenced, refreshed]) expect(await stored(bytes)).toBe(true);

      await sweepUnreferencedUploads(database.db, { now: new Date(T0.getTime() + 25 * HOUR) });
      expect(await stored(orphan)).toBe(false);
      expect(await stored(staffOrphan)).toBe(false);
      expect(await stored(referenced)).toBe(true);
      expect(await stored(refreshed)).toBe(true);

      await sweepUnreferencedUploads(database.db, { now: new Date(T0.getTime() + 45 * HOUR) });
      expect(await stored(refreshed)).toBe(false);
      expect(await stored(referenced)).toBe(true);
    });

    it('sweeps in batches, and several processes sweeping at once delete each upload once', async () => {
      const { app } = testApp(database, { now: T0 });
      const files = Array.from({ length: 7 }, () => png());
      for (const bytes of files) expect((await app.request('/api/v1/attachments', staffUpload(bytes))).status).toBe(201);
      const later = new Date(T0.getTime() + 100 * HOUR);
      const counts = await Promise.all([1, 2, 3].map(() => sweepUnreferencedUploads(database.db, { now: later, batchSize: 2 })));
      for (const bytes of files) expect(await stored(bytes)).toBe(false);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(7);
      expect(await sweepUnreferencedUploads(database.db, { now: later })).toBe(0);
    });
  });

  describe('storage full', () => {
    // The database's own disk-full error (SQLSTATE 53100, "could not extend file"), raised for real by a trigger.
    const fillDisk = async (table: 'attachments' | 'records') => {
      await database.db.execute(sql.raw(`
        CREATE OR REPLACE FUNCTION test_disk_full() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION 'could not extend file "base/5/16450": No space left on device' USING ERRCODE = 'disk_full';
        END $$`));
      await database.db.execute(sql.raw(`CREATE TRIGGER test_disk_full BEFORE INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION test_disk_full()`));
      return () => database.db.execute(sql.raw(`DROP TRIGGER test_disk_full ON ${table}`));
    };

    it('answers an upload 507 storage_full with Retry-After, never a 500, and logs no query parameters', async () => {
      const { app, logs } = testApp(database);
      const site = await newSite();
      const free = await fillDisk('attachments');
      try {
        const bytes = png();
        for (const res of [
          await app.request('/api/v1/public/attachments', widgetUpload(site, bytes)),
          await app.request('/api/v1/attachments', staffUpload(bytes)),
        ]) {
          expect(res.status).toBe(507);
          expect(res.headers.get('retry-after')).toBe('300');
          expect(await res.json()).toMatchObject({ status: 507, code: 'storage_full' });
        }
        expect(await stored(bytes)).toBe(false);
        expect(JSON.stringify(logs)).not.toMatch(/params|could not extend/);
      } finally {
        await free();
      }
    });

    it('answers a submission and a staff record 507 storage_full, storing nothing', async () => {
      const { app } = testApp(database);
      const site = await newSite();
      const before = (await database.db.select({ n: count() }).from(records))[0]!.n;
      const free = await fillDisk('records');
      try {
        const submission = await app.request(
          '/api/v1/public/submissions',
          json('POST', submissionInput('a reporter secret 456'), { origin: SHOP, [SITE_KEY_HEADER]: site }),
        );
        expect(submission.status).toBe(507);
        expect(await submission.json()).toMatchObject({ code: 'storage_full' });
        const record = await app.request('/api/v1/records', json('POST', recordInput(), agent));
        expect(record.status).toBe(507);
        expect(record.headers.get('retry-after')).toBe('300');
      } finally {
        await free();
      }
      expect((await database.db.select({ n: count() }).from(records))[0]!.n).toBe(before);
    });
  });
});

describe('isStorageFull', () => {
  it('knows the file system and database codes, also wrapped as a cause', () => {
    expect(isStorageFull(Object.assign(new Error('write failed'), { code: 'ENOSPC' }))).toBe(true);
    expect(isStorageFull(Object.assign(new Error('write failed'), { code: 'EDQUOT' }))).toBe(true);
    expect(isStorageFull(new Error('Failed query', { cause: Object.assign(new Error('x'), { code: '53100' }) }))).toBe(true);
    expect(isStorageFull(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isStorageFull(undefined)).toBe(false);
  });
});
