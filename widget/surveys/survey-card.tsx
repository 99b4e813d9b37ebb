import type { Locale } from '../../shared/schemas/common';
import type { Answer, Question } from '../../shared/schemas/survey';
import type { extend } from '../box/extend';
import type * as words from './messages';
import { localize, type SurveyModel } from './survey-model';

/** The card's translator: its own words, then the box's. */
export type SurveyT = ReturnType<typeof extend<typeof words.en>>;

/** Props of the survey card. */
export interface SurveyCardProps {
  model: SurveyModel;
  t: SurveyT;
  locale: Locale;
  onClose(): void;
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** Props of one question. */
interface QuestionProps {
  q: Question;
  value: Answer | undefined;
  missing: boolean;
  t: SurveyT;
  locale: Locale;
  onAnswer(answer: Answer | undefined): void;
}

/** One question as a labelled group: a scale, choices, or a text box. */
function QuestionField({ q, value, missing, t, locale, onAnswer }: QuestionProps) {
  const prompt = localize(q.prompt, locale);
  const err = missing && (
    <p id={`m-${q.id}`} class="err">
      {t('widget.answer_required')}
    </p>
  );
  const required = q.required && <span class="req"> {t('ui.required')}</span>;
  if (q.kind === 'open_text') {
    return (
      <>
        <label for={`q-${q.id}`}>
          {prompt}
          {required}
        </label>
        <textarea
          id={`q-${q.id}`}
          rows={3}
          maxLength={q.maxLength ?? 10_000}
          aria-invalid={missing ? 'true' : undefined}
          aria-describedby={missing ? `m-${q.id}` : undefined}
          value={value?.kind === 'open_text' ? value.text : ''}
          onInput={(e) => onAnswer({ kind: 'open_text', text: e.currentTarget.value })}
        />
        {err}
      </>
    );
  }
  const options: { key: string; label: string; answer: Answer }[] =
    q.kind === 'single_choice'
      ? q.options.map((o) => ({ key: o.id, label: localize(o.label, locale), answer: { kind: 'single_choice', optionId: o.id } }))
      : range(q.kind === 'nps' ? 0 : 1, q.kind === 'nps' ? 10 : 5).map((n) => ({ key: String(n), label: String(n), answer: { kind: q.kind, value: n } as Answer }));
  const chosen = (a: Answer) => JSON.stringify(a) === JSON.stringify(value);
  const ends = q.kind === 'csat' ? (['widget.csat_low', 'widget.csat_high'] as const) : q.kind === 'nps' ? (['widget.nps_low', 'widget.nps_high'] as const) : undefined;
  return (
    <fieldset role="radiogroup" aria-invalid={missing ? 'true' : undefined} aria-describedby={missing ? `m-${q.id}` : undefined}>
      <legend>
        {prompt}
        {required}
      </legend>
      <div class={ends ? 'scale' : 'shot'}>
        {options.map((o) => (
          <label class="o" key={o.key}>
            <input type="radio" name={`q-${q.id}`} checked={chosen(o.answer)} onChange={() => onAnswer(o.answer)} />
            {o.label}
          </label>
        ))}
      </div>
      {ends && (
        <div class="ends" aria-hidden="true">
          <span>{t(ends[0])}</span>
          <span>{t(ends[1])}</span>
        </div>
      )}
      {err}
    </fieldset>
  );
}

/** A short survey beside the launcher (CSAT, NPS, single choice, open text). */
export function SurveyCard({ model, t, locale, onClose }: SurveyCardProps) {
  const { survey } = model;
  const answers = model.answers.value;
  const missing = model.missing.value;
  const submit = async (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    if (!(await model.send())) form.querySelector<HTMLElement>('[aria-invalid="true"] input, textarea[aria-invalid="true"]')?.focus();
  };
  return (
    <section class="card" part="card" aria-labelledby="s-title">
      <div class="h">
        <h2 id="s-title">{localize(survey.title, locale) || t('widget.survey')}</h2>
        <button type="button" class="x" aria-label={t('ui.close')} onClick={onClose}>
          <span aria-hidden="true">×</span>
        </button>
      </div>
      {model.done.value ? (
        <p role="status">{t('widget.survey_thanks')}</p>
      ) : (
        <form class="f" noValidate onSubmit={submit}>
          {survey.questions.map((q) => (
            <QuestionField key={q.id} q={q} value={answers[q.id]} missing={missing.includes(q.id)} t={t} locale={locale} onAnswer={(a) => model.answer(q.id, a)} />
          ))}
          <button type="submit" class="btn pri">
            {t('widget.survey_send')}
          </button>
        </form>
      )}
    </section>
  );
}
