import type { Survey, SurveyTargeting } from '../schemas/survey';
import type { UserTraits } from '../schemas/reporter';
import { fnv1a32 } from './similarity';
import { globMatch } from './glob-match';

/*
 * Who sees a survey. The server filters by state, active window, URL and traits (it knows no local
 * history); the widget runs the same rules plus sampling and the frequency cap, which need the
 * device's history. Glob patterns: `*` stays within one path segment, `**` crosses segments
 * (`/**` at the end and `**` + `/` in the middle also match zero segments); a pattern is matched
 * against origin + path, plus the query only when the pattern contains `?`; the fragment never
 * counts. A pattern starting with `/` matches the path on any origin. Matching is glob-match.ts's
 * dynamic programme, never a backtracking RegExp, so no pattern can stall a server.
 */

/** The survey fields targeting reads. */
export type TargetableSurvey = Pick<Survey, 'id' | 'active' | 'targeting' | 'activeWindow'>;

/** What this device remembers about one survey, as epoch milliseconds. */
export interface SurveyHistoryEntry {
  shownAt?: number;
  answeredAt?: number;
}

/** Local history by survey id. */
export type SurveyHistory = Readonly<Record<string, SurveyHistoryEntry | undefined>>;

/** Facts the server knows about a page view. */
export interface PageContext {
  /** The page URL (`location.href`). */
  url: string;
  traits?: UserTraits | undefined;
  /** Epoch milliseconds. */
  now: number;
}

/** A page view as the widget sees it: the page plus the stable sampling seed and local history. */
export interface TargetingContext extends PageContext {
  /** Stable per reporter (e.g. the anonymous reporter id), so sampling does not change between visits. */
  seed: string;
  history?: SurveyHistory | undefined;
}

/** Why a survey is or is not shown; the first failing rule wins, in this order. */
export type TargetingReason =
  | 'eligible'
  | 'invalid_input'
  | 'inactive'
  | 'not_started'
  | 'ended'
  | 'url_mismatch'
  | 'traits_mismatch'
  | 'answered'
  | 'frequency_capped'
  | 'not_sampled';

/** The decision for one survey. */
export interface TargetingDecision {
  show: boolean;
  reason: TargetingReason;
}

const DAY_MS = 86_400_000;
const ORIGIN_ONLY = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*$/i;
const ORIGIN_PART = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i;

const decode = (s: string): string => {
  try {
    return decodeURI(s);
  } catch {
    return s;
  }
};

/** Whether the page URL matches one of the patterns; an empty list matches every page. */
export function urlMatches(patterns: readonly string[], url: string): boolean {
  if (!Array.isArray(patterns) || typeof url !== 'string') return false;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return false;
  if (patterns.length === 0) return true;
  return patterns.some((raw) => {
    if (typeof raw !== 'string' || raw === '') return false;
    let p = raw.trim();
    if (ORIGIN_ONLY.test(p)) p += '/';
    // Scheme and host compare case-insensitively, as the URL parser lowercases them.
    p = p.replace(ORIGIN_PART, (m) => m.toLowerCase());
    const path = u.pathname + (p.includes('?') ? u.search : '');
    const target = p.startsWith('/') ? path : u.origin + path;
    return globMatch(p, target) || globMatch(p, decode(target));
  });
}

const TRAIT_KEYS = ['customerType', 'customerKind', 'industry', 'plan'] as const;

/** Whether the visitor has every listed trait (any of its values); a trait the visitor lacks does not match. */
export function traitsMatch(wanted: SurveyTargeting['traits'], have: UserTraits | undefined): boolean {
  if (wanted === undefined || wanted === null) return true;
  if (typeof wanted !== 'object') return false;
  for (const key of TRAIT_KEYS) {
    const allowed: unknown = wanted[key];
    if (allowed === undefined) continue;
    const value: unknown = have && typeof have === 'object' ? have[key] : undefined;
    if (!Array.isArray(allowed) || typeof value !== 'string' || !allowed.includes(value)) return false;
  }
  return true;
}

/** The visitor's sampling bucket 0–99 for a survey: the same for the same (survey id, seed) everywhere. */
export function samplingBucket(surveyId: string, seed: string): number {
  return fnv1a32(`${surveyId}\u0000${seed}`) % 100;
}

const instant = (v: unknown): number => (typeof v === 'string' ? Date.parse(v) : NaN);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** The rules the server can apply: active flag, active window (`to` exclusive), URL patterns and traits. */
export function isSurveyEligible(survey: TargetableSurvey, page: PageContext): TargetingDecision {
  const no = (reason: TargetingReason): TargetingDecision => ({ show: false, reason });
  if (!isRecord(survey) || !isRecord(survey.targeting) || !isRecord(survey.activeWindow)) return no('invalid_input');
  if (!isRecord(page) || typeof page.now !== 'number' || !Number.isFinite(page.now)) return no('invalid_input');
  const from = instant(survey.activeWindow.from);
  const to = survey.activeWindow.to === undefined ? Infinity : instant(survey.activeWindow.to);
  if (Number.isNaN(from) || Number.isNaN(to)) return no('invalid_input');
  if (survey.active !== true) return no('inactive');
  if (page.now < from) return no('not_started');
  if (page.now >= to) return no('ended');
  if (!urlMatches(survey.targeting.urlPatterns, page.url)) return no('url_mismatch');
  if (!traitsMatch(survey.targeting.traits, page.traits)) return no('traits_mismatch');
  return { show: true, reason: 'eligible' };
}

/**
 * Whether the widget shows this survey now: the server's rules, then never again once answered on
 * this device, at most once per `frequencyCapDays` after it was shown (dismissed), and only to the
 * sampled share of reporters (bucket < samplingPercent, so 0 shows nobody and 100 everybody).
 */
export function shouldShowSurvey(survey: TargetableSurvey, context: TargetingContext): TargetingDecision {
  const base = isSurveyEligible(survey, context);
  if (!base.show) return base;
  if (typeof context.seed !== 'string' || typeof survey.id !== 'string') return { show: false, reason: 'invalid_input' };
  const seen: unknown = isRecord(context.history) ? context.history[survey.id] : undefined;
  const entry = isRecord(seen) ? seen : {};
  if (typeof entry.answeredAt === 'number' && Number.isFinite(entry.answeredAt)) return { show: false, reason: 'answered' };
  const cap = survey.targeting.frequencyCapDays;
  const shownAt = entry.shownAt;
  // A clock set back (shownAt in the future) keeps the cap on rather than showing again at once.
  if (typeof shownAt === 'number' && Number.isFinite(shownAt) && context.now - shownAt < (typeof cap === 'number' ? cap : 0) * DAY_MS) {
    return { show: false, reason: 'frequency_capped' };
  }
  const percent = survey.targeting.samplingPercent;
  if (typeof percent !== 'number' || !(samplingBucket(survey.id, context.seed) < percent)) return { show: false, reason: 'not_sampled' };
  return base;
}

/** The survey to show now: the first in list order (the server lists by active-window start) that `shouldShowSurvey` admits. */
export function pickSurvey<T extends TargetableSurvey>(surveys: readonly T[], context: TargetingContext): T | undefined {
  if (!Array.isArray(surveys)) return undefined;
  return surveys.find((s) => shouldShowSurvey(s, context).show);
}
