import { signal, type Signal } from '../signals';
import { coachProblem, type CoachingKey } from '../../shared/domain/coaching';
import type { Category } from '../../shared/schemas/enums';
import type { FieldIssue } from '../../shared/schemas/problem';
import type { Draft, Screenshot } from './submission';
import type { Key } from './i18n';

/** Fields that can carry an error. */
export type Field = 'category' | 'scenario' | 'problem' | 'expectedSolution' | 'contact';

/** What review() concluded: fix fields first, answer the follow-up question, or send. */
export type Review = { kind: 'invalid'; first: Field } | { kind: 'coach' } | { kind: 'ready'; draft: Draft };

/** The suggestion box form as named signals with its rules; views bind to it, submit() acts on review(). */
export interface FormModel {
  category: Signal<Category | ''>;
  scenario: Signal<string>;
  problem: Signal<string>;
  expectedSolution: Signal<string>;
  contact: Signal<string>;
  contactConsent: Signal<boolean>;
  screenshot: Signal<Screenshot | undefined>;
  errors: Signal<Partial<Record<Field, Key>>>;
  /** The coaching follow-up question for a vague problem text, shown once before sending. */
  followUp: Signal<CoachingKey | null>;
  /** Start values from open() or the page; an unsent draft keeps what the person typed. */
  prefill(values: { category?: Category | undefined; scenario?: string | undefined }): void;
  /** Put a stored (rejected) submission back into the fields, with the server's field errors. */
  restore(draft: Omit<Draft, 'screenshot'>, issues?: readonly FieldIssue[]): void;
  /** Check the fields; the first time a vague problem is met, ask the follow-up question instead of sending. */
  review(): Review;
  reset(): void;
}

/** Categories in the order the box asks (DOMAIN.md §4); the zod-free list, so no zod enters the bundle. */
export { CATEGORIES } from '../../shared/schemas/codes';

const FIELDS: readonly Field[] = ['category', 'scenario', 'problem', 'expectedSolution', 'contact'];
/** The fields a draft is made of, each a signal of the model with the same name. */
const DRAFT_KEYS = [...FIELDS, 'contactConsent'] as const;

/** A fresh, empty form. */
export function createFormModel(): FormModel {
  let coached = false;
  const m: FormModel = {
    category: signal(''),
    scenario: signal(''),
    problem: signal(''),
    expectedSolution: signal(''),
    contact: signal(''),
    contactConsent: signal(false),
    screenshot: signal(undefined),
    errors: signal({}),
    followUp: signal(null),
    prefill({ category, scenario }) {
      if (category) m.category.value = category;
      if (scenario && !m.scenario.value.trim()) m.scenario.value = scenario.slice(0, 100_000);
    },
    restore(draft, issues = []) {
      for (const key of DRAFT_KEYS) (m[key] as Signal<unknown>).value = draft[key];
      const errors: Partial<Record<Field, Key>> = {};
      for (const issue of issues) {
        const field = issue.path[0] === 'contactConsent' ? 'contact' : (issue.path[0] as Field);
        if (FIELDS.includes(field)) errors[field] ??= issue.code === 'contact_requires_consent' ? 'widget.consent_required' : 'error.validation_failed';
      }
      m.errors.value = errors;
      // It passed coaching before it was stored; do not ask again.
      coached = true;
      m.followUp.value = null;
    },
    review() {
      const errors: Partial<Record<Field, Key>> = {};
      if (!m.category.value) errors.category = 'widget.category_required';
      if (!m.problem.value.trim()) errors.problem = 'coaching.empty';
      if (m.contact.value.trim() && !m.contactConsent.value) errors.contact = 'widget.consent_required';
      m.errors.value = errors;
      const first = FIELDS.find((f) => errors[f]);
      if (first) return { kind: 'invalid', first };
      // Coaching is a nudge, not a gate: asked once, then the text is sent as it is.
      if (!coached) {
        coached = true;
        const verdict = coachProblem(m.problem.value, { scenario: m.scenario.value });
        if (verdict.vague && verdict.followUpKey) {
          m.followUp.value = verdict.followUpKey;
          return { kind: 'coach' };
        }
      }
      const draft = Object.fromEntries(DRAFT_KEYS.map((key) => [key, m[key].value])) as unknown as Draft;
      return { kind: 'ready', draft: m.screenshot.value ? { ...draft, screenshot: m.screenshot.value } : draft };
    },
    reset() {
      for (const key of DRAFT_KEYS) (m[key] as Signal<unknown>).value = key === 'contactConsent' ? false : '';
      m.screenshot.value = undefined;
      m.errors.value = {};
      m.followUp.value = null;
      coached = false;
    },
  };
  return m;
}
