import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Survey } from '../../../shared/schemas/survey';
import { samplingBucket } from '../../../shared/domain/survey-targeting';
import { openStore, META, type Store } from '../../../widget/box/store';
import { chooseSurvey, localize, traitsOf, type SurveyEnv } from '../../../widget/surveys/survey-model';
import { fakeApi, testSettings } from '../support/fake-api';

/*
 * Survey targeting as the widget uses it: the shared rules plus this device's history (frequency
 * cap, answered once) and a stable sampling seed; answers go through the outbox, masked.
 */

const T0 = Date.UTC(2025, 8, 30, 9, 0, 0);
const DAY = 86_400_000;
const stores: Store[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  vi.unstubAllGlobals();
});

const survey = (over: Partial<Survey> = {}): Survey => ({
  id: '01927b3e-7c1a-7000-8000-00000000c5a7',
  campaignId: '01927b3e-7c1a-7000-8000-00000000ca39',
  purpose: 'campaign',
  title: { 'zh-CN': '结算体验调查', en: 'Checkout survey' },
  questions: [
    { id: 'nps', kind: 'nps', prompt: { 'zh-CN': '推荐?' }, required: true },
    { id: 'why', kind: 'open_text', prompt: { en: 'Why?' } },
  ],
  targeting: { urlPatterns: ['/checkout/**'], samplingPercent: 100, frequencyCapDays: 30, traits: { customerType: ['high_value'] } },
  activeWindow: { from: '2025-09-01T00:00:00.000Z' },
  active: true,
  ...over,
});

async function env(now: () => number = () => T0, user = { id: 'u-1', customerType: 'high_value' as const }): Promise<SurveyEnv> {
  fakeApi(() => ({ status: 201, body: { status: 'accepted' } }));
  const store = await openStore(testSettings(), () => user, now);
  stores.push(store);
  await store.engine.flush();
  store.engine.stop();
  return { store, locale: 'zh-CN', user: () => user, now, pageUrl: 'https://shop.example.com/checkout/pay' };
}

describe('survey targeting in the widget', () => {
  it('shows a matching survey once per frequency cap and records when it was shown', async () => {
    let now = T0;
    const e = await env(() => now);
    const first = await chooseSurvey([survey()], e);
    expect(first?.survey.id).toBe(survey().id);
    expect(await e.store.outbox.getMeta(META.surveys)).toEqual({ [survey().id]: { shownAt: T0 } });
    now = T0 + 29 * DAY;
    expect(await chooseSurvey([survey()], e)).toBeUndefined();
    now = T0 + 31 * DAY;
    expect((await chooseSurvey([survey()], e))?.survey.id).toBe(survey().id);
  });

  it('skips surveys for other pages, other traits, outside sampling, or malformed', async () => {
    const e = await env();
    expect(await chooseSurvey([survey({ targeting: { ...survey().targeting, urlPatterns: ['/reports/**'] } })], e)).toBeUndefined();
    expect(await chooseSurvey([survey({ targeting: { ...survey().targeting, traits: { customerType: ['new'] } } })], e)).toBeUndefined();
    // The seed is the host's user id: the same person is in or out of the sample on every visit.
    const bucket = samplingBucket(survey().id, 'u-1');
    expect(await chooseSurvey([survey({ targeting: { ...survey().targeting, samplingPercent: bucket } })], e)).toBeUndefined();
    expect((await chooseSurvey([survey({ targeting: { ...survey().targeting, samplingPercent: bucket + 1 } })], e))?.survey.id).toBe(survey().id);
    expect(await chooseSurvey([{ id: 'x' }, null, 'nonsense'], e)).toBeUndefined();
  });

  it('requires the required answers, masks open text, and queues the response in the outbox', async () => {
    const e = await env();
    const model = (await chooseSurvey([survey()], e))!;
    model.answer('why', { kind: 'open_text', text: '付款很顺利,联系我 13812345678' });
    expect(await model.send()).toBe(false);
    expect(model.missing.value).toEqual(['nps']);
    model.answer('nps', { kind: 'nps', value: 9 });
    expect(model.missing.value).toEqual([]);
    expect(await model.send()).toBe(true);
    expect(model.done.value).toBe(true);
    const [entry] = await e.store.outbox.list({ kind: 'survey_response' });
    expect(entry).toMatchObject({
      state: 'queued',
      payload: {
        surveyId: survey().id,
        answers: { nps: { kind: 'nps', value: 9 }, why: { kind: 'open_text', text: '付款很顺利,联系我 138****5678' } },
        reporter: { kind: 'anonymous', secretHash: e.store.secretHash },
        pageUrl: 'https://shop.example.com/checkout/pay',
        locale: 'zh-CN',
        answeredAt: new Date(T0).toISOString(),
      },
    });
    expect(await e.store.outbox.getMeta(META.surveys)).toEqual({ [survey().id]: { shownAt: T0, answeredAt: T0 } });
    // Answered on this device: never again, whatever the cap.
    expect(await chooseSurvey([survey()], e)).toBeUndefined();
  });

  it('reads texts in the widget’s language with the other as fallback, and host traits as targeting traits', () => {
    expect(localize({ 'zh-CN': '中文', en: 'English' }, 'en')).toBe('English');
    expect(localize({ en: 'English only' }, 'zh-CN')).toBe('English only');
    expect(traitsOf({ id: 'u', name: 'Ann', customerType: 'existing', plan: 'pro' })).toEqual({ customerType: 'existing', plan: 'pro' });
  });
});
