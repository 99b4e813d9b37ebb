import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { TEST_STORES } from './support/databases';
import { json, staff, testApp } from './support/app';
import { recordInput, submissionInput } from './support/fixtures';
import type { Database } from '../../server/db/open';
import { records } from '../../server/db/schema';
import { createSiteKey } from '../../server/store/site-keys';
import { signIdentity } from '../../server/auth/identity-token';

/*
 * Issue 10, findings 8 and 9, as an attacker holding a site key or a staff token would try them:
 * input the schemas accepted but the store could not hold, forged cursors, honeypot tells, a
 * backdated submittedAt, and identity tokens valid for years.
 */

const ORIGIN = 'https://app.example.com';
const NOW = new Date('2025-09-30T10:00:00Z');
const HOUR = 3_600_000;
const base64url = (text: string) => Buffer.from(text).toString('base64url');

type Problem = { code: string; errors?: Array<{ path: unknown[]; code: string }> };

describe.each(TEST_STORES)('public hardening on $name', (store) => {
  let database: Database;
  let t: ReturnType<typeof testApp>;
  let key: string;
  let identitySecret: string;
  let admin: Awaited<ReturnType<typeof staff>>;
  const secret = 'hardening-reporter-secret-0123456789';

  beforeAll(async () => {
    database = await store.open();
    t = testApp(database, { now: NOW });
    const created = await createSiteKey(database.db, { name: 'App', department: 'WEB', allowedOrigins: [ORIGIN], ratePerMinute: 10_000 });
    key = created.siteKey.key;
    identitySecret = created.identitySecret;
    admin = await staff(database, 'admin', 'CS');
  });
  afterAll(() => database.close());

  const widget = (extra: Record<string, string> = {}) => ({ origin: ORIGIN, 'x-echobox-site-key': key, ...extra });
  const rows = async () => Number((await database.db.select({ n: count() }).from(records))[0]?.n);
  const submit = (body: unknown) => t.app.request('/api/v1/public/submissions', json('POST', body, widget()));
  const problem = async (res: Response) => {
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    return (await res.json()) as Problem;
  };

  describe('text the store cannot hold', () => {
    it('stores a submission with NUL, controls and lone surrogates, normalised', async () => {
      const body = submissionInput(secret, {
        problem: 'Export\u0000 fails\u0007 at\ud800 step 3\tand\r\n never ends',
        scenario: 'Reports \udfff page',
        page: { url: `${ORIGIN}/rep\u0000orts\ud800`, title: 'Rep\u0000orts \ud83d', userAgent: 'UA\u001b', screen: { w: 1, h: 1 } },
      });
      const res = await submit(body);
      expect(res.status).toBe(201);
      const got = await t.app.request(`/api/v1/records/${body.id}`, { headers: admin.auth });
      const { record } = (await got.json()) as { record: { problem: string; scenario: string; origin: { page: { url: string; title: string; userAgent: string } } } };
      expect(record.problem).toBe('Export fails at\ufffd step 3\tand\r\n never ends');
      expect(record.scenario).toBe('Reports \ufffd page');
      // The page URL is stored as the URL parser writes it (stripped of query and fragment): the lone surrogate's U+FFFD percent-encoded.
      expect(record.origin.page).toMatchObject({ url: `${ORIGIN}/reports%EF%BF%BD`, title: 'Reports \ufffd', userAgent: 'UA' });
    });

    it('refuses text that is nothing but controls as empty, with a field error', async () => {
      const before = await rows();
      const res = await submit(submissionInput(secret, { problem: '\u0000\u0001\u0002' }));
      expect(res.status).toBe(400);
      expect((await problem(res)).errors).toEqual([expect.objectContaining({ path: ['problem'], code: 'too_small' })]);
      expect(await rows()).toBe(before);
    });

    it('stores staff text and searches with NUL in it', async () => {
      const res = await t.app.request('/api/v1/records', json('POST', recordInput({ customerName: 'ACME\u0000 Ltd', notes: 'x\ud800y' }), admin.auth));
      expect(res.status).toBe(201);
      const { record } = (await res.json()) as { record: { customerName: string; notes: string } };
      expect(record).toMatchObject({ customerName: 'ACME Ltd', notes: 'x\ufffdy' });
      const search = await t.app.request(`/api/v1/records?q=${encodeURIComponent('ACME\u0000')}`, { headers: admin.auth });
      expect(search.status).toBe(200);
      const token = await t.app.request('/api/v1/me/tokens', json('POST', { name: 'ci\u0000 token' }, admin.auth));
      expect(token.status).toBe(201);
      expect(((await token.json()) as { name: string }).name).toBe('ci token');
    });
  });

  describe('dates the database cannot hold', () => {
    it.each(['0000-01-01', '9999-12-31', '0000-01-01T00:00:00+14:00', '1969-12-31T23:59:59Z', '3000-01-01T00:00:00Z'])(
      'refuses from/to %s in the list and the exports with a field error',
      async (date) => {
        for (const path of ['/api/v1/records', '/api/v1/exports/ledger.csv', '/api/v1/exports/ledger.xlsx']) {
          for (const name of ['from', 'to']) {
            const res = await t.app.request(`${path}?${name}=${encodeURIComponent(date)}`, { headers: admin.auth });
            expect(res.status, `${path} ${name}`).toBe(400);
            expect((await problem(res)).errors).toEqual([expect.objectContaining({ path: [name], code: 'date_out_of_range' })]);
          }
        }
      },
    );

    it('refuses a record dated in year 0', async () => {
      const res = await t.app.request('/api/v1/records', json('POST', recordInput({ recordedAt: '0000-01-01T00:00:00Z' }), admin.auth));
      expect(res.status).toBe(400);
      expect((await problem(res)).errors).toEqual([expect.objectContaining({ path: ['recordedAt'], code: 'date_out_of_range' })]);
    });
  });

  describe('forged cursors', () => {
    const uuid = '0199a000-0000-7000-8000-000000000000';
    it.each([
      ['not base64 JSON', 'AAAA'],
      ['a sort key that is no instant', base64url(`["not a date","${uuid}"]`)],
      ['an instant in year 0', base64url(`["0000-01-01T00:00:00.000Z","${uuid}"]`)],
      ['an id that is no uuid', base64url('["2025-09-30T00:00:00.000Z","x"]')],
      ['a null key for a sort that has none', base64url(`[null,"${uuid}"]`)],
    ])('answers a list cursor with %s 400 invalid_cursor', async (_what, cursor) => {
      const res = await t.app.request(`/api/v1/records?cursor=${cursor}`, { headers: admin.auth });
      expect(res.status).toBe(400);
      expect((await problem(res)).errors).toEqual([expect.objectContaining({ path: ['cursor'], code: 'invalid_cursor' })]);
    });

    it('accepts the cursors it hands out', async () => {
      for (let i = 0; i < 3; i++) await t.app.request('/api/v1/records', json('POST', recordInput(), admin.auth));
      for (const sort of ['created_desc', 'due_asc', 'number_asc']) {
        const first = await t.app.request(`/api/v1/records?limit=1&sort=${sort}`, { headers: admin.auth });
        const { nextCursor } = (await first.json()) as { nextCursor: string };
        const next = await t.app.request(`/api/v1/records?limit=1&sort=${sort}&cursor=${nextCursor}`, { headers: admin.auth });
        expect(next.status, sort).toBe(200);
      }
    });

    it.each(['99999999999999999999', '18446744073709551616', `1:${'-'.repeat(36)}`, `1:${'0'.repeat(36)}`])(
      'answers a feed cursor %s 400, on the staff feed and the public updates',
      async (cursor) => {
        const staffFeed = await t.app.request(`/api/v1/changes?cursor=${cursor}`, { headers: admin.auth });
        expect(staffFeed.status).toBe(400);
        expect((await problem(staffFeed)).code).toBe('validation_failed');
        const updates = await t.app.request(`/api/v1/public/updates?cursor=${cursor}`, { headers: widget({ 'x-echobox-reporter': `anon ${secret}` }) });
        expect(updates.status).toBe(400);
        expect((await problem(updates)).code).toBe('validation_failed');
      },
    );

    it('accepts the largest feed position xid8 holds', async () => {
      const res = await t.app.request(`/api/v1/changes?cursor=18446744073709551615:${uuid}`, { headers: admin.auth });
      expect(res.status).toBe(200);
    });
  });

  describe('honeypot', () => {
    const shape = (res: Response, body: unknown) => ({
      status: res.status,
      headers: [...res.headers.keys()].sort(),
      contentType: res.headers.get('content-type'),
      keys: Object.keys(body as object),
    });

    it('answers a bot exactly like a real acceptance, with a plausible number, storing nothing', async () => {
      const real = await submit(submissionInput(secret, { submittedAt: '2025-09-30T09:00:00.000Z' }));
      const realBody = (await real.json()) as { recordNumber: string; status: string; version: number };
      const before = await rows();
      const botInput = submissionInput(secret, { website: 'https://spam.example', submittedAt: '2025-09-30T09:30:00.000Z' });
      const bot = await submit(botInput);
      const botBody = (await bot.json()) as { id: string; recordNumber: string; status: string; version: number };
      expect(shape(bot, botBody)).toEqual(shape(real, realBody));
      expect(botBody).toMatchObject({ id: botInput.id, status: 'accepted', version: 1 });
      // The department's next number of the day: what the next real submission gets.
      const [prefix, seq] = [realBody.recordNumber.slice(0, -4), Number(realBody.recordNumber.slice(-3))];
      expect(botBody.recordNumber).toBe(`${prefix}-${String(seq + 1).padStart(3, '0')}`);
      expect(botBody.recordNumber).toMatch(/^WEB-20250930-\d{3}$/);
      expect(await rows()).toBe(before);
      const stored = await t.app.request(`/api/v1/records/${botInput.id}`, { headers: admin.auth });
      expect(stored.status).toBe(404);
    });

    it('answers bot items of a batch like real ones', async () => {
      const before = await rows();
      const res = await t.app.request(
        '/api/v1/public/submissions/batch',
        json('POST', { items: [submissionInput(secret, { website: 'x' }), submissionInput(secret, { website: 'y' })] }, widget()),
      );
      expect(res.status).toBe(200);
      const { results } = (await res.json()) as { results: Array<{ recordNumber: string; status: string; version: number }> };
      expect(results.map((r) => Object.keys(r))).toEqual([
        ['id', 'status', 'recordNumber', 'version'],
        ['id', 'status', 'recordNumber', 'version'],
      ]);
      const numbers = results.map((r) => r.recordNumber);
      expect(numbers[0]).toMatch(/^WEB-20250930-\d{3}$/);
      expect(numbers[0]).not.toBe(numbers[1]);
      expect(await rows()).toBe(before);
    });
  });

  describe('submittedAt window', () => {
    it.each([
      ['backdated to 2001', '2001-01-01T00:00:00.000Z', 'submitted_too_long_ago'],
      ['eight days old', new Date(NOW.getTime() - 8 * 24 * HOUR).toISOString(), 'submitted_too_long_ago'],
      ['an hour ahead', new Date(NOW.getTime() + HOUR).toISOString(), 'submitted_in_future'],
    ])('refuses a submission %s with a field error, storing nothing', async (_what, submittedAt, code) => {
      const before = await rows();
      const res = await submit(submissionInput(secret, { submittedAt }));
      expect(res.status).toBe(400);
      expect((await problem(res)).errors).toEqual([expect.objectContaining({ path: ['submittedAt'], code })]);
      const batch = await t.app.request('/api/v1/public/submissions/batch', json('POST', { items: [submissionInput(secret, { submittedAt })] }, widget()));
      const { results } = (await batch.json()) as { results: Array<{ status: string; error: Problem }> };
      expect(results[0]).toMatchObject({ status: 'rejected', error: { code: 'validation_failed', errors: [expect.objectContaining({ path: ['submittedAt'], code })] } });
      expect(await rows()).toBe(before);
    });

    it('accepts a submission six days old, numbered by its own day', async () => {
      const res = await submit(submissionInput(secret, { submittedAt: new Date(NOW.getTime() - 6 * 24 * HOUR).toISOString() }));
      expect(res.status).toBe(201);
      expect(((await res.json()) as { recordNumber: string }).recordNumber).toMatch(/^WEB-20250924-\d{3}$/);
    });

    it('takes the window from the configuration', async () => {
      const wide = testApp(database, { now: NOW, config: { submissionWindowDays: 30 } });
      const res = await wide.app.request(
        '/api/v1/public/submissions',
        json('POST', submissionInput(secret, { submittedAt: new Date(NOW.getTime() - 8 * 24 * HOUR).toISOString() }), widget()),
      );
      expect(res.status).toBe(201);
    });
  });

  describe('identity token lifetime', () => {
    const token = (hoursAhead: number) =>
      signIdentity({ sub: `user-${hoursAhead}`, exp: Math.floor((NOW.getTime() + hoursAhead * HOUR) / 1000) }, identitySecret);

    it('refuses a token valid for more than 24 hours, on submissions and updates', async () => {
      const longLived = token(24 * 365);
      const res = await submit(submissionInput(secret, { reporter: { kind: 'identified', identityToken: longLived } }));
      expect(res.status).toBe(401);
      expect((await problem(res)).code).toBe('identity_token_too_long_lived');
      const updates = await t.app.request('/api/v1/public/updates', { headers: widget({ 'x-echobox-reporter': `token ${token(25)}` }) });
      expect(updates.status).toBe(401);
      expect((await problem(updates)).code).toBe('identity_token_too_long_lived');
    });

    it('accepts a token valid for 23 hours', async () => {
      const res = await submit(submissionInput(secret, { reporter: { kind: 'identified', identityToken: token(23) } }));
      expect(res.status).toBe(201);
      const updates = await t.app.request('/api/v1/public/updates', { headers: widget({ 'x-echobox-reporter': `token ${token(23)}` }) });
      expect(updates.status).toBe(200);
    });
  });
});
