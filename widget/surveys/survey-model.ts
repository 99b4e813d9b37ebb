import { signal, type Signal } from '../signals';
import { maskText } from '../../shared/domain/masking';
import { pickSurvey, type SurveyHistory } from '../../shared/domain/survey-targeting';
import type { Locale } from '../../shared/schemas/common';
import type { UserTraits } from '../../shared/schemas/reporter';
import type { Answer, LocalizedText, Question, Survey, SurveyResponse } from '../../shared/schemas/survey';
import { uuidv7 } from '../box/ids';
import { META, type Store } from '../box/store';
import type { WidgetUser } from '../contract';

/*
 * Surveys on the device: the server already filtered by state, window, URL and traits; here the
 * same shared rules run again with what only this device knows (sampling seed, when it was last
 * shown or answered), and the one survey picked is shown. Answers go through the outbox.
 */

/** The survey being shown and the person's answers. */
export interface SurveyModel {
  survey: Survey;
  answers: Signal<Record<string, Answer>>;
  /** Required questions left unanswered at the last send. */
  missing: Signal<string[]>;
  done: Signal<boolean>;
  answer(questionId: string, answer: Answer | undefined): void;
  /** Queue the response; false (and `missing` set) when a required question is unanswered. */
  send(): Promise<boolean>;
}

/** Text in the widget's locale, else the other shipped language (as shared/schemas/survey's localize). */
export const localize = (text: LocalizedText, locale: Locale): string =>
  (locale === 'en' ? (text.en ?? text['zh-CN']) : (text['zh-CN'] ?? text.en)) ?? '';

const TRAITS = ['customerType', 'customerKind', 'industry', 'plan'] as const;

/** The host user's traits in the shape targeting compares. */
export const traitsOf = (user: WidgetUser | undefined): UserTraits => {
  const traits: Record<string, string> = {};
  for (const key of TRAITS) if (user?.[key]) traits[key] = String(user[key]);
  return traits as UserTraits;
};

/** What the device knows when it decides. */
export interface SurveyEnv {
  store: Store;
  locale: Locale;
  user(): WidgetUser | undefined;
  now(): number;
  pageUrl: string;
}

/**
 * Pick the survey to show now (or undefined) and record that it was shown, so the frequency cap
 * counts from this view. The sampling seed is the reporter: the host's user id, else the
 * anonymous reporter id, so a person is in or out of the sample on every visit alike.
 */
export async function chooseSurvey(surveys: readonly unknown[], env: SurveyEnv): Promise<SurveyModel | undefined> {
  const { outbox } = env.store;
  const history = { ...((await outbox.getMeta<SurveyHistory>(META.surveys)) ?? {}) };
  const user = env.user();
  const now = env.now();
  const survey = pickSurvey(surveys as Survey[], {
    url: env.pageUrl,
    traits: traitsOf(user),
    now,
    seed: user?.id ?? env.store.secretHash,
    history,
  });
  if (!survey || !Array.isArray(survey.questions)) return undefined;
  const remember = (entry: { shownAt?: number; answeredAt?: number }) =>
    outbox.setMeta(META.surveys, { ...history, [survey.id]: { ...history[survey.id], ...entry } });
  await remember({ shownAt: now });

  const m: SurveyModel = {
    survey,
    answers: signal({}),
    missing: signal([]),
    done: signal(false),
    answer(questionId, answer) {
      const next = { ...m.answers.value };
      if (answer) next[questionId] = answer;
      else delete next[questionId];
      m.answers.value = next;
      m.missing.value = m.missing.value.filter((id) => id !== questionId);
    },
    async send() {
      const answers: Record<string, Answer> = {};
      for (const [id, a] of Object.entries(m.answers.value)) {
        if (a.kind !== 'open_text') answers[id] = a;
        else if (a.text.trim()) {
          const masked = maskText(a.text.trim());
          answers[id] = { kind: 'open_text', text: masked.ok ? masked.value : a.text.trim() };
        }
      }
      m.missing.value = survey.questions.filter((q: Question) => (q.required || survey.questions.length === 1) && !answers[q.id]).map((q) => q.id);
      if (m.missing.value.length || !Object.keys(answers).length) return false;
      const at = env.now();
      const payload: SurveyResponse = {
        id: uuidv7(at),
        surveyId: survey.id,
        answers,
        reporter: env.store.credential(),
        pageUrl: env.pageUrl,
        locale: env.locale,
        answeredAt: new Date(at).toISOString(),
      };
      await outbox.put({ id: payload.id, kind: 'survey_response', payload, state: 'queued', attempts: 0, nextAttemptAt: at, createdAt: at, updatedAt: at });
      await remember({ shownAt: now, answeredAt: at });
      m.done.value = true;
      return true;
    },
  };
  return m;
}
