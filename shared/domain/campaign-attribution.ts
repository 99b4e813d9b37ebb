import type { Survey } from '../schemas/survey';
import { isSurveyEligible, type PageContext } from './survey-targeting';

/**
 * The campaign a suggestion-box record belongs to (DOMAIN.md §2: records submitted while a
 * campaign's survey is active there carry the campaign): the one the submission names, else the
 * campaign of the first survey that is active on that page for that person (state, window, URL
 * patterns, traits; sampling and the frequency cap do not matter, the campaign is collecting there
 * either way). Campaign surveys win over annual satisfaction surveys, which ask everyone and
 * say nothing of a campaign's scope. `surveys` are in the order the server offers them.
 */
export function campaignOfSubmission(named: string | undefined, surveys: readonly Survey[], page: PageContext): string | undefined {
  if (named) return named;
  const eligible = surveys.filter((s) => isSurveyEligible(s, page).show);
  return (eligible.find((s) => s.purpose === 'campaign') ?? eligible[0])?.campaignId;
}
