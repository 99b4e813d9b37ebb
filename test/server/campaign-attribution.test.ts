import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_STORES } from './support/databases';
import { json, staff, testApp } from './support/app';
import { submissionInput } from './support/fixtures';
import type { Database } from '../../server/db/open';
import { createSiteKey } from '../../server/store/site-keys';

const ORIGIN = 'https://app.example.com';

/*
 * DOMAIN.md §2 and issue 13: a suggestion-box record sent on a page where a campaign's survey is
 * active carries that campaign, so the queue can filter by it; elsewhere, or once the campaign is
 * stopped, it carries none.
 */
describe.each(TEST_STORES)('records carry the campaign surveying their page on $name', (store) => {
  let database: Database;
  let t: ReturnType<typeof testApp>;
  let key: string;
  let reviewer: Awaited<ReturnType<typeof staff>>;
  let campaignId: string;
  const secret = 'reporter-secret-0123456789abcdef';

  beforeAll(async () => {
    database = await store.open();
    t = testApp(database, { now: new Date('2025-09-30T10:00:00Z') });
    key = (await createSiteKey(database.db, { name: 'App', department: 'WEB', allowedOrigins: [ORIGIN], ratePerMinute: 1000 })).siteKey.key;
    reviewer = await staff(database, 'reviewer', 'PM');
    const campaign = await t.app.request(
      '/api/v1/campaigns',
      json('POST', { goal: 'Improve the export flow', targetCustomers: 'Report users', categories: ['feature_request'], period: { label: '2025 Q3' } }, reviewer.auth),
    );
    campaignId = ((await campaign.json()) as { campaign: { id: string } }).campaign.id;
    const survey = await t.app.request(
      '/api/v1/surveys',
      json(
        'POST',
        {
          campaignId,
          purpose: 'campaign',
          title: { en: 'Exports' },
          questions: [{ id: 'q1', kind: 'nps', prompt: { en: 'Recommend us?' } }],
          targeting: { urlPatterns: [`${ORIGIN}/reports`, `${ORIGIN}/reports/**`], samplingPercent: 10, frequencyCapDays: 30 },
          activeWindow: { from: '2025-09-01T00:00:00Z' },
        },
        reviewer.auth,
      ),
    );
    const surveyId = ((await survey.json()) as { survey: { id: string } }).survey.id;
    expect((await t.app.request(`/api/v1/surveys/${surveyId}/activate`, { method: 'POST', headers: reviewer.auth })).status).toBe(200);
  });
  afterAll(() => database.close());

  const send = async (url: string, batch = false) => {
    const body = submissionInput(secret, { page: { url, title: 'Reports', userAgent: 'Mozilla/5.0', screen: { w: 1280, h: 800 } } });
    const res = await t.app.request(`/api/v1/public/submissions${batch ? '/batch' : ''}`, json('POST', batch ? { items: [body] } : body, { origin: ORIGIN, 'x-echobox-site-key': key }));
    expect(res.status).toBeLessThan(300);
    const got = await t.app.request(`/api/v1/records/${body.id}`, { headers: reviewer.auth });
    return ((await got.json()) as { record: { campaignId?: string } }).record.campaignId;
  };
  const listed = async () => {
    const res = await t.app.request(`/api/v1/records?campaignId=${campaignId}`, { headers: reviewer.auth });
    return ((await res.json()) as { items: unknown[] }).items.length;
  };

  it('gives a record sent on a surveyed page the campaign (sampling aside), single and batched, and the list filters by it', async () => {
    expect(await send(`${ORIGIN}/reports/monthly`)).toBe(campaignId);
    expect(await send(`${ORIGIN}/reports`, true)).toBe(campaignId);
    expect(await send(`${ORIGIN}/settings`)).toBeUndefined();
    expect(await listed()).toBe(2);
  });

  it('gives none once the campaign is stopped', async () => {
    expect((await t.app.request(`/api/v1/campaigns/${campaignId}/deactivate`, { method: 'POST', headers: reviewer.auth })).status).toBe(200);
    expect(await send(`${ORIGIN}/reports/monthly`)).toBeUndefined();
    expect(await listed()).toBe(2);
  });
});
