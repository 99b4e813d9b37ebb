import { describe, expect, it } from 'vitest';
import { checkSurveyEdit } from '../../../shared/domain/survey-edit';
import { canAnswerSurvey } from '../../../shared/domain/survey-answer';
import { compareResults, summarizeResults } from '../../../shared/domain/survey-results';
import type { Survey } from '../../../shared/schemas/survey';
import { survey } from '../schemas/fixtures';

const PAGE = 'https://app.example.com/reports/monthly';
const IN_WINDOW = Date.parse('2024-12-10T08:00:00Z');

describe('checkSurveyEdit', () => {
  const [csat, nps, area, more] = survey.questions as [Survey['questions'][number], Survey['questions'][number], Extract<Survey['questions'][number], { kind: 'single_choice' }>, Survey['questions'][number]];

  it('allows anything before the first response, and new prompts, questions and options after', () => {
    expect(checkSurveyEdit(survey, { ...survey, questions: [csat] }, false)).toEqual({ ok: true, value: { ...survey, questions: [csat] } });
    const grown: Survey = {
      ...survey,
      questions: [{ ...csat, prompt: { en: 'Overall, how satisfied are you?' } }, nps, { ...area, options: [...area.options, { id: 'price', label: { en: 'Price' } }] }, more],
    };
    expect(checkSurveyEdit(survey, grown, true).ok).toBe(true);
  });

  it('once answered, keeps every question, its kind and a choice’s options, naming each field', () => {
    const changed: Survey = { ...survey, questions: [{ ...nps, kind: 'csat' } as Survey['questions'][number], { ...area, options: [area.options[0]!] }, more] };
    const r = checkSurveyEdit(survey, changed, true);
    expect(r).toMatchObject({ ok: false, error: { code: 'conflict', details: { reason: 'survey_has_responses' } } });
    if (r.ok) return;
    expect((r.error.details?.errors as Array<{ path: unknown[] }>).map((e) => e.path)).toEqual([
      ['questions'],
      ['questions', 0, 'kind'],
      ['questions', 1, 'options'],
    ]);
  });
});

describe('canAnswerSurvey', () => {
  it('counts an answer given inside the window on a targeted page, whatever the visitor’s traits', () => {
    expect(canAnswerSurvey(survey, true, IN_WINDOW, PAGE)).toEqual({ ok: true, value: true });
  });

  it.each([
    ['inactive', { ...survey, active: false }, true, IN_WINDOW, PAGE],
    ['inactive', survey, false, IN_WINDOW, PAGE],
    ['not_started', survey, true, Date.parse('2024-11-30T23:59:59Z'), PAGE],
    ['ended', survey, true, Date.parse('2024-12-31T23:59:59Z'), PAGE],
    ['url_mismatch', survey, true, IN_WINDOW, 'https://app.example.com/billing'],
  ] as const)('refuses %s with conflict', (reason, s, campaignActive, at, url) => {
    expect(canAnswerSurvey(s, campaignActive, at, url)).toMatchObject({ ok: false, error: { code: 'conflict', details: { reason } } });
  });
});

describe('compareResults', () => {
  const counts = (csatScores: Record<string, number>, npsScores: Record<string, number>) => [
    ...Object.entries(csatScores).map(([answer, count]) => ({ questionId: 'csat', kind: 'csat' as const, answer, count })),
    ...Object.entries(npsScores).map(([answer, count]) => ({ questionId: 'nps', kind: 'nps' as const, answer, count })),
  ];
  const now = summarizeResults({ ...survey, period: '2025' }, counts({ 5: 3, 4: 1 }, { 10: 3, 6: 1 }), 4);
  const before = summarizeResults(survey, counts({ 3: 2, 2: 1 }, { 9: 1, 5: 2 }), 3);

  it('compares an annual survey with the previous period: count, CSAT average and NPS change', () => {
    expect(now.csat).toEqual({ count: 4, average: 4.75, satisfiedPercent: 100 });
    expect(now.nps.score).toBe(50);
    expect(compareResults(now, '2024', before).comparison).toEqual({
      previousPeriod: '2024',
      previous: { surveyId: survey.id, period: '2024', responseCount: 3, csatAverage: 2.67, npsScore: -33.3 },
      change: { responseCount: 1, csatAverage: 2.08, npsScore: 83.3 },
    });
  });

  it('has no comparison for other surveys and no previous figures without a previous survey', () => {
    expect(compareResults(now, null, null).comparison).toBeNull();
    expect(compareResults(now, '2024', null).comparison).toEqual({ previousPeriod: '2024', previous: null, change: null });
  });
});
