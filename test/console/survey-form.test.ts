import { describe, expect, it } from 'vitest';
import { emptySurveyForm, surveyFormOf, surveyOf } from '../../console/models/survey-form';

const ID = '01939a4e-0000-7000-8000-000000000001';
const CAMPAIGN = '01939a4e-0000-7000-8000-000000000002';

describe("a survey's active window in the builder", () => {
  it("is typed as the company's wall clock and stored as that instant, whatever the browser's zone", () => {
    const form = emptySurveyForm(ID, CAMPAIGN, new Date('2025-09-30T10:00:00Z'), 'Asia/Shanghai');
    expect(form.from).toBe('2025-09-30T18:00');
    const survey = surveyOf({ ...form, to: '2025-10-31T23:59' });
    expect(survey.activeWindow).toEqual({ from: '2025-09-30T10:00:00.000Z', to: '2025-10-31T15:59:00.000Z' });
    // Opened again by someone whose company is in Berlin, the same instants read as Berlin times.
    const berlin = surveyFormOf(survey, 'Europe/Berlin');
    expect([berlin.from, berlin.to]).toEqual(['2025-09-30T12:00', '2025-10-31T16:59']);
  });
});
