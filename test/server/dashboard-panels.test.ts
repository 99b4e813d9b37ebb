import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { TEST_STORES } from './support/databases';
import { json, staff, testApp } from './support/app';
import { recordInput } from './support/fixtures';
import type { Database } from '../../server/db/open';
import { surveyResponses } from '../../server/db/schema';
import { createSiteKey } from '../../server/store/site-keys';
import type { SurveysPanel } from '../../shared/schemas/dashboard-surveys';
import type { TopicsPanel } from '../../shared/schemas/dashboard-topics';

/*
 * The survey panel (CSAT and NPS per survey, this period against the previous one of equal length)
 * and the most-asked topics (records grouped by the shared similarity, "asked by" after merges).
 */
const NOW = new Date('2026-04-02T02:00:00.000Z');
// 1–31 March: 31 days, so the previous period is 29 January to 1 March.
// Shanghai's March (bare days are the company's): 28 February 16:00 UTC to 31 March 16:00 UTC.
const RANGE = 'from=2026-03-01&to=2026-03-31';

describe.each(TEST_STORES)('dashboard surveys and topics on $name', (store) => {
  let database: Database;
  let t: ReturnType<typeof testApp>;
  let reviewer: Awaited<ReturnType<typeof staff>>;
  let agent: Awaited<ReturnType<typeof staff>>;
  let answered = '';
  let silent = '';
  const topic = { exportIds: [] as string[], themeIds: [] as string[], other: '', merged: '' };

  const get = async <T>(path: string, auth = reviewer.auth) => {
    const res = await t.app.request(path, { headers: auth });
    expect(res.status, path).toBe(200);
    return (await res.json()) as T;
  };
  const post = async <T>(path: string, body: unknown, status = 201) => {
    const res = await t.app.request(path, json('POST', body, reviewer.auth));
    expect(res.status, `${path}: ${await res.clone().text()}`).toBe(status);
    return (await res.json()) as T;
  };
  const survey = async (campaignId: string, title: string) =>
    (
      await post<{ survey: { id: string } }>('/api/v1/surveys', {
        campaignId,
        purpose: 'campaign',
        title: { en: title },
        questions: [
          { id: 'csat', kind: 'csat', prompt: { en: 'How satisfied are you?' }, required: true },
          { id: 'nps', kind: 'nps', prompt: { en: 'Would you recommend us?' } },
        ],
        targeting: { urlPatterns: [], samplingPercent: 100, frequencyCapDays: 30 },
        activeWindow: { from: '2026-01-01T00:00:00.000Z' },
        active: true,
      })
    ).survey.id;
  const respond = async (surveyId: string, siteKeyId: string, at: string, csat: number, nps: number) => {
    const id = uuidv7();
    const answers = { csat: { kind: 'csat', value: csat }, nps: { kind: 'nps', value: nps } };
    await database.db.insert(surveyResponses).values({ id, surveyId, siteKeyId, reporterKey: id, bodyHash: id, answeredAt: new Date(at), doc: { id, surveyId, siteKeyId, answers, answeredAt: at } });
  };
  const record = async (problem: string, department = 'CS') => {
    const res = await t.app.request(
      '/api/v1/records',
      json('POST', recordInput({ problem, scenario: undefined, expectedSolution: undefined, department, recordedAt: '2026-03-10T02:00:00.000Z' }), reviewer.auth),
    );
    expect(res.status).toBe(201);
    return ((await res.json()) as { record: { id: string } }).record.id;
  };

  beforeAll(async () => {
    database = await store.open();
    t = testApp(database, { now: new Date('2026-03-10T02:00:00.000Z') });
    reviewer = await staff(database, 'reviewer', 'PM', '张经理');
    agent = await staff(database, 'agent', 'CS', '李客服');
    const campaignId = (
      await post<{ campaign: { id: string } }>('/api/v1/campaigns', { goal: 'Improve exports', targetCustomers: 'Report users', categories: ['product_defect'], period: { label: '2026 Q1' } })
    ).campaign.id;
    answered = await survey(campaignId, 'Export satisfaction');
    silent = await survey(campaignId, 'Never answered');
    const cs = (await createSiteKey(database.db, { name: 'Shop', department: 'CS', allowedOrigins: ['https://shop.example.com'] })).siteKey.id;
    const pm = (await createSiteKey(database.db, { name: 'Portal', department: 'PM', allowedOrigins: ['https://portal.example.com'] })).siteKey.id;
    // This period: CSAT 5, 4, 2 (CS) and 1 (PM); NPS 10, 9, 3 (CS) and 7 (PM).
    await respond(answered, cs, '2026-03-02T02:00:00.000Z', 5, 10);
    await respond(answered, cs, '2026-03-15T02:00:00.000Z', 4, 9);
    await respond(answered, cs, '2026-03-31T15:00:00.000Z', 2, 3);
    await respond(answered, pm, '2026-03-20T02:00:00.000Z', 1, 7);
    // The previous period: CSAT 3 and 5, NPS 5 and 10; one more before it, counted nowhere.
    await respond(answered, cs, '2026-01-28T16:00:00.000Z', 3, 5);
    await respond(answered, cs, '2026-02-28T15:59:00.000Z', 5, 10);
    await respond(answered, cs, '2026-01-28T15:59:00.000Z', 1, 0);
    // After the range: not this period either.
    await respond(answered, cs, '2026-03-31T16:00:00.000Z', 1, 0);

    topic.exportIds.push(await record('导出报表时点击导出按钮没有反应'));
    topic.exportIds.push(await record('点击导出报表按钮没有反应'));
    topic.exportIds.push(await record('导出报表时点击导出按钮没有任何反应', 'PM'));
    topic.merged = await record('导出报表时点击导出按钮没有反应,客户多次提及');
    topic.themeIds.push(await record('Customer asks for a dark theme in the mobile app'));
    topic.themeIds.push(await record('Please add a dark theme to the mobile app'));
    topic.other = await record('Invoices show the wrong tax rate for Hong Kong customers');
    // A merged duplicate leaves the queue but its requester still asked: 3 records, asked by 4.
    const merged = await t.app.request(`/api/v1/records/${topic.merged}/merge`, json('POST', { into: topic.exportIds[0] }, reviewer.auth));
    expect(merged.status).toBe(200);
    t.clock.now = NOW;
  });
  afterAll(async () => {
    await database?.close();
  });

  it('gives CSAT (4–5 of 5) and NPS (promoters − detractors) per survey, against the previous period of equal length', async () => {
    const panel = await get<SurveysPanel>(`/api/v1/dashboard/surveys?${RANGE}`);
    expect(panel.previousFrom).toBe('2026-01-28T16:00:00.000Z');
    expect(panel.surveys.map((s) => s.surveyId)).toEqual([answered]);
    expect(panel.surveys.map((s) => s.surveyId)).not.toContain(silent);
    const [s] = panel.surveys;
    expect(s!.current).toEqual({
      responses: 4,
      csat: { count: 4, average: 3, satisfiedPercent: 50 },
      nps: { count: 4, promoters: 2, passives: 1, detractors: 1, score: 25 },
    });
    expect(s!.previous).toEqual({
      responses: 2,
      csat: { count: 2, average: 4, satisfiedPercent: 50 },
      nps: { count: 2, promoters: 1, passives: 0, detractors: 1, score: 0 },
    });
    expect(s!.change).toEqual({ responses: 2, csatPercent: 0, npsScore: 25 });
    expect(s!.title).toEqual({ en: 'Export satisfaction' });
  });

  it('counts only responses from the departments\' site keys when a department is asked for', async () => {
    const panel = await get<SurveysPanel>(`/api/v1/dashboard/surveys?${RANGE}&department=PM`);
    expect(panel.surveys.map((s) => [s.current.responses, s.current.csat.satisfiedPercent, s.current.nps.score, s.previous.responses])).toEqual([[1, 0, 0, 0]]);
    expect(panel.surveys[0]!.change).toEqual({ responses: 1, csatPercent: null, npsScore: null });
  });

  it('groups records by similarity, biggest "asked by" first, and each topic links to exactly its records', async () => {
    const panel = await get<TopicsPanel>(`/api/v1/dashboard/topics?${RANGE}`);
    expect(panel.grouped).toBe(6);
    expect(panel.truncated).toBe(false);
    expect(panel.topics.map((x) => [x.records, x.askedBy])).toEqual([
      [3, 4],
      [2, 2],
      [1, 1],
    ]);
    expect(panel.topics[0]!.leader.id).toBe(topic.exportIds[0]);
    expect([...panel.topics[0]!.ids].sort()).toEqual([...topic.exportIds].sort());
    expect([...panel.topics[1]!.ids].sort()).toEqual([...topic.themeIds].sort());
    for (const x of panel.topics) {
      const listed = await get<{ items: { id: string }[] }>(`/api/v1/records?limit=200&ids=${x.ids.join(',')}&${RANGE}`);
      expect(listed.items.map((r) => r.id).sort()).toEqual([...x.ids].sort());
    }
    const cs = await get<TopicsPanel>(`/api/v1/dashboard/topics?${RANGE}&department=PM`);
    expect(cs.topics.map((x) => [x.records, x.askedBy, x.ids])).toEqual([[1, 1, [topic.exportIds[2]]]]);
  });

  it('is for reviewers and admins only', async () => {
    for (const panel of ['surveys', 'topics']) {
      const res = await t.app.request(`/api/v1/dashboard/${panel}?${RANGE}`, { headers: agent.auth });
      expect(res.status).toBe(403);
    }
  });
});
