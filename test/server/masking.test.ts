import fc from 'fast-check';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { TEST_STORES } from './support/databases';
import { json, staff, testApp } from './support/app';
import { recordInput, submissionInput } from './support/fixtures';
import type { Database } from '../../server/db/open';
import { records } from '../../server/db/schema';
import { createSiteKey } from '../../server/store/site-keys';
import { MUST_KEEP, MUST_MASK, leaksIn } from '../fixtures/masking/corpus';

const ORIGIN = 'https://app.example.com';

/** Generated personal data, and the strings of it that no stored record may show. */
interface Person {
  text: string;
  customerName: string;
  forbidden: string[];
  /** The part an article may keep (public figures): contact data and the customer's own name only. */
  contactText: string;
  contactForbidden: string[];
}

const digits = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });
const zhName = fc
  .tuple(fc.constantFrom('王', '李', '张', '刘', '陈', '欧阳'), fc.constantFrom(...'晓梓涵睿泽浩宇欣怡'), fc.constantFrom(...'晓梓涵睿泽浩宇欣怡'))
  .map(([s, a, b]) => s + a + b);
const person: fc.Arbitrary<Person> = fc
  .record({
    mobile: fc.tuple(fc.constantFrom(...'3456789'), digits(9)).map(([d, rest]) => `1${d}${rest}`),
    intl: digits(7),
    mailbox: fc.stringMatching(/^[a-z]{6,10}$/),
    titled: zhName,
    introduced: zhName,
    customer: zhName,
    last: fc.constantFrom('Brownfield', 'Hargreaves', 'Whitmore', 'Kowalski'),
  })
  .filter((p) => new Set([p.titled, p.introduced, p.customer]).size === 3)
  .map((p) => {
    const contactText = `手机 ${p.mobile}，邮箱 ${p.mailbox}@example.com，德国电话 +49 30 ${p.intl}，联系人 ${p.customer}，`;
    const contactForbidden = [p.mobile, p.intl, `${p.mailbox}@`, p.customer];
    return {
      text: `${p.titled}先生反馈导出失败，${contactText}：我叫${p.introduced}，Mrs. ${p.last} agreed.`,
      customerName: p.customer,
      forbidden: [...contactForbidden, p.titled, p.introduced, p.last],
      contactText,
      contactForbidden,
    };
  });

describe.each(TEST_STORES)('masking at every write on $name', (store) => {
  let database: Database;
  let t: ReturnType<typeof testApp>;
  let admin: Awaited<ReturnType<typeof staff>>;
  let siteKey: string;

  beforeAll(async () => {
    database = await store.open();
    t = testApp(database, { now: new Date('2025-09-30T10:00:00Z'), logLevel: 'silent' });
    admin = await staff(database, 'admin', 'CS');
    siteKey = (await createSiteKey(database.db, { name: 'App', department: 'WEB', allowedOrigins: [ORIGIN], ratePerMinute: 100_000 })).siteKey.key;
  });
  afterAll(() => database.close());

  const send = async (method: string, path: string, body: unknown, headers: Record<string, string> = admin.auth) => {
    const res = await t.app.request(path, json(method, body, headers));
    expect(res.status, `${method} ${path}: ${await res.clone().text()}`).toBeLessThan(300);
    return res;
  };
  const stored = async (id: string): Promise<string> => {
    const [row] = await database.db.select({ doc: records.doc }).from(records).where(eq(records.id, id));
    return JSON.stringify(row?.doc);
  };
  const version = async (id: string) => (JSON.parse(await stored(id)) as { version: number }).version;
  /** Screen, start, log progress, talk to the customer, file a change, complete: every staff write route. */
  const workThrough = async (id: string, text: string) => {
    const base = `/api/v1/records/${id}`;
    await send('POST', `${base}/transitions`, { type: 'mark_valid', nature: 'feature_optimisation', urgency: 'routine' });
    await send('POST', `${base}/transitions`, { type: 'start', ownerId: admin.user.id });
    await send('POST', `${base}/progress`, { milestone: 'development_testing', note: text });
    await send('POST', `${base}/communications`, { kind: 'adopted', message: text, expectedVersion: '2.4' });
    await send('POST', `${base}/change-requests`, { reason: text, adjustedPlan: text, effectiveAt: '2025-11-28T00:00:00.000Z' });
    await send('POST', `${base}/transitions`, { type: 'complete', result: text });
  };

  it('stores the must-mask corpus masked and the must-keep corpus untouched, from staff and extension alike', async () => {
    for (const entry of MUST_MASK) {
      const input = recordInput({
        problem: entry.text,
        origin: { kind: 'extension', clip: { capturedAt: '2025-09-30T02:00:00.000Z', page: { url: 'https://news.example.com/a', title: 't', selection: entry.text, metadata: {} } } },
      });
      await send('POST', '/api/v1/records', input);
      const doc = JSON.parse(await stored(input.id)) as { problem: string; origin: { clip: { page: { selection: string } } } };
      expect(leaksIn(doc.problem, entry), entry.text).toEqual([]);
      if (!entry.customerOnly) expect(leaksIn(doc.origin.clip.page.selection, entry), entry.text).toEqual([]);
    }
    for (const entry of MUST_KEEP) {
      const input = recordInput({
        problem: entry.articleOnly ? 'x' : entry.text,
        origin: { kind: 'extension', clip: { capturedAt: '2025-09-30T02:00:00.000Z', page: { url: 'https://news.example.com/a', title: 't', selection: entry.text, metadata: {} } } },
      });
      await send('POST', '/api/v1/records', input);
      const doc = JSON.parse(await stored(input.id)) as { problem: string; origin: { clip: { page: { selection: string } } } };
      expect(doc.origin.clip.page.selection).toBe(entry.text);
      if (!entry.articleOnly) expect(doc.problem).toBe(entry.text);
    }
  });

  it('stores a PATCH with 13812345678 and 王小明 masked', async () => {
    const input = recordInput({ customerKind: 'individual', customerName: '*先生' });
    await send('POST', '/api/v1/records', input);
    const patch = { customerName: '王小明', contactPerson: '王小明', notes: '王小明的手机 13812345678', problem: '请回电 13812345678 找王小明', scenario: 'Berlin +49 30 1234567' };
    const res = await send('PATCH', `/api/v1/records/${input.id}`, patch, { ...admin.auth, 'if-match': '"1"' });
    const { record } = (await res.json()) as { record: Record<string, unknown> };
    expect(record).toMatchObject({ customerName: '*', contactPerson: '*', notes: '*的手机 138****5678', problem: '请回电 138****5678 找*', scenario: 'Berlin +493****4567' });
    const doc = await stored(input.id);
    expect(doc).not.toContain('13812345678');
    expect(doc).not.toContain('王小明');
    expect(doc).not.toContain('1234567');
  });

  it('stores no generated personal data readable through any entry point (property)', async () => {
    await fc.assert(
      fc.asyncProperty(person, async (p) => {
        const widget = { origin: ORIGIN, 'x-echobox-site-key': siteKey };
        // The widget's submission route, then the reporter's own rating through the public route.
        const secret = `reporter-${uuidv7()}`;
        const submission = submissionInput(secret, { scenario: p.text, problem: p.text, expectedSolution: p.text, contact: p.text });
        await send('POST', '/api/v1/public/submissions', submission, widget);
        await workThrough(submission.id, p.text);
        await send('POST', `/api/v1/public/records/${submission.id}/satisfaction`, { rating: 'dissatisfied', comment: p.text }, { ...widget, 'x-echobox-reporter': `anon ${secret}` });

        // The extension's clip through the staff API: the page is an article, the ticket the customer's.
        const clip = recordInput({
          customerKind: undefined,
          customerName: p.customerName,
          problem: p.text,
          origin: {
            kind: 'extension',
            clip: {
              capturedAt: '2025-09-30T02:00:00.000Z',
              page: { url: 'https://desk.example.com/t/1', title: p.contactText, selection: p.contactText, readableText: p.contactText, metadata: { description: p.contactText } },
              ticket: { system: 'zendesk', url: 'https://desk.example.com/t/1', subject: p.text, requester: p.customerName, tags: [], missingFields: [], messages: [{ role: 'customer', author: p.customerName, text: p.text }] },
            },
          },
        });
        await send('POST', '/api/v1/records/batch', { items: [clip] });

        // Staff: create, PATCH every free-text field, every workflow write, the staff rating, and an invalid mark.
        const manual = recordInput();
        await send('POST', '/api/v1/records', manual);
        const patch = { customerKind: 'individual', customerName: p.customerName, contactPerson: p.customerName, industry: p.text, scenario: p.text, problem: p.text, expectedSolution: p.text, notes: p.text };
        await send('PATCH', `/api/v1/records/${manual.id}`, patch, { ...admin.auth, 'if-match': `"${await version(manual.id)}"` });
        await workThrough(manual.id, p.text);
        await send('POST', `/api/v1/records/${manual.id}/satisfaction`, { rating: 'dissatisfied', comment: p.text });
        const invalid = recordInput({ problem: p.text });
        await send('POST', '/api/v1/records', invalid);
        await send('POST', `/api/v1/records/${invalid.id}/transitions`, { type: 'mark_invalid', reason: p.text });

        for (const id of [submission.id, clip.id, manual.id, invalid.id]) {
          const doc = await stored(id);
          expect(p.forbidden.filter((s) => doc.includes(s)), doc).toEqual([]);
        }
      }),
      { numRuns: 5 },
    );
  }, 120_000);
});
