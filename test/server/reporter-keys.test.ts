import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { eq, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { TEST_STORES } from './support/databases';
import { json, staff, testApp } from './support/app';
import { submissionInput } from './support/fixtures';
import type { Database } from '../../server/db/open';
import { records, surveyResponses } from '../../server/db/schema';
import { createSiteKey } from '../../server/store/site-keys';
import { signIdentity } from '../../server/auth/identity-token';
import { sha256Hex } from '../../server/auth/secrets';
import { anonymousReporterKey, identifiedReporterKey, reporterKeySecret } from '../../server/auth/reporter-key';

const ORIGIN = 'https://app.example.com';
const NOW = new Date('2025-09-30T10:00:00Z');

describe.each(TEST_STORES)('reporter keys on $name', (store) => {
  let database: Database;
  let t: ReturnType<typeof testApp>;
  let site: { key: string; id: string; secret: string };
  let reviewer: Awaited<ReturnType<typeof staff>>;
  let token: string;
  const anonSecret = 'a-real-anonymous-reporter-secret-0001';

  beforeAll(async () => {
    database = await store.open();
    t = testApp(database, { now: NOW });
    const made = await createSiteKey(database.db, { name: 'App', department: 'WEB', allowedOrigins: [ORIGIN], ratePerMinute: 10_000 });
    site = { key: made.siteKey.key, id: made.siteKey.id, secret: made.identitySecret };
    reviewer = await staff(database, 'reviewer', 'PM');
    token = signIdentity({ sub: 'u-42', exp: Math.floor(NOW.getTime() / 1000) + 3600 }, site.secret);
  }, 120_000);
  afterAll(() => database.close());

  const widget = (extra: Record<string, string> = {}) => ({ origin: ORIGIN, 'x-echobox-site-key': site.key, ...extra });
  const as = (reporter: string) => widget({ 'x-echobox-reporter': reporter });
  const updateIds = async (reporter: string) => {
    const res = await t.app.request('/api/v1/public/updates', { headers: as(reporter) });
    expect(res.status).toBe(200);
    return ((await res.json()) as { items: { recordId: string }[] }).items.map((i) => i.recordId);
  };
  const submit = async (body: unknown) => expect((await t.app.request('/api/v1/public/submissions', json('POST', body, widget()))).status).toBe(201);
  /** Take a record to done, so its reporter may rate it. */
  const finish = async (id: string) => {
    const tr = (b: unknown) => t.app.request(`/api/v1/records/${id}/transitions`, json('POST', b, reviewer.auth));
    expect((await tr({ type: 'mark_valid', nature: 'feature_optimisation', urgency: 'routine' })).status).toBe(200);
    expect((await tr({ type: 'start', ownerId: reviewer.user.id })).status).toBe(200);
    expect((await tr({ type: 'complete', result: '2.4 版本已支持后台导出' })).status).toBe(200);
  };
  const rate = (id: string, reporter: string) =>
    t.app.request(`/api/v1/public/records/${id}/satisfaction`, json('POST', { rating: 'satisfied' }, as(reporter)));

  it('an anonymous secret that spells a signed user’s old key reads, rates and answers nothing of theirs', async () => {
    const users = submissionInput('unused-secret-0000000000000000', { reporter: { kind: 'identified', identityToken: token } });
    const anons = submissionInput(anonSecret);
    await submit(users);
    await submit(anons);
    await finish(users.id);
    await finish(anons.id);

    const attack = `anon user:${site.id}:u-42`;
    expect(await updateIds(attack)).toEqual([]);
    expect((await rate(users.id, attack)).status).toBe(404);

    // The real reporters still read and rate their own.
    expect(await updateIds(`token ${token}`)).toEqual([users.id]);
    expect(await updateIds(`anon ${anonSecret}`)).toEqual([anons.id]);
    expect((await rate(users.id, `token ${token}`)).status).toBe(200);
    expect((await rate(anons.id, `anon ${anonSecret}`)).status).toBe(200);
    // A submission claiming the user's old key as an anonymous hash does not join the user's records.
    await submit(submissionInput(`user:${site.id}:u-42`));
    expect(await updateIds(`token ${token}`)).toEqual([users.id]);

    // Nor does a survey answer under that hash take the user's one answer.
    const campaign = await t.app.request('/api/v1/campaigns', json('POST', { goal: 'Exports', targetCustomers: 'All', categories: ['feature_request'], period: { label: '2025 Q3' } }, reviewer.auth));
    const campaignId = ((await campaign.json()) as { campaign: { id: string } }).campaign.id;
    const created = await t.app.request('/api/v1/surveys', json('POST', {
      campaignId,
      purpose: 'campaign',
      active: true,
      title: { en: 'Exports' },
      questions: [{ id: 'csat', kind: 'csat', prompt: { en: 'How satisfied are you?' }, required: true }],
      targeting: { urlPatterns: [], samplingPercent: 100, frequencyCapDays: 30 },
      activeWindow: { from: '2025-09-01T00:00:00.000Z' },
    }, reviewer.auth));
    expect(created.status).toBe(201);
    const surveyId = ((await created.json()) as { survey: { id: string } }).survey.id;
    const reporterId = ((await (await t.app.request('/api/v1/public/reporter-ids', { method: 'POST', headers: widget() })).json()) as { reporterId: string }).reporterId;
    const answer = (reporter: unknown) =>
      t.app.request('/api/v1/public/survey-responses', json('POST', {
        id: uuidv7(), surveyId, answers: { csat: { kind: 'csat', value: 1 } }, reporter, reporterId,
        pageUrl: `${ORIGIN}/reports`, locale: 'en', answeredAt: '2025-09-30T09:00:00.000Z',
      }, widget()));
    expect((await answer({ kind: 'anonymous', secretHash: sha256Hex(`user:${site.id}:u-42`) })).status).toBe(201);
    expect((await answer({ kind: 'identified', identityToken: token })).status).toBe(201);
    expect((await answer({ kind: 'identified', identityToken: token })).status).toBe(409);
  });

  it('keys are HMACs under one secret per database, which every app on it reads alike', async () => {
    const secret = await reporterKeySecret(database.db);
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    const body = submissionInput('another-anonymous-secret-000002');
    await submit(body);
    const [row] = await database.db.select({ key: records.reporterKey }).from(records).where(eq(records.id, body.id));
    expect(row?.key).toBe(anonymousReporterKey(secret, body.reporter.secretHash));
    expect(row?.key).not.toBe(body.reporter.secretHash);
    // A second app (another process) on the same database finds the same records.
    const other = testApp(database, { now: NOW });
    const res = await other.app.request('/api/v1/public/updates', { headers: as('anon another-anonymous-secret-000002') });
    expect(((await res.json()) as { items: { recordId: string }[] }).items.map((i) => i.recordId)).toEqual([body.id]);
  });

  it('migration 0007 converts stored keys so their reporters keep reading them', async () => {
    // Rows as stored before 0007: sha256 of the anonymous secret, or of "user:<site>:<sub>".
    const oldToken = signIdentity({ sub: 'u-old', exp: Math.floor(NOW.getTime() / 1000) + 3600 }, site.secret);
    const anon = submissionInput('stored-before-0007-anonymous-000');
    const signed = submissionInput('unused-secret-0000000000000000', { reporter: { kind: 'identified', identityToken: oldToken } });
    const aping = submissionInput(`user:${site.id}:u-old`);
    for (const body of [anon, signed, aping]) await submit(body);
    const legacy = new Map([
      [anon.id, sha256Hex('stored-before-0007-anonymous-000')],
      [signed.id, sha256Hex(`user:${site.id}:u-old`)],
      [aping.id, sha256Hex(`user:${site.id}:u-old`)],
    ]);
    for (const [id, key] of legacy) await database.db.update(records).set({ reporterKey: key }).where(eq(records.id, id));
    const responseId = uuidv7();
    await database.db.execute(sql`INSERT INTO surveys (id, doc) VALUES (${responseId}, '{}'::jsonb)`);
    await database.db.insert(surveyResponses).values({
      id: responseId,
      surveyId: responseId,
      reporterKey: sha256Hex(`user:${site.id}:u-old`),
      bodyHash: 'x',
      doc: { reporter: { userId: 'u-old' } },
      answeredAt: NOW,
    });

    const file = readFileSync(new URL('../../server/db/migrations/0007_auth_hardening.sql', import.meta.url), 'utf8');
    const statements = file.split('--> statement-breakpoint').filter((s) => /echobox_hmac_sha256/.test(s));
    expect(statements).toHaveLength(4); // create, two updates, drop
    for (const statement of statements) await database.db.execute(sql.raw(statement));

    const secret = await reporterKeySecret(database.db);
    const [stored] = await database.db.select({ key: surveyResponses.reporterKey }).from(surveyResponses).where(eq(surveyResponses.id, responseId));
    expect(stored?.key).toBe(identifiedReporterKey(secret, site.id, 'u-old'));
    expect(await updateIds(`token ${oldToken}`)).toEqual([signed.id]);
    expect(await updateIds('anon stored-before-0007-anonymous-000')).toEqual([anon.id]);
    expect(await updateIds(`anon user:${site.id}:u-old`)).toEqual([aping.id]);
  });
});
