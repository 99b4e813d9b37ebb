import type { Survey } from '../schemas/survey';
import { isSurveyEligible, type TargetingReason } from './survey-targeting';
import { err, ok, type Result } from './result';

const REFUSALS: Partial<Record<TargetingReason, string>> = {
  inactive: 'The survey is no longer active.',
  not_started: 'The survey had not started then.',
  ended: 'The survey had ended then.',
  url_mismatch: 'The survey is not offered on this page.',
};

/**
 * Whether an answer given at `answeredAt` (epoch ms) on `pageUrl` counts: the survey and its campaign
 * active now, and the survey open on that page at answering time, so an answer kept offline in the
 * outbox still counts after the window closes. Traits are not checked (an answer carries none).
 * Refused with 'conflict' and details.reason naming the targeting rule.
 */
export function canAnswerSurvey(survey: Survey, campaignActive: boolean, answeredAt: number, pageUrl: string): Result<true> {
  const open = { ...survey, active: survey.active && campaignActive, targeting: { ...survey.targeting, traits: undefined } };
  const decision = isSurveyEligible(open, { url: pageUrl, now: answeredAt });
  if (decision.show) return ok(true);
  return err('conflict', REFUSALS[decision.reason] ?? 'The survey cannot be answered.', { details: { reason: decision.reason } });
}
