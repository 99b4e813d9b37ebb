import type { ItemError } from '../../../shared/schemas/sync';
import { CATEGORIES, type Field, type FormModel } from '../form-model';
import type { T } from '../i18n';

/** Props of the form: the model to bind to and the actions it triggers. */
export interface FeedbackFormProps {
  form: FormModel;
  t: T;
  busy: boolean;
  pending: number;
  rejected: ItemError | undefined;
  shot: 'idle' | 'taking' | 'failed';
  onSubmit(): Promise<void>;
  onScreenshot(): void;
}

/** The suggestion box form (DOMAIN.md §3): category, scenario, problem, expected solution, contact, screenshot. */
export function FeedbackForm({ form, t, busy, pending, rejected, shot, onSubmit, onScreenshot }: FeedbackFormProps) {
  const errors = form.errors.value;
  const followUp = form.followUp.value;
  // Ids are scoped to the shadow root, so short fixed ids cannot clash with the page.
  const err = (f: Field) => errors[f] && <p id={`e-${f}`} class="err">{t(errors[f]!)}</p>;
  /** Invalid state and descriptions (hint, error, follow-up question) of a field. */
  const a11y = (f: Field, hint?: string) => ({
    'aria-invalid': errors[f] ? ('true' as const) : undefined,
    'aria-describedby': [hint, errors[f] && `e-${f}`, f === 'problem' && followUp && 'coach'].filter(Boolean).join(' ') || undefined,
  });
  const text = (f: 'scenario' | 'expectedSolution' | 'contact' | 'problem', hint?: string) => ({
    id: f,
    maxLength: f === 'contact' ? 200 : 100_000,
    value: form[f].value,
    onInput: (e: Event) => (form[f].value = (e.currentTarget as HTMLInputElement).value),
    ...a11y(f, hint),
  });
  const submit = async (e: Event) => {
    e.preventDefault();
    const el = e.currentTarget as HTMLFormElement;
    await onSubmit();
    // Take the person to what needs them: the first marked field, or the follow-up question.
    (el.querySelector<HTMLElement>('fieldset[aria-invalid] input,[aria-invalid]:not(fieldset)') ?? (form.followUp.value ? el.querySelector<HTMLElement>('#problem') : null))?.focus();
  };
  const required = <span class="req">{t('ui.required')}</span>;
  return (
    <form class="f" noValidate onSubmit={submit}>
      {rejected && (
        <p class="bad" role="alert" tabIndex={-1} data-focus>
          {t('ui.rejected', { reason: t.error(rejected.code) })} {t('widget.fix_and_resend')}
        </p>
      )}
      <fieldset role="radiogroup" aria-required="true" {...a11y('category')}>
        <legend>
          {t('widget.category')} {required}
        </legend>
        {CATEGORIES.map((c, i) => (
          <label class="o" key={c}>
            <input
              type="radio"
              name="category"
              checked={form.category.value === c}
              autoFocus={form.category.value ? form.category.value === c : i === 0}
              onChange={() => (form.category.value = c)}
            />
            {t(`enum.category.${c}`)}
          </label>
        ))}
        {err('category')}
      </fieldset>
      <label for="scenario">{t('widget.scenario')}</label>
      <p id="h-scenario" class="hint">
        {t('widget.scenario_hint')}
      </p>
      <input type="text" {...text('scenario', 'h-scenario')} />
      <label for="problem">
        {t('widget.problem')} {required}
      </label>
      <textarea rows={4} required placeholder={t('ui.feedback_placeholder')} {...text('problem')} />
      {err('problem')}
      {followUp && (
        <p id="coach" class="coach">
          {t(followUp)} {t('widget.send_anyway')}
        </p>
      )}
      <label for="expectedSolution">{t('widget.expected')}</label>
      <textarea rows={2} {...text('expectedSolution')} />
      <label for="contact">{t('widget.contact')}</label>
      <p id="h-contact" class="hint">
        {t('widget.contact_hint')}
      </p>
      <input type="text" {...text('contact', 'h-contact')} />
      <label class="c">
        <input type="checkbox" checked={form.contactConsent.value} onChange={(e) => (form.contactConsent.value = e.currentTarget.checked)} />
        {t('ui.contact_consent')}
      </label>
      {err('contact')}
      <div class="shot">
        {form.screenshot.value ? (
          <>
            {t('widget.screenshot_attached')}
            <button type="button" class="btn" data-focus onClick={() => (form.screenshot.value = undefined)}>
              {t('widget.screenshot_remove')}
            </button>
          </>
        ) : (
          <button type="button" class="btn" data-focus aria-busy={shot === 'taking'} onClick={onScreenshot}>
            {t(shot === 'taking' ? 'widget.screenshot_taking' : 'widget.screenshot')}
          </button>
        )}
        {shot === 'failed' && <p class="err">{t('widget.screenshot_failed')}</p>}
      </div>
      <div class="ft">
        <span class="hint">{pending > 0 && t('ui.pending_count', { count: pending })}</span>
        <button type="submit" class="btn pri" part="submit" aria-disabled={busy}>
          {t('ui.submit')}
        </button>
      </div>
      <p class="sr" role="status">
        {Object.keys(errors).length ? t('error.validation_failed') : followUp ? t(followUp) : busy && t('ui.sending')}
      </p>
    </form>
  );
}
