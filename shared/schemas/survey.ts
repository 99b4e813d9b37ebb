import * as z from 'zod/mini';
import { Category, CustomerKind, CustomerType } from './enums';
import { HttpUrl, Id, IsoDateTime, LIMITS, LocalDate, Locale, LongText, ShortText, SiteKey, requiredText } from './common';
import { ReporterCredential } from './reporter';
import { maxKeys, rule, uniqueIds } from './refinements';
import { err, ok, type Result } from '../domain/result';
import type { FieldIssue } from './problem';

/**
 * A period label people compare results by (DOMAIN.md §2, §10): a year `2024`, a half `2024 H1`,
 * a quarter `2024 Q3` or a month `2024-07`.
 */
export const PeriodLabel = z.string().check(z.regex(/^\d{4}(?: (?:Q[1-4]|H[12])|-(?:0[1-9]|1[0-2]))?$/));
export type PeriodLabel = z.infer<typeof PeriodLabel>;

/** The period of the same length just before `label` (`2024 Q1` → `2023 Q4`), for period-over-period views. */
export const previousPeriod = (label: unknown): Result<PeriodLabel> => {
  if (typeof label !== 'string' || !PeriodLabel.safeParse(label).success) {
    return err('validation_failed', 'Not a period label (YYYY, YYYY Qn, YYYY Hn, YYYY-MM)');
  }
  const year = Number(label.slice(0, 4));
  const part = label.slice(4);
  const y = (n: number) => String(n).padStart(4, '0');
  if (part === '') return year === 0 ? err('validation_failed', 'No period before year 0000') : ok(y(year - 1));
  const kind = part[1] === 'Q' || part[1] === 'H' ? part[1] : 'M';
  const n = Number(kind === 'M' ? part.slice(1) : part.slice(2));
  if (n > 1) return ok(kind === 'M' ? `${y(year)}-${String(n - 1).padStart(2, '0')}` : `${y(year)} ${kind}${n - 1}`);
  if (year === 0) return err('validation_failed', 'No period before year 0000');
  const last = kind === 'Q' ? 4 : kind === 'H' ? 2 : 12;
  return ok(kind === 'M' ? `${y(year - 1)}-12` : `${y(year - 1)} ${kind}${last}`);
};

/** Campaign period: a label, a date range, or both; at least one. */
export const CampaignPeriod = z
  .object({ label: z.optional(PeriodLabel), from: z.optional(LocalDate), to: z.optional(LocalDate) })
  .check(
    rule('period_required', [], (v) => v.label !== undefined || (v.from !== undefined && v.to !== undefined)),
    rule('period_required', ['to'], (v) => (v.from === undefined) === (v.to === undefined)),
    rule('date_range_order', ['to'], (v) => typeof v.from !== 'string' || typeof v.to !== 'string' || v.from <= v.to),
  );
export type CampaignPeriod = z.infer<typeof CampaignPeriod>;

/** A collection effort (DOMAIN.md §2): goal, target customers, feedback types wanted, period. */
export const Campaign = z.object({
  id: Id,
  /** e.g. "improve the export flow". */
  goal: LongText,
  /** e.g. "customers who bought product A in the last 3 months". */
  targetCustomers: LongText,
  categories: z.array(Category).check(z.minLength(1), z.maxLength(4)),
  period: CampaignPeriod,
  active: z.boolean(),
});
export type Campaign = z.infer<typeof Campaign>;

/** Text in the shipped UI languages; at least one must be given, the widget falls back to it. */
export const LocalizedText = z
  .object({ 'zh-CN': z.optional(requiredText(LIMITS.line)), en: z.optional(requiredText(LIMITS.line)) })
  .check(rule('locale_required', [], (v) => v['zh-CN'] !== undefined || v.en !== undefined));
export type LocalizedText = z.infer<typeof LocalizedText>;

/** Pick the text for `locale`, else the other shipped language. */
export const localize = (text: LocalizedText, locale: Locale): string =>
  (locale === 'en' ? (text.en ?? text['zh-CN']) : (text['zh-CN'] ?? text.en)) ?? '';

/** Stable id of a question or option, e.g. `q1`, `export_speed`. */
export const QuestionId = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/));
export type QuestionId = z.infer<typeof QuestionId>;

const questionBase = { id: QuestionId, prompt: LocalizedText, required: z.optional(z.boolean()) };

/** Customer satisfaction 1 (very dissatisfied) to 5 (very satisfied). */
export const CsatQuestion = z.object({ ...questionBase, kind: z.literal('csat') });
/** Net promoter score 0–10. */
export const NpsQuestion = z.object({ ...questionBase, kind: z.literal('nps') });
/** One answer among 2–20 options. */
export const SingleChoiceQuestion = z.object({
  ...questionBase,
  kind: z.literal('single_choice'),
  options: z
    .array(z.object({ id: QuestionId, label: LocalizedText }))
    .check(z.minLength(2), z.maxLength(20), uniqueIds()),
});
/** Free text, optionally shorter than the default bound. */
export const OpenTextQuestion = z.object({
  ...questionBase,
  kind: z.literal('open_text'),
  maxLength: z.optional(z.int().check(z.gte(1), z.lte(LIMITS.text))),
});

/** A survey question, by kind (QuestionKind). */
export const Question = z.discriminatedUnion('kind', [CsatQuestion, NpsQuestion, SingleChoiceQuestion, OpenTextQuestion]);
export type Question = z.infer<typeof Question>;

/** Who is shown a survey and how often. */
export const SurveyTargeting = z.object({
  /** Globs over the page URL (`https://app.example.com/reports/*`); empty means every page. */
  urlPatterns: z.array(requiredText(500)).check(z.maxLength(50)),
  /** Each listed trait must match (any of its values); absent means anyone. */
  traits: z.optional(
    z.object({
      customerType: z.optional(z.array(CustomerType).check(z.minLength(1))),
      customerKind: z.optional(z.array(CustomerKind).check(z.minLength(1))),
      industry: z.optional(z.array(ShortText).check(z.minLength(1), z.maxLength(50))),
      plan: z.optional(z.array(requiredText(50)).check(z.minLength(1), z.maxLength(50))),
    }),
  ),
  /** Share of eligible visitors who see it, 0–100. */
  samplingPercent: z.number().check(z.gte(0), z.lte(100)),
  /** Show again to the same reporter at most once per this many days. */
  frequencyCapDays: z.int().check(z.gte(1), z.lte(3_650)),
});
export type SurveyTargeting = z.infer<typeof SurveyTargeting>;

/** A campaign's questionnaire, or a periodic satisfaction survey (`purpose: annual_satisfaction`, needs `period`). */
export const Survey = z
  .object({
    id: Id,
    campaignId: Id,
    purpose: z.enum(['campaign', 'annual_satisfaction']),
    /** The period results are compared by (required for annual_satisfaction). */
    period: z.optional(PeriodLabel),
    title: LocalizedText,
    questions: z.array(Question).check(z.minLength(1), z.maxLength(20), uniqueIds()),
    targeting: SurveyTargeting,
    activeWindow: z.object({ from: IsoDateTime, to: z.optional(IsoDateTime) }),
    active: z.boolean(),
  })
  .check(
    rule('period_required', ['period'], (v) => v.purpose !== 'annual_satisfaction' || v.period !== undefined),
    rule('date_range_order', ['activeWindow', 'to'], (v) => {
      const w = v.activeWindow as { from?: unknown; to?: unknown } | undefined;
      return typeof w?.from !== 'string' || typeof w.to !== 'string' || Date.parse(w.from) <= Date.parse(w.to);
    }),
  );
export type Survey = z.infer<typeof Survey>;

/** One answer; its kind must match the question's (checked by checkAnswers). */
export const Answer = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('csat'), value: z.int().check(z.gte(1), z.lte(5)) }),
  z.object({ kind: z.literal('nps'), value: z.int().check(z.gte(0), z.lte(10)) }),
  z.object({ kind: z.literal('single_choice'), optionId: QuestionId }),
  z.object({ kind: z.literal('open_text'), text: LongText }),
]);
export type Answer = z.infer<typeof Answer>;

/** A server-issued reporter id: random id, dot, its HMAC (server/auth/reporter-id.ts). */
export const ReporterId = z.string().check(z.regex(/^[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/));

/** What the widget sends when someone answers a survey. */
export const SurveyResponse = z.object({
  /** Client-made UUID (v7), the idempotency key. */
  id: Id,
  surveyId: Id,
  siteKey: z.optional(SiteKey),
  answers: z.record(QuestionId, Answer).check(maxKeys(20)),
  reporter: ReporterCredential,
  /**
   * The id the server issued this device (`POST /public/reporter-ids`); required for an anonymous
   * reporter, whose own secret anyone can mint: the survey counts one response per issued id.
   */
  reporterId: z.optional(ReporterId),
  pageUrl: HttpUrl,
  locale: Locale,
  answeredAt: IsoDateTime,
});
export type SurveyResponse = z.infer<typeof SurveyResponse>;

/** `POST /api/v1/public/reporter-ids`: a new server-issued reporter id for this device. */
export const ReporterIdIssued = z.object({ reporterId: ReporterId });
export type ReporterIdIssued = z.infer<typeof ReporterIdIssued>;

/**
 * Check parsed answers against their survey: every answer names a question of the same kind,
 * options exist, text fits, required questions are answered. On failure the error lists every
 * issue in `details.errors` (paths relative to the response, e.g. ['answers', 'q2']).
 */
export const checkAnswers = (survey: Survey, answers: SurveyResponse['answers']): Result<SurveyResponse['answers']> => {
  const issues: FieldIssue[] = [];
  const byId = new Map(survey.questions.map((q) => [q.id, q]));
  for (const [id, answer] of Object.entries(answers)) {
    const q = byId.get(id);
    const path = ['answers', id];
    if (!q) issues.push({ path, code: 'unrecognized_keys', message: `No question ${id}` });
    else if (q.kind !== answer.kind) issues.push({ path: [...path, 'kind'], code: 'invalid_value', message: `Expected ${q.kind}` });
    else if (q.kind === 'single_choice' && answer.kind === 'single_choice' && !q.options.some((o) => o.id === answer.optionId))
      issues.push({ path: [...path, 'optionId'], code: 'invalid_value', message: `No option ${answer.optionId}` });
    else if (q.kind === 'open_text' && answer.kind === 'open_text' && q.maxLength !== undefined && answer.text.length > q.maxLength)
      issues.push({ path: [...path, 'text'], code: 'too_big', message: `Too big: at most ${q.maxLength}`, limit: q.maxLength });
  }
  for (const q of survey.questions) {
    if (q.required && !Object.hasOwn(answers, q.id))
      issues.push({ path: ['answers', q.id], code: 'invalid_type', message: 'Required question not answered' });
  }
  const first = issues[0];
  return first === undefined
    ? ok(answers)
    : err('validation_failed', first.message, { path: first.path, details: { errors: issues } });
};
