import { createModel, signal } from '@preact/signals';
import * as z from 'zod/mini';
import type { ApiClient } from '../api/client';
import { isConflict, isProblem } from '../../shared/sync/request';
import { Survey } from '../../shared/schemas/survey';
import type { FieldIssue } from '../../shared/schemas/problem';
import { checkSurveyForm, emptySurveyForm, surveyFormOf, surveyIssues, surveyOf, type SurveyForm } from './survey-form';

/** What the builder opens: a stored survey, or a new one of a campaign. */
export type SurveyBuilderTarget = { id: string } | { campaignId: string; newId: string; now: Date };

/** A notice over the builder after a save. */
export type BuilderNotice = { kind: 'saved' } | { kind: 'conflict' } | { kind: 'answered' } | { kind: 'failed'; code: string } | { kind: 'invalid' };

/**
 * The survey builder's state: the form, the survey as last stored (what an edit's If-Match names),
 * the field problems and the last save's outcome. New surveys are created inactive; starting one is
 * a separate, deliberate step on the campaign page. Its times are typed in the company's `timeZone`.
 */
export const SurveyBuilder = createModel((api: ApiClient, target: SurveyBuilderTarget, timeZone: string) => {
  const form = signal<SurveyForm | null>('campaignId' in target ? emptySurveyForm(target.newId, target.campaignId, target.now, timeZone) : null);
  const stored = signal<Survey | null>(null);
  const errors = signal<Record<string, string>>({});
  const notice = signal<BuilderNotice | null>(null);
  const busy = signal(false);
  const loadError = signal<string | null>(null);

  const load = async () => {
    if (!('id' in target)) return;
    const result = await api.survey(target.id);
    if (!result.ok) {
      loadError.value = result.failure.code;
      return;
    }
    stored.value = result.value.survey;
    form.value = surveyFormOf(result.value.survey, timeZone);
  };

  const edit = (next: SurveyForm) => {
    form.value = next;
    // A field fixed stops showing its old problem; the rest stay until the next save.
    if (Object.keys(errors.peek()).length) errors.value = checkSurveyForm(next);
  };

  const save = async (): Promise<boolean> => {
    const f = form.peek();
    if (!f || busy.peek()) return false;
    const found = checkSurveyForm(f);
    errors.value = found;
    if (Object.keys(found).length) {
      notice.value = { kind: 'invalid' };
      return false;
    }
    busy.value = true;
    notice.value = null;
    const body = surveyOf(f);
    const seen = stored.peek();
    const result = seen ? await api.patchSurvey(seen, body) : await api.createSurvey(body);
    busy.value = false;
    if (result.ok) {
      stored.value = result.value.survey;
      form.value = surveyFormOf(result.value.survey, timeZone);
      notice.value = { kind: 'saved' };
      return true;
    }
    const failure = result.failure;
    if (isConflict(failure) && failure.code === 'version_conflict') {
      const current = z.safeParse(Survey, failure.current);
      if (current.success) {
        stored.value = current.data;
        form.value = surveyFormOf(current.data, timeZone);
      }
      notice.value = { kind: 'conflict' };
    } else if (isProblem(failure) && failure.code === 'conflict') notice.value = { kind: 'answered' };
    else if (isProblem(failure) && failure.errors?.length) {
      errors.value = surveyIssues(failure.errors as FieldIssue[]);
      notice.value = { kind: 'invalid' };
    } else notice.value = { kind: 'failed', code: failure.code };
    return false;
  };

  return { form, stored, errors, notice, busy, loadError, load, edit, save };
});

/** An instance of SurveyBuilder. */
export type SurveyBuilder = InstanceType<typeof SurveyBuilder>;
