import type { Survey } from '../schemas/survey';
import { err, ok, type Result } from './result';

/** One field an edit may not change once a survey has answers. */
export interface SurveyEditIssue {
  path: (string | number)[];
  code: 'invalid_value';
  message: string;
}

/**
 * Whether a survey may become `after` (DOMAIN.md §10): once it has responses every answered question
 * keeps its id and kind, and a choice question its options (prompts may change, questions and options
 * may be added), so stored answers keep their meaning in the results. Refused with 'conflict',
 * details.reason 'survey_has_responses' and details.errors listing each field.
 */
export function checkSurveyEdit(before: Survey, after: Survey, hasResponses: boolean): Result<Survey> {
  if (!hasResponses) return ok(after);
  const issues: SurveyEditIssue[] = [];
  for (const q of before.questions) {
    const now = after.questions.find((n) => n.id === q.id);
    const at = now ? after.questions.indexOf(now) : -1;
    if (!now) issues.push({ path: ['questions'], code: 'invalid_value', message: `Question ${q.id} has answers and cannot be removed.` });
    else if (now.kind !== q.kind) issues.push({ path: ['questions', at, 'kind'], code: 'invalid_value', message: `Question ${q.id} has answers; its kind stays ${q.kind}.` });
    else if (q.kind === 'single_choice' && now.kind === 'single_choice') {
      for (const o of q.options) {
        if (!now.options.some((n) => n.id === o.id)) {
          issues.push({ path: ['questions', at, 'options'], code: 'invalid_value', message: `Option ${o.id} of ${q.id} has answers and cannot be removed.` });
        }
      }
    }
  }
  return issues.length === 0
    ? ok(after)
    : err('conflict', 'The survey has responses; answered questions and options must stay.', {
        details: { reason: 'survey_has_responses', errors: issues },
      });
}
