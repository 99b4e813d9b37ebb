import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { TEST_STORES } from './support/databases';
import { json, staff, testApp } from './support/app';
import type { Database } from '../../server/db/open';
import { surveyResponses, surveys } from '../../server/db/schema';
import { createSiteKey } from '../../server/store/site-keys';
import { SITE_KEY_HEADER } from '../../server/middleware/site-key';
import { signIdentity } from '../../server/auth/identity-token';
import { sha256Hex } from '../../server/auth/secrets';
import { reporterKeySecret } from '../../server/auth/reporter-key';
import { issueReporterId } from '../../server/auth/reporter-id';
import { REPORTER_IDS_PER_HOUR } from '../../server/routes/public-surveys';
import { csatOf, npsOf, type QuestionResult, type SurveyResults } from '../../shared/domain/survey-results';

const SHOP = 'https://shop.example.com';
const BLOG = 'https://blog.example.com';
const EVIL = 'https://evil.example.net';
const NOW = new Date('2025-09-30T10:00:00Z');

const campaignBody = () => ({
  goal: 'Improve the export flow',
  targetCustomers: 'Customers who bought product A in the last 3 months',
  categories: ['feature_request', 'product_defect'],
  period: { label: '2025 Q3' },
});

/** A survey of the export campaign, shown on the shop's report pages. */
const surveyBody = (campaignId: string, overrides: Record<string, unknown> = {}) => ({
  campaignId,
  purpose: 'campaign',
  title: { 'zh-CN': '导出功能满意度', en: 'Export satisfaction' },
  questions: [
    { id: 'csat', kind: 'csat', prompt: { en: 'How satisfied are you with exporting reports?' }, required: true },
    { id: 'nps', kind: 'nps', prompt: { en: 'How likely are you to recommend us to a colleague?' } },
    {
      id: 'format',
      kind: 'single_choice',
      prompt: { en: 'Which format do you export most?' },
      options: [
        { id: 'excel', label: { en: 'Excel' } },
        { id: 'pdf', label: { en: 'PDF' } },
        { id: 'csv', label: { en: 'CSV' } },
      ],
    },
    { id: 'why', kind: 'open_text', prompt: { 'zh-CN': '具体是哪一步操作不便?' }, maxLength: 500 },
  ],
  targeting: { urlPatterns: [`${SHOP}/reports/**`], samplingPercent: 50, frequencyCapDays: 30 },
  activeWindow: { from: '2025-09-01T00:00:00.000Z', to: '2025-10-01T00:00:00.000Z' },
  ...overrides,
});

type Answers = Record<string, unknown>;
const anonymous = () => ({ kind: 'anonymous', secretHash: sha256Hex(randomUUID()) });
/** A reporter id as the server issues the shop's widgets; set per store in its beforeAll. */
let issueShopReporterId: () => string = () => {
  throw new Error('no store yet');
};
const responseBody = (surveyId: string, answers: Answers, overrides: Record<string, unknown> = {}) => ({
  id: uuidv7(),
  surveyId,
  answers,
  reporter: anonymous(),
  reporterId: issueShopReporterId(),
  pageUrl: `${SHOP}/reports/42`,
  locale: 'zh-CN',
  answeredAt: '2025-09-30T09:00:00.000Z',
  ...overrides,
});

describe('results maths', () => {
  it('averages CSAT and counts 4–5 as satisfied', () => {
    expect(csatOf({ 5: 1, 4: 2, 2: 1, 1: 1 })).toEqual({ count: 5, average: 3.2, satisfiedPercent: 60 });
    expect(csatOf({})).toEqual({ count: 0, average: null, satisfiedPercent: null });
  });

  it('scores NPS as promoters% minus detractors%', () => {
    // 10, 10, 9 promote; 8, 7 are passive; 6, 0 detract: (3 - 2) / 7 = 14.3.
    expect(npsOf({ 10: 2, 9: 1, 8: 1, 7: 1, 6: 1, 0: 1 })).toEqual({
      count: 7,
      promoters: 3,
      passives: 2,
      detractors: 2,
      score: 14.3,
    });
    expect(npsOf({ 0: 3 }).score).toBe(-100);
    expect(npsOf({ 9: 2, 10: 2 }).score).toBe(100);
    expect(npsOf({}).score).toBeNull();
  });
});

describe.each(TEST_STORES)('surveys API on $name', (store) => {
  let database: Database;
  let t: ReturnType<typeof testApp>;
  let agent: Awaited<ReturnType<typeof staff>>;
  let reviewer: Awaited<ReturnType<typeof staff>>;
  let campaignId: string;
  let shop: { key: string; id: string; secret: string };
  let blogKey: string;

  beforeAll(async () => {
    database = await store.open();
    t = testApp(database, { now: NOW });
    agent = await staff(database, 'agent', 'CS', '李客服');
    reviewer = await staff(database, 'reviewer', 'PM', '张经理');
    const res = await t.app.request('/api/v1/campaigns', json('POST', campaignBody(), reviewer.auth));
    campaignId = ((await res.json()) as { campaign: { id: string } }).campaign.id;
    const made = await createSiteKey(database.db, { name: 'Shop', department: 'CS', allowedOrigins: [SHOP], ratePerMinute: 10_000 });
    shop = { key: made.siteKey.key, id: made.siteKey.id, secret: made.identitySecret };
    const ridSecret = await reporterKeySecret(database.db);
    issueShopReporterId = () => issueReporterId(ridSecret, shop.id);
    blogKey = (await createSiteKey(database.db, { name: 'Blog', department: 'MKT', allowedOrigins: [BLOG], ratePerMinute: 10_000 }))
      .siteKey.key;
  }, 30_000);
  afterAll(() => database.close());

  const surveyRows = async () => Number((await database.db.select({ n: count() }).from(surveys))[0]?.n);
  const responseRows = async (surveyId?: string) =>
    Number(
      (
        await database.db
          .select({ n: count() })
          .from(surveyResponses)
          .where(surveyId ? eq(surveyResponses.surveyId, surveyId) : undefined)
      )[0]?.n,
    );

  /** Create a survey through the API; active unless said otherwise. */
  const createSurvey = async (overrides: Record<string, unknown> = {}, inCampaign = campaignId) => {
    const res = await t.app.request('/api/v1/surveys', json('POST', surveyBody(inCampaign, { active: true, ...overrides }), reviewer.auth));
    expect(res.status).toBe(201);
    return ((await res.json()) as { survey: { id: string } & Record<string, unknown> }).survey;
  };

  const shopHeaders = (extra: Record<string, string> = {}) => ({ [SITE_KEY_HEADER]: shop.key, origin: SHOP, ...extra });
  const offered = async (query: string, headers = shopHeaders()) => {
    const res = await t.app.request(`/api/v1/public/surveys?${query}`, { headers });
    return res;
  };
  const offeredIds = async (query: string) => {
    const res = await offered(query);
    expect(res.status).toBe(200);
    return ((await res.json()) as { items: { id: string }[] }).items.map((s) => s.id);
  };
  const answer = (body: unknown, headers = shopHeaders()) =>
    t.app.request('/api/v1/public/survey-responses', json('POST', body, headers));

  describe('staff routes', () => {
    it('creates a survey, inactive by default, with a server-made id, and reads it back', async () => {
      const res = await t.app.request('/api/v1/surveys', json('POST', surveyBody(campaignId), reviewer.auth));
      expect(res.status).toBe(201);
      const { survey } = (await res.json()) as { survey: { id: string; active: boolean; questions: unknown[] } };
      expect(survey.active).toBe(false);
      expect(survey.questions).toHaveLength(4);
      const got = await t.app.request(`/api/v1/surveys/${survey.id}`, { headers: agent.auth });
      expect(got.status).toBe(200);
      expect(((await got.json()) as { survey: unknown }).survey).toEqual(survey);
    });

    it('is idempotent by a client-supplied id', async () => {
      const body = surveyBody(campaignId, { id: uuidv7() });
      expect((await t.app.request('/api/v1/surveys', json('POST', body, reviewer.auth))).status).toBe(201);
      const again = await t.app.request('/api/v1/surveys', json('POST', body, reviewer.auth));
      expect(again.status).toBe(200);
      const changed = await t.app.request(
        '/api/v1/surveys',
        json('POST', { ...body, title: { en: 'Another title' } }, reviewer.auth),
      );
      expect(changed.status).toBe(409);
      expect(((await changed.json()) as { code: string }).code).toBe('idempotency_conflict');
    });

    it.each([
      ['an unknown campaign', () => surveyBody(uuidv7()), ['campaignId'], 'not_found'],
      ['an annual survey without a period', () => surveyBody(campaignId, { purpose: 'annual_satisfaction' }), ['period'], 'period_required'],
      ['a question of an unknown kind', () => surveyBody(campaignId, { questions: [{ id: 'q', kind: 'stars', prompt: { en: 'x' } }] }), ['questions', 0, 'kind'], 'invalid_union'],
      ['duplicate question ids', () => surveyBody(campaignId, { questions: [{ id: 'q', kind: 'csat', prompt: { en: 'a' } }, { id: 'q', kind: 'nps', prompt: { en: 'b' } }] }), ['questions'], 'duplicate_id'],
      ['no questions', () => surveyBody(campaignId, { questions: [] }), ['questions'], 'too_small'],
      ['sampling above 100', () => surveyBody(campaignId, { targeting: { urlPatterns: [], samplingPercent: 120, frequencyCapDays: 30 } }), ['targeting', 'samplingPercent'], 'too_big'],
      ['a wrongly typed frequency cap', () => surveyBody(campaignId, { targeting: { urlPatterns: [], samplingPercent: 10, frequencyCapDays: '30' } }), ['targeting', 'frequencyCapDays'], 'invalid_type'],
      ['a window that ends before it starts', () => surveyBody(campaignId, { activeWindow: { from: '2025-10-01T00:00:00Z', to: '2025-09-01T00:00:00Z' } }), ['activeWindow', 'to'], 'date_range_order'],
      ['a missing title', () => (({ title: _t, ...rest }) => rest)(surveyBody(campaignId)), ['title'], 'invalid_type'],
    ])('refuses %s with 400, storing nothing', async (_label, body, path, code) => {
      const before = await surveyRows();
      const res = await t.app.request('/api/v1/surveys', json('POST', body(), reviewer.auth));
      expect(res.status).toBe(400);
      const problem = (await res.json()) as { code: string; errors: { path: unknown[]; code: string }[] };
      expect(problem.code).toBe('validation_failed');
      expect(problem.errors).toContainEqual(expect.objectContaining({ path, code }));
      expect(await surveyRows()).toBe(before);
    });

    it('refuses a wrong content type, and writes by agents or strangers', async () => {
      const before = await surveyRows();
      const text = await t.app.request('/api/v1/surveys', {
        method: 'POST',
        headers: { ...reviewer.auth, 'content-type': 'text/plain' },
        body: JSON.stringify(surveyBody(campaignId)),
      });
      expect(text.status).toBe(415);
      expect((await t.app.request('/api/v1/surveys', json('POST', surveyBody(campaignId), agent.auth))).status).toBe(403);
      expect((await t.app.request('/api/v1/surveys', json('POST', surveyBody(campaignId)))).status).toBe(401);
      expect(await surveyRows()).toBe(before);
      const s = await createSurvey();
      expect((await t.app.request(`/api/v1/surveys/${s.id}/deactivate`, { method: 'POST', headers: agent.auth })).status).toBe(403);
      expect((await t.app.request(`/api/v1/surveys/${s.id}`, json('PATCH', { active: false }, agent.auth))).status).toBe(403);
      expect((await t.app.request(`/api/v1/surveys/${s.id}/results`, { headers: agent.auth })).status).toBe(200);
    });

    it('lists the surveys of a campaign, filtered by state and purpose', async () => {
      const other = await t.app.request('/api/v1/campaigns', json('POST', campaignBody(), reviewer.auth));
      const otherId = ((await other.json()) as { campaign: { id: string } }).campaign.id;
      const a = await createSurvey({}, otherId);
      const b = await createSurvey({ active: false }, otherId);
      const c = await createSurvey({ purpose: 'annual_satisfaction', period: '2025' }, otherId);
      const list = async (q: string) =>
        ((await (await t.app.request(`/api/v1/surveys?${q}`, { headers: agent.auth })).json()) as { items: { id: string }[] }).items
          .map((s) => s.id)
          .sort();
      expect(await list(`campaignId=${otherId}`)).toEqual([a.id, b.id, c.id].sort());
      expect(await list(`campaignId=${otherId}&active=false`)).toEqual([b.id]);
      expect(await list(`campaignId=${otherId}&purpose=annual_satisfaction`)).toEqual([c.id]);
      expect((await t.app.request('/api/v1/surveys?campaignId=nope', { headers: agent.auth })).status).toBe(400);
    });

    it('activates, deactivates and edits a survey', async () => {
      const s = await createSurvey({ active: false });
      const on = await t.app.request(`/api/v1/surveys/${s.id}/activate`, { method: 'POST', headers: reviewer.auth });
      expect(((await on.json()) as { survey: { active: boolean } }).survey.active).toBe(true);
      const off = await t.app.request(`/api/v1/surveys/${s.id}/deactivate`, { method: 'POST', headers: reviewer.auth });
      expect(((await off.json()) as { survey: { active: boolean } }).survey.active).toBe(false);
      const patch = await t.app.request(
        `/api/v1/surveys/${s.id}`,
        json('PATCH', { title: { en: 'Exporting reports' }, targeting: { urlPatterns: [], samplingPercent: 5, frequencyCapDays: 90 } }, reviewer.auth),
      );
      expect(patch.status).toBe(200);
      expect(((await patch.json()) as { survey: unknown }).survey).toMatchObject({
        title: { en: 'Exporting reports' },
        targeting: { samplingPercent: 5, frequencyCapDays: 90 },
        questions: s.questions,
      });
      const bad = await t.app.request(`/api/v1/surveys/${s.id}`, json('PATCH', { campaignId: uuidv7() }, reviewer.auth));
      expect(bad.status).toBe(400);
      const unknown = await t.app.request(`/api/v1/surveys/${uuidv7()}`, json('PATCH', { title: { en: 'x' } }, reviewer.auth));
      expect(unknown.status).toBe(404);
    });

    it('keeps answered questions once a survey has responses', async () => {
      const s = await createSurvey();
      expect((await answer(responseBody(s.id, { csat: { kind: 'csat', value: 4 }, format: { kind: 'single_choice', optionId: 'pdf' } }))).status).toBe(201);
      const questions = s.questions as Array<Record<string, unknown>>;
      const drop = await t.app.request(`/api/v1/surveys/${s.id}`, json('PATCH', { questions: questions.slice(1) }, reviewer.auth));
      expect(drop.status).toBe(409);
      expect(await drop.json()).toMatchObject({ code: 'conflict', reason: 'survey_has_responses' });
      const format = questions[2] as { options: unknown[] };
      const fewerOptions = questions.map((q, i) => (i === 2 ? { ...q, options: format.options.slice(0, 2) } : q));
      expect((await t.app.request(`/api/v1/surveys/${s.id}`, json('PATCH', { questions: fewerOptions }, reviewer.auth))).status).toBe(409);
      const added = [...questions, { id: 'extra', kind: 'csat', prompt: { en: 'And support?' } }];
      const ok = await t.app.request(`/api/v1/surveys/${s.id}`, json('PATCH', { questions: added }, reviewer.auth));
      expect(ok.status).toBe(200);
    });
  });

  describe('public survey list', () => {
    it('offers active surveys matching the page, window and traits, for the requesting site only', async () => {
      const reports = await createSurvey({ targeting: { urlPatterns: [`${SHOP}/reports/**`], traits: { customerType: ['high_value'] }, samplingPercent: 30, frequencyCapDays: 30 } });
      const everywhere = await createSurvey({ targeting: { urlPatterns: [], samplingPercent: 100, frequencyCapDays: 7 } });
      const blogOnly = await createSurvey({ targeting: { urlPatterns: [`${BLOG}/**`], samplingPercent: 100, frequencyCapDays: 7 } });
      const draft = await createSurvey({ active: false, targeting: { urlPatterns: [], samplingPercent: 100, frequencyCapDays: 7 } });
      const later = await createSurvey({ activeWindow: { from: '2025-10-08T00:00:00.000Z' }, targeting: { urlPatterns: [], samplingPercent: 100, frequencyCapDays: 7 } });

      const url = encodeURIComponent(`${SHOP}/reports/42?tab=excel`);
      const res = await offered(`url=${url}&customerType=high_value`);
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe(SHOP);
      const body = (await res.json()) as { items: Array<{ id: string; targeting: { samplingPercent: number } }> };
      const ids = body.items.map((s) => s.id);
      expect(ids).toEqual(expect.arrayContaining([reports.id, everywhere.id]));
      expect(ids).not.toContain(blogOnly.id);
      expect(ids).not.toContain(draft.id);
      expect(ids).not.toContain(later.id);
      // The widget gets the targeting to sample and cap on the device.
      expect(body.items.find((s) => s.id === reports.id)?.targeting.samplingPercent).toBe(30);

      expect(await offeredIds(`url=${url}&customerType=new`)).not.toContain(reports.id);
      expect(await offeredIds(`url=${url}`)).not.toContain(reports.id);
      expect(await offeredIds(`url=${encodeURIComponent(`${SHOP}/billing`)}&customerType=high_value`)).not.toContain(reports.id);

      const blog = await offered(`url=${encodeURIComponent(`${BLOG}/post/1`)}`, { [SITE_KEY_HEADER]: blogKey, origin: BLOG });
      const blogIds = ((await blog.json()) as { items: { id: string }[] }).items.map((s) => s.id);
      expect(blogIds).toContain(blogOnly.id);
      expect(blogIds).toContain(everywhere.id);
      expect(blogIds).not.toContain(reports.id);

      t.clock.now = new Date('2025-10-08T00:00:00Z');
      try {
        const afterwards = await offeredIds(`url=${url}&customerType=high_value`);
        expect(afterwards).toContain(later.id);
        expect(afterwards).not.toContain(reports.id);
      } finally {
        t.clock.now = NOW;
      }
    });

    it('hides the surveys of a deactivated campaign', async () => {
      const res = await t.app.request('/api/v1/campaigns', json('POST', campaignBody(), reviewer.auth));
      const id = ((await res.json()) as { campaign: { id: string } }).campaign.id;
      const s = await createSurvey({ targeting: { urlPatterns: [], samplingPercent: 100, frequencyCapDays: 7 } }, id);
      const url = `url=${encodeURIComponent(`${SHOP}/`)}`;
      expect(await offeredIds(url)).toContain(s.id);
      await t.app.request(`/api/v1/campaigns/${id}/deactivate`, { method: 'POST', headers: reviewer.auth });
      expect(await offeredIds(url)).not.toContain(s.id);
    });

    it.each([
      ['no url', ''],
      ['a url that is not http(s)', `url=${encodeURIComponent('javascript:alert(1)')}`],
      ['an unknown customer type', `url=${encodeURIComponent(`${SHOP}/`)}&customerType=vip`],
      ['a page on another origin', `url=${encodeURIComponent(`${BLOG}/post/1`)}`],
    ])('refuses %s with 400', async (_label, query) => {
      const res = await offered(query);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { code: string }).code).toBe('validation_failed');
    });

    it('refuses an unknown site key (401) and a foreign origin (403)', async () => {
      const query = `url=${encodeURIComponent(`${SHOP}/`)}`;
      const unknown = await offered(query, { [SITE_KEY_HEADER]: 'ebx_pk_nope', origin: SHOP });
      expect(unknown.status).toBe(401);
      expect(((await unknown.json()) as { code: string }).code).toBe('unknown_site_key');
      const foreign = await offered(query, { [SITE_KEY_HEADER]: shop.key, origin: EVIL });
      expect(foreign.status).toBe(403);
      expect(((await foreign.json()) as { code: string }).code).toBe('origin_not_allowed');
      expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('rate-limits per site key', async () => {
      const tight = await createSiteKey(database.db, { name: 'Tight', department: 'CS', allowedOrigins: ['https://tight.example.com'], ratePerMinute: 2 });
      const headers = { [SITE_KEY_HEADER]: tight.siteKey.key, origin: 'https://tight.example.com' };
      const query = `url=${encodeURIComponent('https://tight.example.com/')}`;
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await offered(query, headers)).status);
      expect(statuses).toEqual([200, 200, 429]);
    });
  });

  describe('public survey responses', () => {
    let open: { id: string };
    beforeAll(async () => {
      open = await createSurvey();
    });
    const good = (overrides: Record<string, unknown> = {}) =>
      responseBody(open.id, { csat: { kind: 'csat', value: 5 }, why: { kind: 'open_text', text: '导出按钮点击后没有反应' } }, overrides);

    it('stores a response once: 201, then 200 for the same body, 409 for a different one', async () => {
      const body = good();
      const first = await answer(body);
      expect(first.status).toBe(201);
      const receipt = (await first.json()) as { id: string; status: string; surveyId: string; receivedAt: string };
      expect(receipt).toMatchObject({ id: body.id, status: 'accepted', surveyId: open.id });
      expect(first.headers.get('access-control-allow-origin')).toBe(SHOP);

      const retry = await answer(body);
      expect(retry.status).toBe(200);
      expect(await retry.json()).toEqual({ ...receipt, status: 'duplicate' });

      const changed = await answer({ ...body, answers: { csat: { kind: 'csat', value: 1 } } });
      expect(changed.status).toBe(409);
      expect(((await changed.json()) as { code: string }).code).toBe('idempotency_conflict');
      const [row] = await database.db.select().from(surveyResponses).where(eq(surveyResponses.id, body.id));
      expect((row?.doc as { answers: Answers }).answers.csat).toEqual({ kind: 'csat', value: 5 });
      expect(row?.siteKeyId).toBe(shop.id);
    });

    it('stores the page URL without fragment and query', async () => {
      const body = good({ pageUrl: `${SHOP}/reports/42?email=jane@example.com&reset_token=r3s3t#access_token=acc3ss` });
      expect((await answer(body)).status).toBe(201);
      const [row] = await database.db.select().from(surveyResponses).where(eq(surveyResponses.id, body.id));
      expect((row?.doc as { pageUrl: string }).pageUrl).toBe(`${SHOP}/reports/42`);
    });

    it('masks personal data in open answers before storing', async () => {
      const body = good({ answers: { csat: { kind: 'csat', value: 2 }, why: { kind: 'open_text', text: '请回电 13812345678 王小明先生' } } });
      expect((await answer(body)).status).toBe(201);
      const [row] = await database.db.select().from(surveyResponses).where(eq(surveyResponses.id, body.id));
      const text = ((row?.doc as { answers: Record<string, { text: string }> }).answers.why as { text: string }).text;
      expect(text).not.toContain('13812345678');
      expect(text).toContain('138****5678');
    });

    it('accepts an identified reporter and refuses a forged identity', async () => {
      const token = signIdentity({ sub: 'user-42', exp: Math.floor(NOW.getTime() / 1000) + 3600, traits: { customerType: 'high_value' } }, shop.secret);
      const body = good({ reporter: { kind: 'identified', identityToken: token } });
      expect((await answer(body)).status).toBe(201);
      const [row] = await database.db.select().from(surveyResponses).where(eq(surveyResponses.id, body.id));
      expect((row?.doc as { reporter: unknown }).reporter).toEqual({ userId: 'user-42', traits: { customerType: 'high_value' } });
      expect(JSON.stringify(row?.doc)).not.toContain(token);

      const forged = signIdentity({ sub: 'user-43', exp: Math.floor(NOW.getTime() / 1000) + 3600 }, 'not-the-secret');
      const before = await responseRows();
      const res = await answer(good({ reporter: { kind: 'identified', identityToken: forged } }));
      expect(res.status).toBe(401);
      expect(await responseRows()).toBe(before);
    });

    it('counts one answer per reporter and survey', async () => {
      const reporter = anonymous();
      const reporterId = issueShopReporterId();
      expect((await answer(good({ reporter, reporterId }))).status).toBe(201);
      const second = await answer(good({ reporter, reporterId }));
      expect(second.status).toBe(409);
      expect(await second.json()).toMatchObject({ code: 'conflict', reason: 'answered' });
    });

    it('counts one answer per server-issued reporter id: new anonymous secrets do not stuff the ballot', async () => {
      const survey = await createSurvey();
      const vote = (overrides: Record<string, unknown>) => answer(responseBody(survey.id, { csat: { kind: 'csat', value: 1 } }, overrides));
      const res = await t.app.request('/api/v1/public/reporter-ids', { method: 'POST', headers: shopHeaders() });
      expect(res.status).toBe(201);
      const { reporterId } = (await res.json()) as { reporterId: string };
      expect((await vote({ reporterId })).status).toBe(201);
      for (let i = 0; i < 3; i++) {
        const again = await vote({ reporterId }); // a fresh anonymous secret each time
        expect(again.status).toBe(409);
        expect(await again.json()).toMatchObject({ code: 'conflict', reason: 'answered' });
      }
      const problems = async (overrides: Record<string, unknown>) => {
        const refused = await vote(overrides);
        expect(refused.status).toBe(400);
        return ((await refused.json()) as { errors: { path: string[]; code: string }[] }).errors;
      };
      const [id, mac] = reporterId.split('.') as [string, string];
      const forged = `${id.slice(0, -1)}${id.endsWith('A') ? 'B' : 'A'}.${mac}`;
      const blogs = issueReporterId(await reporterKeySecret(database.db), randomUUID());
      expect(await problems({ reporterId: undefined })).toEqual([expect.objectContaining({ path: ['reporterId'], code: 'required' })]);
      expect(await problems({ reporterId: forged })).toEqual([expect.objectContaining({ path: ['reporterId'], code: 'invalid_signature' })]);
      expect(await problems({ reporterId: blogs })).toEqual([expect.objectContaining({ path: ['reporterId'], code: 'invalid_signature' })]);
      expect(await responseRows(survey.id)).toBe(1);
    });

    it('issues reporter ids at most REPORTER_IDS_PER_HOUR times per network and site', async () => {
      const { app } = testApp(database, { now: NOW, config: { trustProxy: true } });
      const mint = (address: string) =>
        app.request('/api/v1/public/reporter-ids', { method: 'POST', headers: shopHeaders({ 'x-forwarded-for': address }) });
      for (let i = 0; i < REPORTER_IDS_PER_HOUR; i++) expect((await mint(`2001:db8:5:5::${i + 1}`)).status).toBe(201);
      const limited = await mint('2001:db8:5:5::ffff');
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
      expect((await mint('2001:db8:5:6::1')).status).toBe(201);
    });

    it('answers 404 for an unknown survey and 409 with a reason for one that is not open', async () => {
      const before = await responseRows();
      const unknown = await answer(responseBody(uuidv7(), { csat: { kind: 'csat', value: 3 } }));
      expect(unknown.status).toBe(404);
      expect(((await unknown.json()) as { code: string }).code).toBe('not_found');

      const closed = await createSurvey({ active: false });
      const inactive = await answer(responseBody(closed.id, { csat: { kind: 'csat', value: 3 } }));
      expect(inactive.status).toBe(409);
      expect(await inactive.json()).toMatchObject({ code: 'conflict', reason: 'inactive' });

      const early = await answer(good({ answeredAt: '2025-08-31T23:59:59.000Z' }));
      expect(await early.json()).toMatchObject({ code: 'conflict', reason: 'not_started' });
      const elsewhere = await answer(good({ pageUrl: `${SHOP}/billing` }));
      expect(await elsewhere.json()).toMatchObject({ code: 'conflict', reason: 'url_mismatch' });
      expect(await responseRows()).toBe(before);
    });

    it('keeps an answer given before the window closed when the outbox sends it later', async () => {
      t.clock.now = new Date('2025-10-02T08:00:00Z');
      try {
        const late = await answer(good({ answeredAt: '2025-09-30T23:00:00.000Z' }));
        expect(late.status).toBe(201);
        const after = await answer(good({ answeredAt: '2025-10-01T00:00:00.000Z' }));
        expect(await after.json()).toMatchObject({ code: 'conflict', reason: 'ended' });
      } finally {
        t.clock.now = NOW;
      }
    });

    it.each([
      ['an answer of the wrong kind', () => good({ answers: { csat: { kind: 'nps', value: 5 } } }), ['answers', 'csat', 'kind']],
      ['a missing required question', () => good({ answers: { nps: { kind: 'nps', value: 9 } } }), ['answers', 'csat']],
      ['an unknown option', () => good({ answers: { csat: { kind: 'csat', value: 4 }, format: { kind: 'single_choice', optionId: 'docx' } } }), ['answers', 'format', 'optionId']],
      ['an unknown question', () => good({ answers: { csat: { kind: 'csat', value: 4 }, q9: { kind: 'csat', value: 4 } } }), ['answers', 'q9']],
      ['text over the question’s limit', () => good({ answers: { csat: { kind: 'csat', value: 4 }, why: { kind: 'open_text', text: 'x'.repeat(501) } } }), ['answers', 'why', 'text']],
      ['a CSAT score out of range', () => good({ answers: { csat: { kind: 'csat', value: 6 } } }), ['answers', 'csat', 'value']],
      ['a score of the wrong type', () => good({ answers: { csat: { kind: 'csat', value: '5' } } }), ['answers', 'csat', 'value']],
      ['no answers', () => good({ answers: {} }), ['answers']],
      ['a missing reporter', () => (({ reporter: _r, ...rest }) => rest)(good()), ['reporter']],
      ['a bad survey id', () => good({ surveyId: 'survey-1' }), ['surveyId']],
      ['an answer from the future', () => good({ answeredAt: '2025-09-30T10:06:00.000Z' }), ['answeredAt']],
      ['a page on another origin', () => good({ pageUrl: `${BLOG}/reports/1` }), ['pageUrl']],
      ['another site key in the body', () => good({ siteKey: 'ebx_pk_someone_else' }), ['siteKey']],
    ])('refuses %s with 400 and the field path, storing nothing', async (_label, body, path) => {
      const before = await responseRows();
      const res = await answer(body());
      expect(res.status).toBe(400);
      const problem = (await res.json()) as { code: string; errors: { path: unknown[] }[] };
      expect(problem.code).toBe('validation_failed');
      expect(problem.errors.map((e) => e.path)).toContainEqual(path);
      expect(await responseRows()).toBe(before);
    });

    it('refuses a wrong content type, broken JSON, an unknown key and a foreign origin, storing nothing', async () => {
      const before = await responseRows();
      const text = await t.app.request('/api/v1/public/survey-responses', {
        method: 'POST',
        headers: { ...shopHeaders(), 'content-type': 'text/plain' },
        body: JSON.stringify(good()),
      });
      expect(text.status).toBe(415);
      expect((await answer('{"id":')).status).toBe(400);
      const unknown = await answer(good(), { [SITE_KEY_HEADER]: 'ebx_pk_nope', origin: SHOP });
      expect(unknown.status).toBe(401);
      expect(((await unknown.json()) as { code: string }).code).toBe('unknown_site_key');
      const foreign = await answer(good(), { [SITE_KEY_HEADER]: shop.key, origin: EVIL });
      expect(foreign.status).toBe(403);
      expect(((await foreign.json()) as { code: string }).code).toBe('origin_not_allowed');
      const otherSite = await answer(good(), { [SITE_KEY_HEADER]: blogKey, origin: BLOG });
      expect(otherSite.status).toBe(400);
      expect(await responseRows()).toBe(before);
    });

    it('answers a bot that fills the honeypot like a success, storing nothing', async () => {
      const before = await responseRows();
      const body = { ...good(), website: 'http://spam.example' };
      const res = await answer(body);
      expect(res.status).toBe(201);
      expect(await res.json()).toMatchObject({ id: body.id, status: 'accepted' });
      expect(await responseRows()).toBe(before);
    });
  });

  describe('results', () => {
    const send = async (surveyId: string, answers: Answers[], pageUrl = `${SHOP}/reports/1`) => {
      for (const a of answers) {
        const res = await answer(responseBody(surveyId, a, { pageUrl }));
        expect(res.status).toBe(201);
      }
    };
    const results = async (surveyId: string) => {
      const res = await t.app.request(`/api/v1/surveys/${surveyId}/results`, { headers: agent.auth });
      expect(res.status).toBe(200);
      return ((await res.json()) as { results: SurveyResults }).results;
    };
    const csat = (value: number) => ({ kind: 'csat', value });
    const nps = (value: number) => ({ kind: 'nps', value });

    it('counts answers, averages CSAT and scores NPS on known answers', async () => {
      const s = await createSurvey();
      await send(s.id, [
        { csat: csat(5), nps: nps(10), format: { kind: 'single_choice', optionId: 'excel' }, why: { kind: 'open_text', text: '很好用' } },
        { csat: csat(4), nps: nps(10), format: { kind: 'single_choice', optionId: 'excel' } },
        { csat: csat(4), nps: nps(9), format: { kind: 'single_choice', optionId: 'pdf' } },
        { csat: csat(2), nps: nps(8) },
        { csat: csat(1), nps: nps(7) },
        { csat: csat(4), nps: nps(6) },
        { csat: csat(3), nps: nps(0), why: { kind: 'open_text', text: '导出太慢' } },
      ]);
      const r = await results(s.id);
      expect(r.responseCount).toBe(7);
      // CSAT 5+4+4+2+1+4+3 = 23 / 7 = 3.29; 4 of 7 answered 4 or 5.
      expect(r.csat).toEqual({ count: 7, average: 3.29, satisfiedPercent: 57.1 });
      // NPS: promoters 10, 10, 9; passives 8, 7; detractors 6, 0: (3 - 2) / 7 = 14.3.
      expect(r.nps).toEqual({ count: 7, promoters: 3, passives: 2, detractors: 2, score: 14.3 });
      const byId: Record<string, QuestionResult | undefined> = Object.fromEntries(r.questions.map((q) => [q.id, q]));
      expect(byId.csat).toMatchObject({ answered: 7, counts: { 1: 1, 2: 1, 3: 1, 4: 3, 5: 1 }, average: 3.29 });
      expect(byId.nps).toMatchObject({ answered: 7, counts: { 0: 1, 6: 1, 7: 1, 8: 1, 9: 1, 10: 2, 5: 0 }, score: 14.3 });
      expect(byId.format).toEqual({ id: 'format', kind: 'single_choice', answered: 3, counts: { excel: 2, pdf: 1, csv: 0 } });
      expect(byId.why).toMatchObject({ kind: 'open_text', answered: 2 });
      expect([...(byId.why?.kind === 'open_text' ? byId.why.latest : [])].sort()).toEqual(['导出太慢', '很好用'].sort());
      expect(r.comparison).toBeNull();
    });

    it('answers zero responses with empty figures', async () => {
      const s = await createSurvey();
      const r = await results(s.id);
      expect(r).toMatchObject({ responseCount: 0, csat: { count: 0, average: null }, nps: { count: 0, score: null } });
    });

    it('compares an annual satisfaction survey with the previous period’s (DOMAIN.md §10)', async () => {
      const annual = (period: string, from: string, to: string) =>
        createSurvey({
          purpose: 'annual_satisfaction',
          period,
          questions: [
            { id: 'overall', kind: 'csat', prompt: { en: 'How satisfied are you with our products and service this year?' }, required: true },
            { id: 'recommend', kind: 'nps', prompt: { en: 'How likely are you to recommend us?' } },
          ],
          targeting: { urlPatterns: [], samplingPercent: 100, frequencyCapDays: 365 },
          activeWindow: { from, to },
        });
      const y2023 = await annual('2023', '2023-11-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z');
      const y2024 = await annual('2024', '2024-11-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z');
      const y2025 = await annual('2025', '2025-09-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');
      const at = (iso: string) => (a: Answers) => ({ a, iso });
      for (const { a, iso } of [
        at('2024-11-15T00:00:00.000Z')({ overall: csat(3), recommend: nps(5) }),
        at('2024-11-16T00:00:00.000Z')({ overall: csat(3), recommend: nps(9) }),
        at('2024-11-17T00:00:00.000Z')({ overall: csat(2), recommend: nps(3) }),
      ]) {
        expect((await answer(responseBody(y2024.id, a, { answeredAt: iso }))).status).toBe(201);
      }
      await send(y2025.id, [
        { overall: csat(5), recommend: nps(10) },
        { overall: csat(4), recommend: nps(9) },
        { overall: csat(3), recommend: nps(6) },
        { overall: csat(4), recommend: nps(8) },
      ]);

      const r = await results(y2025.id);
      // 2025: CSAT 16 / 4 = 4; NPS (2 - 1) / 4 = 25. 2024: CSAT 8 / 3 = 2.67; NPS (1 - 2) / 3 = -33.3.
      expect(r.csat.average).toBe(4);
      expect(r.nps.score).toBe(25);
      expect(r.comparison).toEqual({
        previousPeriod: '2024',
        previous: { surveyId: y2024.id, period: '2024', responseCount: 3, csatAverage: 2.67, npsScore: -33.3 },
        change: { responseCount: 1, csatAverage: 1.33, npsScore: 58.3 },
      });

      const first = await results(y2023.id);
      expect(first.comparison).toEqual({ previousPeriod: '2022', previous: null, change: null });
    });

    it('answers 404 for an unknown survey and 401 without sign-in', async () => {
      expect((await t.app.request(`/api/v1/surveys/${uuidv7()}/results`, { headers: agent.auth })).status).toBe(404);
      expect((await t.app.request(`/api/v1/surveys/${uuidv7()}/results`)).status).toBe(401);
    });
  });
});
