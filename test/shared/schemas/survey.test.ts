import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  Campaign,
  CampaignPeriod,
  PeriodLabel,
  Survey,
  SurveyResponse,
  checkAnswers,
  localize,
  previousPeriod,
} from '../../../shared/schemas/survey';
import { survey } from './fixtures';
import { issuesOf, pathsAndCodes, wire } from './helpers';

const campaign = {
  id: '0190a6f4-0000-7000-8000-0000000000c1',
  goal: 'Improve the export flow',
  targetCustomers: 'Customers who bought product A in the last 3 months',
  categories: ['feature_request', 'product_defect'],
  period: { label: '2024 Q3', from: '2024-07-01', to: '2024-09-30' },
  active: true,
};

const response = {
  id: '0190a6f5-0000-7000-8000-000000000001',
  surveyId: survey.id,
  answers: {
    csat: { kind: 'csat', value: 4 },
    nps: { kind: 'nps', value: 0 },
    area: { kind: 'single_choice', optionId: 'export' },
    more: { kind: 'open_text', text: '导出大报表太慢' },
  },
  reporter: { kind: 'anonymous', secretHash: 'c'.repeat(64) },
  pageUrl: 'https://app.example.com/reports/monthly',
  locale: 'zh-CN',
  answeredAt: '2024-12-03T08:00:00Z',
};

describe('Campaign', () => {
  it('parses the DOMAIN.md §2 example', () => {
    expect(Campaign.parse(campaign)).toEqual(campaign);
  });
  it('takes a label alone or a range alone, not half a range or a reversed one', () => {
    expect(CampaignPeriod.safeParse({ label: '2024 Q3' }).success).toBe(true);
    expect(CampaignPeriod.safeParse({ from: '2024-07-01', to: '2024-09-30' }).success).toBe(true);
    expect(pathsAndCodes(issuesOf(CampaignPeriod, {}))).toEqual([{ path: [], code: 'period_required' }]);
    expect(pathsAndCodes(issuesOf(CampaignPeriod, { label: '2024 Q3', from: '2024-07-01' }))).toEqual([{ path: ['to'], code: 'period_required' }]);
    expect(pathsAndCodes(issuesOf(CampaignPeriod, { from: '2024-09-30', to: '2024-07-01' }))).toEqual([{ path: ['to'], code: 'date_range_order' }]);
  });
  it('needs at least one feedback type', () => {
    expect(pathsAndCodes(issuesOf(Campaign, { ...campaign, categories: [] }))).toEqual([{ path: ['categories'], code: 'too_small' }]);
  });
});

describe('period labels', () => {
  it('accepts years, halves, quarters and months', () => {
    for (const ok of ['2024', '2024 H2', '2024 Q3', '2024-07']) expect(PeriodLabel.safeParse(ok).success).toBe(true);
    for (const bad of ['2024Q3', '2024 Q5', '2024-13', 'Q3 2024', '24']) expect(PeriodLabel.safeParse(bad).success).toBe(false);
  });
  it('steps back one period of the same length', () => {
    const cases: Array<[string, string]> = [
      ['2024', '2023'],
      ['2024 Q3', '2024 Q2'],
      ['2024 Q1', '2023 Q4'],
      ['2024 H1', '2023 H2'],
      ['2024-01', '2023-12'],
      ['2024-11', '2024-10'],
    ];
    for (const [label, previous] of cases) expect(previousPeriod(label)).toEqual({ ok: true, value: previous });
  });
  it('returns an error, never throws, for what is not a label', () => {
    for (const bad of [null, 42, '2024 Q0', '0000', {}]) {
      const r = previousPeriod(bad);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('validation_failed');
    }
  });
  it('always yields a valid label of the same kind (property)', () => {
    const label = fc.oneof(
      fc.integer({ min: 1, max: 9999 }).map((y) => String(y).padStart(4, '0')),
      fc.tuple(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 4 })).map(([y, q]) => `${String(y).padStart(4, '0')} Q${q}`),
      fc.tuple(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`),
    );
    fc.assert(
      fc.property(label, (l) => {
        const r = previousPeriod(l);
        expect(r.ok && PeriodLabel.safeParse(r.value).success).toBe(true);
        if (r.ok) {
          expect(r.value.length).toBe(l.length);
          expect(r.value < l).toBe(true);
        }
      }),
    );
  });
});

describe('Survey', () => {
  it('parses the 2024 annual satisfaction survey', () => {
    expect(Survey.parse(wire(survey))).toEqual(survey);
  });
  it('needs a period for an annual satisfaction survey', () => {
    const { period: _p, ...rest } = survey;
    expect(pathsAndCodes(issuesOf(Survey, rest))).toEqual([{ path: ['period'], code: 'period_required' }]);
    expect(Survey.safeParse({ ...rest, purpose: 'campaign' }).success).toBe(true);
  });
  it('refuses duplicate question and option ids, a title in no language, and a bad sampling rate', () => {
    const dup = { ...survey, questions: [survey.questions[0], survey.questions[0]] };
    expect(pathsAndCodes(issuesOf(Survey, dup))).toEqual([{ path: ['questions'], code: 'duplicate_id' }]);
    const choice = survey.questions[2]!;
    const dupOptions = { ...survey, questions: [{ ...choice, options: [choice.kind === 'single_choice' && choice.options[0], choice.kind === 'single_choice' && choice.options[0]] }] };
    expect(pathsAndCodes(issuesOf(Survey, dupOptions))).toEqual([{ path: ['questions', 0, 'options'], code: 'duplicate_id' }]);
    const issues = issuesOf(Survey, { ...survey, title: {}, targeting: { ...survey.targeting, samplingPercent: 101 } });
    expect(pathsAndCodes(issues)).toEqual([
      { path: ['title'], code: 'locale_required' },
      { path: ['targeting', 'samplingPercent'], code: 'too_big' },
    ]);
  });
  it('refuses an unknown question kind and an active window that ends before it starts', () => {
    expect(pathsAndCodes(issuesOf(Survey, { ...survey, questions: [{ id: 'x', kind: 'matrix', prompt: { en: 'x' } }] }))).toEqual([
      { path: ['questions', 0, 'kind'], code: 'invalid_union' },
    ]);
    const reversed = { ...survey, activeWindow: { from: '2024-12-31T00:00:00Z', to: '2024-12-01T00:00:00Z' } };
    expect(pathsAndCodes(issuesOf(Survey, reversed))).toEqual([{ path: ['activeWindow', 'to'], code: 'date_range_order' }]);
  });
  it('localises with a fallback to the other language', () => {
    expect(localize({ 'zh-CN': '导出' }, 'en')).toBe('导出');
    expect(localize({ 'zh-CN': '导出', en: 'Export' }, 'en')).toBe('Export');
  });
});

describe('SurveyResponse', () => {
  it('parses answers keyed by question id and validates each by kind', () => {
    expect(SurveyResponse.parse(response)).toEqual(response);
    const bad = { ...response, answers: { csat: { kind: 'csat', value: 6 }, nps: { kind: 'nps', value: 7.5 }, 'bad id!': { kind: 'open_text', text: 'x' } } };
    expect(pathsAndCodes(issuesOf(SurveyResponse, bad))).toEqual(
      expect.arrayContaining([
        { path: ['answers', 'csat', 'value'], code: 'too_big' },
        { path: ['answers', 'nps', 'value'], code: 'invalid_type' },
      ]),
    );
  });
  it('matches answers against the survey', () => {
    const parsed = SurveyResponse.parse(response);
    expect(checkAnswers(survey, parsed.answers)).toEqual({ ok: true, value: parsed.answers });
    const wrong = SurveyResponse.parse({
      ...response,
      answers: {
        nps: { kind: 'csat', value: 3 },
        area: { kind: 'single_choice', optionId: 'price' },
        more: { kind: 'open_text', text: 'x'.repeat(501) },
        extra: { kind: 'nps', value: 1 },
      },
    }).answers;
    const r = checkAnswers(survey, wrong);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('validation_failed');
    expect(pathsAndCodes(r.error.details?.errors as never)).toEqual([
      { path: ['answers', 'nps', 'kind'], code: 'invalid_value' },
      { path: ['answers', 'area', 'optionId'], code: 'invalid_value' },
      { path: ['answers', 'more', 'text'], code: 'too_big' },
      { path: ['answers', 'extra'], code: 'unrecognized_keys' },
      { path: ['answers', 'csat'], code: 'invalid_type' },
    ]);
  });
});
