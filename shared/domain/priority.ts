import type { CustomerType, InitialPriority, Priority } from '../schemas/enums';
import type { PriorityReason, SuggestedPriority } from '../schemas/suggested-priority';
import { err, ok, type Result } from './result';

/** The four assessment dimensions (客户价值, 业务价值, 实施成本, 风险等级), DOMAIN.md §6. */
export const ASSESSMENT_DIMENSIONS = ['customerValue', 'businessValue', 'cost', 'risk'] as const;
/** One assessment dimension. */
export type AssessmentDimension = (typeof ASSESSMENT_DIMENSIONS)[number];

/** An assessment meeting's ratings, each an integer 1–5 (cost 5 = most expensive, risk 5 = riskiest). */
export type Assessment = Record<AssessmentDimension, number>;

/** A suggested priority together with the score it came from. */
export interface PrioritySuggestion {
  score: number;
  priority: Priority;
}

/** Lowest rating of one dimension. */
export const SCORE_MIN = 1;
/** Highest rating of one dimension. */
export const SCORE_MAX = 5;

/** Lowest possible score (every dimension at its worst). */
const SCORE_FLOOR = 6;

/** The score bands, highest first: a score of at least `min` suggests `level` (i18n 'priority.formula'). */
export const PRIORITY_BANDS: ReadonlyArray<{ level: Priority; min: number }> = [
  { level: 'P0', min: 25 },
  { level: 'P1', min: 20 },
  { level: 'P2', min: 14 },
  { level: 'P3', min: SCORE_FLOOR },
];

const bandOf = (score: number): number => {
  const i = PRIORITY_BANDS.findIndex((b) => score >= b.min);
  return i === -1 ? PRIORITY_BANDS.length - 1 : i;
};

/**
 * Maps a score (6..30) to P0–P3.
 *
 * The agreed formula (i18n 'priority.formula'):
 *   score = 2 × customerValue + 2 × businessValue + (6 − cost) + (6 − risk), range 6..30
 *   P0 if score ≥ 25; P1 if 20..24; P2 if 14..19; P3 if < 14.
 * Value counts double because the meeting ranks by what the customer and the business gain;
 * cost and risk are inverted so that every dimension pushes the score the same way (higher = sooner).
 */
export function priorityForScore(score: number): Priority {
  return (PRIORITY_BANDS[bandOf(score)] as { level: Priority }).level;
}

/** Checks the four ratings: 'invalid_score' (path = the dimension) unless each is an integer 1–5. */
function parseAssessment(assessment: unknown): Result<Assessment> {
  const input = (typeof assessment === 'object' && assessment !== null ? assessment : {}) as Record<string, unknown>;
  for (const dimension of ASSESSMENT_DIMENSIONS) {
    const value = input[dimension];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < SCORE_MIN || value > SCORE_MAX) {
      return err('invalid_score', `${dimension} must be an integer from ${SCORE_MIN} to ${SCORE_MAX}`, {
        path: [dimension],
        details: { min: SCORE_MIN, max: SCORE_MAX },
      });
    }
  }
  return ok(input as Assessment);
}

/**
 * The suggested P0–P3 with its score and rationale: each dimension's points, then the band the
 * score fell in, as codes and values a client renders in either language (i18n 'priority.reason.*').
 */
export function explainPriority(assessment: unknown): Result<SuggestedPriority> {
  const parsed = parseAssessment(assessment);
  if (!parsed.ok) return parsed;
  const { customerValue, businessValue, cost, risk } = parsed.value;
  const reasons: PriorityReason[] = [
    { code: 'customer_value', rating: customerValue, points: 2 * customerValue },
    { code: 'business_value', rating: businessValue, points: 2 * businessValue },
    { code: 'cost', rating: cost, points: SCORE_MAX + 1 - cost },
    { code: 'risk', rating: risk, points: SCORE_MAX + 1 - risk },
  ];
  const score = reasons.reduce((sum, r) => sum + ('points' in r ? r.points : 0), 0);
  const i = bandOf(score);
  const band = PRIORITY_BANDS[i] as { level: Priority; min: number };
  const above = PRIORITY_BANDS[i - 1];
  reasons.push(
    above
      ? { code: 'band', score, level: band.level, min: band.min, max: above.min - 1 }
      : { code: 'top_band', score, level: band.level, min: band.min },
  );
  return ok({ level: band.level, score, rationale: reasons });
}

/** Suggests P0–P3 from an assessment; 'invalid_score' (path = the dimension) unless each rating is an integer 1–5. */
export function suggestPriority(assessment: unknown): Result<PrioritySuggestion> {
  const explained = explainPriority(assessment);
  return explained.ok ? ok({ score: explained.value.score, priority: explained.value.level }) : explained;
}

/** What the recorder knows when tagging a new record; every fact is optional. */
export interface InitialPriorityFacts {
  /** Many customers hit it, or it keeps coming back (高频问题). */
  highFrequency?: boolean;
  /** A core function is affected, e.g. "payment failure loses orders". */
  coreFunction?: boolean;
  /** The customer's type; a high-value customer (高价值客户) raises the tag. */
  customerType?: CustomerType | null;
  /** It improves the experience rather than unblocking anyone, e.g. "bulk export". */
  experienceImprovement?: boolean;
  /** Who it concerns: everyone, a subset of users, or only a few people. */
  scope?: 'all' | 'subset' | 'few' | null;
  /** A personal preference, e.g. "custom theme colour". */
  personalPreference?: boolean;
}

/**
 * Suggests the recorder's initial tag from DOMAIN.md §4 guidance.
 * The strongest signal wins so that a record is never tagged below what one of its facts calls for;
 * with no signal at all the neutral middle (medium) is suggested rather than guessing it is small.
 */
export function initialPriorityHint(facts?: InitialPriorityFacts | null): InitialPriority {
  const f: InitialPriorityFacts = typeof facts === 'object' && facts !== null ? facts : {};
  if (f.highFrequency === true || f.coreFunction === true || f.customerType === 'high_value') return 'high';
  if (f.experienceImprovement === true || f.scope === 'subset' || f.scope === 'all') return 'medium';
  if (f.personalPreference === true || f.scope === 'few') return 'low';
  return 'medium';
}

/** When work should start once a priority is decided; i18n 'priority.<P>' describes each. */
export const PRIORITY_START_WITHIN = {
  P0: 'now',
  P1: 'within_1_month',
  P2: 'within_quarter',
  P3: 'long_term',
} as const satisfies Record<Priority, string>;
/** A start-by guidance code. */
export type PriorityStartWithin = (typeof PRIORITY_START_WITHIN)[Priority];

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

const isLeap = (year: number): boolean => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (isLeap(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;

const pad = (n: number, width: number): string => String(n).padStart(width, '0');
const formatDate = (y: number, m: number, d: number): string => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;

/**
 * Latest start date (YYYY-MM-DD) for a priority decided on `decisionDate` (YYYY-MM-DD, company calendar):
 * P0 the same day, P1 one calendar month later (clamped to the month's end), P2 the end of the current
 * quarter, P3 null (long-term plan, no date).
 */
export function startByDate(priority: Priority, decisionDate: string): Result<string | null> {
  if (typeof priority !== 'string' || !Object.hasOwn(PRIORITY_START_WITHIN, priority)) {
    return err('validation_failed', 'priority must be one of P0, P1, P2, P3', { path: ['priority'] });
  }
  const match = typeof decisionDate === 'string' ? DATE_RE.exec(decisionDate) : null;
  const y = Number(match?.[1]);
  const m = Number(match?.[2]);
  const d = Number(match?.[3]);
  if (!match || y < 1 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) {
    return err('invalid_date', 'decisionDate must be a real calendar date YYYY-MM-DD', { path: ['decisionDate'] });
  }
  switch (priority) {
    case 'P0':
      return ok(formatDate(y, m, d));
    case 'P1': {
      const ny = m === 12 ? y + 1 : y;
      const nm = m === 12 ? 1 : m + 1;
      if (ny > 9999) return err('invalid_date', 'start-by date is past year 9999', { path: ['decisionDate'] });
      return ok(formatDate(ny, nm, Math.min(d, daysInMonth(ny, nm))));
    }
    case 'P2': {
      const qm = Math.ceil(m / 3) * 3;
      return ok(formatDate(y, qm, daysInMonth(y, qm)));
    }
    default:
      return ok(null);
  }
}
