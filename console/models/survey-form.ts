import * as z from 'zod/mini';
import { NewSurvey } from '../../shared/schemas/survey-answer';
import { fieldIssues, type FieldIssue } from '../../shared/schemas/problem';
import type { LocalizedText, Question, Survey, SurveyTargeting } from '../../shared/schemas/survey';
import type { CustomerKind, CustomerType } from '../../shared/schemas/enums';
import { instantOfLocalTime, localTimeOf } from '../../shared/domain/zoned-time';

/** A question as the builder edits it: both languages' text as typed. */
export interface QuestionForm {
  id: string;
  kind: Question['kind'];
  promptZh: string;
  promptEn: string;
  required: boolean;
  options: { id: string; zh: string; en: string }[];
}

/** The survey builder's fields, text as typed; `surveyOf` turns them into a Survey. */
export interface SurveyForm {
  id: string;
  campaignId: string;
  active: boolean;
  purpose: Survey['purpose'];
  period: string;
  titleZh: string;
  titleEn: string;
  questions: QuestionForm[];
  /** One URL glob a line. */
  urls: string;
  customerTypes: CustomerType[];
  customerKinds: CustomerKind[];
  /** Comma-separated. */
  plans: string;
  industries: string;
  sampling: string;
  frequencyDays: string;
  /** `datetime-local` values in `timeZone`. */
  from: string;
  to: string;
  /** The company's zone, which `from` and `to` are wall-clock times of (not the browser's). */
  timeZone: string;
}

/** `YYYY-MM-DDTHH:mm` of an instant in `timeZone` (what a datetime-local input shows). */
export const localInput = (iso: string, timeZone: string): string => {
  const local = localTimeOf(new Date(iso), timeZone);
  return local.ok ? local.value : '';
};

/** The next free id with `prefix` among `ids` (`q1`, `q2`, …). */
export const nextId = (prefix: string, ids: readonly string[]): string => {
  let n = ids.length + 1;
  while (ids.includes(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
};

/** A new question of a kind; choice questions start with two empty options. */
export const newQuestion = (kind: Question['kind'], ids: readonly string[]): QuestionForm => ({
  id: nextId('q', ids),
  kind,
  promptZh: '',
  promptEn: '',
  required: kind === 'nps' || kind === 'csat',
  options: kind === 'single_choice' ? [{ id: 'o1', zh: '', en: '' }, { id: 'o2', zh: '', en: '' }] : [],
});

/** A new survey of a campaign: one NPS question, every page, everyone, shown from now. */
export const emptySurveyForm = (id: string, campaignId: string, now: Date, timeZone: string): SurveyForm => ({
  id,
  campaignId,
  active: false,
  purpose: 'campaign',
  period: '',
  titleZh: '',
  titleEn: '',
  questions: [newQuestion('nps', [])],
  urls: '',
  customerTypes: [],
  customerKinds: [],
  plans: '',
  industries: '',
  sampling: '100',
  frequencyDays: '30',
  from: localInput(now.toISOString(), timeZone),
  to: '',
  timeZone,
});

const text = (zh: string, en: string): LocalizedText => ({ ...(zh.trim() ? { 'zh-CN': zh.trim() } : {}), ...(en.trim() ? { en: en.trim() } : {}) });
const list = (value: string, split: RegExp) => value.split(split).map((v) => v.trim()).filter(Boolean);
// Left as typed when it is no time: the schema then names the field.
const instant = (local: string, timeZone: string): string => {
  const at = instantOfLocalTime(local, timeZone);
  return at.ok ? at.value.toISOString() : local;
};

/** The form of a stored survey. */
export const surveyFormOf = (s: Survey, timeZone: string): SurveyForm => ({
  id: s.id,
  campaignId: s.campaignId,
  active: s.active,
  purpose: s.purpose,
  period: s.period ?? '',
  titleZh: s.title['zh-CN'] ?? '',
  titleEn: s.title.en ?? '',
  questions: s.questions.map((q) => ({
    id: q.id,
    kind: q.kind,
    promptZh: q.prompt['zh-CN'] ?? '',
    promptEn: q.prompt.en ?? '',
    required: q.required ?? false,
    options: q.kind === 'single_choice' ? q.options.map((o) => ({ id: o.id, zh: o.label['zh-CN'] ?? '', en: o.label.en ?? '' })) : [],
  })),
  urls: s.targeting.urlPatterns.join('\n'),
  customerTypes: s.targeting.traits?.customerType ?? [],
  customerKinds: s.targeting.traits?.customerKind ?? [],
  plans: (s.targeting.traits?.plan ?? []).join(', '),
  industries: (s.targeting.traits?.industry ?? []).join(', '),
  sampling: String(s.targeting.samplingPercent),
  frequencyDays: String(s.targeting.frequencyCapDays),
  from: localInput(s.activeWindow.from, timeZone),
  to: s.activeWindow.to ? localInput(s.activeWindow.to, timeZone) : '',
  timeZone,
});

/** The survey the form describes (not yet checked). */
export const surveyOf = (f: SurveyForm): Survey => {
  const traits: NonNullable<SurveyTargeting['traits']> = {
    ...(f.customerTypes.length ? { customerType: f.customerTypes } : {}),
    ...(f.customerKinds.length ? { customerKind: f.customerKinds } : {}),
    ...(list(f.plans, /[,,]/).length ? { plan: list(f.plans, /[,,]/) } : {}),
    ...(list(f.industries, /[,,]/).length ? { industry: list(f.industries, /[,,]/) } : {}),
  };
  const questions = f.questions.map((q): Question => {
    const base = { id: q.id, prompt: text(q.promptZh, q.promptEn), ...(q.required ? { required: true } : {}) };
    return q.kind === 'single_choice' ? { ...base, kind: q.kind, options: q.options.map((o) => ({ id: o.id, label: text(o.zh, o.en) })) } : { ...base, kind: q.kind };
  });
  return {
    id: f.id,
    campaignId: f.campaignId,
    purpose: f.purpose,
    ...(f.purpose === 'annual_satisfaction' && f.period.trim() ? { period: f.period.trim() } : {}),
    title: text(f.titleZh, f.titleEn),
    questions,
    targeting: {
      urlPatterns: list(f.urls, /\n/),
      ...(Object.keys(traits).length ? { traits } : {}),
      samplingPercent: Number(f.sampling),
      frequencyCapDays: Number(f.frequencyDays),
    },
    activeWindow: { from: instant(f.from, f.timeZone), ...(f.to ? { to: instant(f.to, f.timeZone) } : {}) },
    active: f.active,
  };
};

/** Issues of the survey the form describes, by the path joined with dots (`questions.0.prompt`), first per path. */
export const surveyIssues = (issues: readonly FieldIssue[]): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.join('.');
    out[key] ??= issue.code;
  }
  return out;
};

/** Check the form with the schema the server validates with; empty when it may be sent. */
export const checkSurveyForm = (f: SurveyForm): Record<string, string> => {
  const parsed = z.safeParse(NewSurvey, surveyOf(f));
  return parsed.success ? {} : surveyIssues(fieldIssues(parsed.error));
};
