import * as z from 'zod/mini';
import { NewCampaign } from '../../shared/schemas/campaign-answer';
import { fieldIssues, type FieldIssue } from '../../shared/schemas/problem';
import type { Campaign } from '../../shared/schemas/survey';
import type { Category } from '../../shared/schemas/enums';

/** What the campaign form holds: text as typed, dates as `YYYY-MM-DD` or empty. */
export interface CampaignFormValues {
  goal: string;
  targetCustomers: string;
  categories: Category[];
  periodLabel: string;
  from: string;
  to: string;
}

/** An empty form for a new campaign. */
export const emptyCampaignForm = (): CampaignFormValues => ({
  goal: '',
  targetCustomers: '',
  categories: ['feature_request'],
  periodLabel: '',
  from: '',
  to: '',
});

/** The form showing a stored campaign. */
export const campaignFormOf = (c: Campaign): CampaignFormValues => ({
  goal: c.goal,
  targetCustomers: c.targetCustomers,
  categories: [...c.categories],
  periodLabel: c.period.label ?? '',
  from: c.period.from ?? '',
  to: c.period.to ?? '',
});

/** The campaign fields the form edits, empty inputs left out (the schema never takes empty text). */
export const campaignFields = (v: CampaignFormValues) => ({
  goal: v.goal.trim(),
  targetCustomers: v.targetCustomers.trim(),
  categories: v.categories,
  period: {
    ...(v.periodLabel.trim() ? { label: v.periodLabel.trim() } : {}),
    ...(v.from ? { from: v.from } : {}),
    ...(v.to ? { to: v.to } : {}),
  },
});

/** A form field a problem belongs to, from an issue's path in the campaign body. */
export type CampaignField = 'goal' | 'targetCustomers' | 'categories' | 'periodLabel' | 'from' | 'to' | 'period';

const FIELD_OF: Record<string, CampaignField> = { goal: 'goal', targetCustomers: 'targetCustomers', categories: 'categories', label: 'periodLabel', from: 'from', to: 'to' };

/** Map issues (from the shared schema here, or from the server's 400) to the form's fields, first issue per field. */
export const issuesByField = (issues: readonly FieldIssue[]): Partial<Record<CampaignField, string>> => {
  const out: Partial<Record<CampaignField, string>> = {};
  for (const issue of issues) {
    const [head, sub] = issue.path;
    const field = head === 'period' ? (sub === undefined ? 'period' : FIELD_OF[String(sub)]) : FIELD_OF[String(head)];
    if (field && !out[field]) out[field] = issue.code;
  }
  return out;
};

/**
 * Check the form with the same schema the server validates with, before anything is sent; the
 * failures come back per field as issue codes the page turns into words.
 */
export const checkCampaignForm = (v: CampaignFormValues): Partial<Record<CampaignField, string>> => {
  const parsed = z.safeParse(NewCampaign, campaignFields(v));
  return parsed.success ? {} : issuesByField(fieldIssues(parsed.error));
};
