import { useEffect, useMemo } from 'preact/hooks';
import * as z from 'zod/mini';
import { CUSTOMER_KINDS, CUSTOMER_TYPES } from '../../shared/schemas/enums';
import { NewSurvey } from '../../shared/schemas/survey-answer';
import type { Locale } from '../../shared/i18n/locale';
import type { Question } from '../../shared/schemas/survey';
import type { SurveyBuilder } from '../models/survey-builder';
import { newQuestion, nextId, surveyOf, type QuestionForm, type SurveyForm } from '../models/survey-form';
import { errorText, type T } from '../i18n';
import { enumLabel } from './labels';
import { ConsoleLink } from './campaign-parts';
import { SurveyPreview } from './survey-preview';
import { ZoneNote } from './record-parts';
import './campaign.css';

const KINDS: readonly Question['kind'][] = ['csat', 'nps', 'single_choice', 'open_text'];

/** Props of SurveyBuilderPage. */
export interface SurveyBuilderPageProps {
  t: T;
  locale: Locale;
  theme: 'light' | 'dark';
  builder: SurveyBuilder;
  onNavigate(path: string): void;
}

/** The words for an issue code of a survey field. */
const issueText = (t: T, code: string): string =>
  code === 'too_big'
    ? t('campaign.field.tooLong')
    : code === 'date_range_order'
      ? t('campaign.field.dateOrder')
      : code === 'period_required' || code === 'invalid_format'
        ? t('campaign.field.periodLabel')
        : code === 'locale_required' || code === 'too_small' || code === 'invalid_type'
          ? t('campaign.field.required')
          : t('campaign.field.invalid');

/**
 * The survey builder: title, questions of the four kinds (CSAT, NPS, single choice, open text),
 * targeting (URL patterns, identified traits, sampling, frequency cap, window) and, beside it, the
 * widget's own rendering of the draft. Checked with the shared schema before it is sent.
 */
export function SurveyBuilderPage({ t, locale, theme, builder, onNavigate }: SurveyBuilderPageProps) {
  useEffect(() => void builder.load(), [builder]);
  const form = builder.form.value;
  const errors = builder.errors.value;
  const draft = useMemo(() => {
    if (!form) return null;
    const parsed = z.safeParse(NewSurvey, surveyOf(form));
    return parsed.success ? surveyOf(form) : null;
  }, [form]);
  if (!form) {
    return (
      <main id="main" class="page page-wide" aria-busy={builder.loadError.value ? undefined : 'true'}>
        {builder.loadError.value && <p class="banner banner-error">{errorText(t, builder.loadError.value)}</p>}
      </main>
    );
  }
  const set = <K extends keyof SurveyForm>(key: K, value: SurveyForm[K]) => builder.edit({ ...form, [key]: value });
  const setQuestion = (i: number, q: QuestionForm) => set('questions', form.questions.map((x, j) => (j === i ? q : x)));
  const move = (i: number, by: number) => {
    const next = [...form.questions];
    const [q] = next.splice(i, 1);
    if (q) next.splice(i + by, 0, q);
    set('questions', next);
  };
  const problem = (key: string) => {
    const code = errors[key];
    return code ? { id: `err-${key.replace(/\./g, '-')}`, text: issueText(t, code) } : null;
  };
  const invalid = (...keys: string[]) => {
    const p = keys.map(problem).find(Boolean);
    return p ? { 'aria-invalid': 'true' as const, 'aria-describedby': p.id } : ({} as { 'aria-invalid'?: 'true'; 'aria-describedby'?: string });
  };
  const message = (...keys: string[]) => {
    const p = keys.map(problem).find(Boolean);
    return p ? (
      <span id={p.id} class="field-error">
        {p.text}
      </span>
    ) : null;
  };
  const notice = builder.notice.value;
  const stored = builder.stored.value;
  return (
    <main id="main" class="page page-wide" aria-labelledby="builder-title">
      <ConsoleLink href={`/campaigns/${form.campaignId}`} onNavigate={onNavigate} class="back-link">
        ← {t('campaign.results.back')}
      </ConsoleLink>
      <div class="page-head">
        <h1 id="builder-title">{t(stored ? 'campaign.builder.editTitle' : 'campaign.builder.newTitle')}</h1>
        {stored && (
          <ConsoleLink href={`/surveys/${stored.id}/results`} onNavigate={onNavigate} class="button">
            {t('campaign.survey.results')}
          </ConsoleLink>
        )}
      </div>
      {notice && (
        <p class={`banner banner-${notice.kind === 'saved' ? 'ok' : 'error'}`} role={notice.kind === 'saved' ? 'status' : 'alert'}>
          {notice.kind === 'saved'
            ? t('campaign.builder.saved')
            : notice.kind === 'conflict'
              ? t('campaign.form.conflict')
              : notice.kind === 'answered'
                ? t('campaign.builder.answeredKept')
                : notice.kind === 'invalid'
                  ? t('campaign.form.invalid')
                  : errorText(t, notice.code)}
        </p>
      )}
      <div class="builder">
        <form
          class="builder-main"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            const isNew = !stored;
            // A new survey goes back to its campaign, where it is started deliberately.
            void builder.save().then((saved) => saved && isNew && onNavigate(`/campaigns/${form.campaignId}`));
          }}
        >
          <section class="card" aria-labelledby="basics-title">
            <h2 id="basics-title">{t('campaign.builder.basics')}</h2>
            <div class="form-grid form-grid-2">
              <div class="field">
                <label for="s-title-zh">{t('campaign.builder.titleZh')}</label>
                <input id="s-title-zh" lang="zh-CN" value={form.titleZh} onInput={(e) => set('titleZh', e.currentTarget.value)} {...invalid('title')} />
                {message('title')}
              </div>
              <div class="field">
                <label for="s-title-en">{t('campaign.builder.titleEn')}</label>
                <input id="s-title-en" lang="en" value={form.titleEn} onInput={(e) => set('titleEn', e.currentTarget.value)} {...invalid('title')} />
              </div>
              <div class="field">
                <label for="s-purpose">{t('campaign.builder.purpose')}</label>
                <select id="s-purpose" value={form.purpose} onChange={(e) => set('purpose', e.currentTarget.value as SurveyForm['purpose'])}>
                  <option value="campaign">{t('campaign.builder.purpose.campaign')}</option>
                  <option value="annual_satisfaction">{t('campaign.builder.purpose.annual_satisfaction')}</option>
                </select>
              </div>
              {form.purpose === 'annual_satisfaction' && (
                <div class="field">
                  <label for="s-period">{t('campaign.builder.period')}</label>
                  <input id="s-period" value={form.period} placeholder="2026" onInput={(e) => set('period', e.currentTarget.value)} {...invalid('period')} />
                  <span class="hint">{t('campaign.builder.periodHint')}</span>
                  {message('period')}
                </div>
              )}
            </div>
          </section>

          <section class="card" aria-labelledby="questions-title">
            <h2 id="questions-title">{t('campaign.builder.questions')}</h2>
            {form.questions.map((q, i) => (
              <QuestionEditor
                key={q.id}
                t={t}
                q={q}
                index={i}
                count={form.questions.length}
                invalid={invalid}
                message={message}
                onChange={(next) => setQuestion(i, next)}
                onMove={(by) => move(i, by)}
                onRemove={() => set('questions', form.questions.filter((_, j) => j !== i))}
              />
            ))}
            <div class="add-row" role="group" aria-label={t('campaign.builder.addQuestion')}>
              {KINDS.map((kind) => (
                <button
                  key={kind}
                  type="button"
                  class="button button-small"
                  disabled={form.questions.length >= 20}
                  onClick={() => set('questions', [...form.questions, newQuestion(kind, form.questions.map((x) => x.id))])}
                >
                  + {t(`campaign.builder.kind.${kind}`)}
                </button>
              ))}
            </div>
            {message('questions')}
          </section>

          <section class="card" aria-labelledby="targeting-title">
            <h2 id="targeting-title">{t('campaign.builder.targeting')}</h2>
            <div class="stack">
              <div class="field">
                <label for="s-urls">{t('campaign.builder.urls')}</label>
                <textarea id="s-urls" rows={3} class="mono" value={form.urls} onInput={(e) => set('urls', e.currentTarget.value)} {...invalid(...form.urls.split('\n').map((_, k) => `targeting.urlPatterns.${k}`), 'targeting.urlPatterns')} />
                <span class="hint">{t('campaign.builder.urlsHint')}</span>
                {message(...form.urls.split('\n').map((_, k) => `targeting.urlPatterns.${k}`), 'targeting.urlPatterns')}
              </div>
              <fieldset class="choice-group">
                <legend>{t('campaign.builder.traits')}</legend>
                <span class="hint">{t('campaign.builder.traitsHint')}</span>
                <div class="choices" role="group" aria-label={t('campaign.builder.customerType')}>
                  {CUSTOMER_TYPES.map((code) => (
                    <label key={code} class="choice">
                      <input
                        type="checkbox"
                        checked={form.customerTypes.includes(code)}
                        onChange={(e) => set('customerTypes', e.currentTarget.checked ? [...form.customerTypes, code] : form.customerTypes.filter((c) => c !== code))}
                      />
                      {enumLabel(t, 'customerType', code)}
                    </label>
                  ))}
                </div>
                <div class="choices" role="group" aria-label={t('campaign.builder.customerKind')}>
                  {CUSTOMER_KINDS.map((code) => (
                    <label key={code} class="choice">
                      <input
                        type="checkbox"
                        checked={form.customerKinds.includes(code)}
                        onChange={(e) => set('customerKinds', e.currentTarget.checked ? [...form.customerKinds, code] : form.customerKinds.filter((c) => c !== code))}
                      />
                      {enumLabel(t, 'customerKind', code)}
                    </label>
                  ))}
                </div>
                <div class="form-grid form-grid-2">
                  <div class="field">
                    <label for="s-plans">{t('campaign.builder.plan')}</label>
                    <input id="s-plans" value={form.plans} placeholder="pro, enterprise" onInput={(e) => set('plans', e.currentTarget.value)} />
                  </div>
                  <div class="field">
                    <label for="s-industries">{t('campaign.builder.industry')}</label>
                    <input id="s-industries" value={form.industries} onInput={(e) => set('industries', e.currentTarget.value)} />
                  </div>
                </div>
              </fieldset>
              <div class="form-grid form-grid-2">
                <div class="field">
                  <label for="s-sampling">{t('campaign.builder.sampling')}</label>
                  <input id="s-sampling" type="number" min={0} max={100} step={1} value={form.sampling} onInput={(e) => set('sampling', e.currentTarget.value)} {...invalid('targeting.samplingPercent')} />
                  {message('targeting.samplingPercent')}
                </div>
                <div class="field">
                  <label for="s-frequency">{t('campaign.builder.frequency')}</label>
                  <input id="s-frequency" type="number" min={1} max={3650} step={1} value={form.frequencyDays} onInput={(e) => set('frequencyDays', e.currentTarget.value)} {...invalid('targeting.frequencyCapDays')} />
                  {message('targeting.frequencyCapDays')}
                </div>
                <div class="field">
                  <label for="s-from">{t('campaign.builder.windowFrom')}</label>
                  <input id="s-from" type="datetime-local" value={form.from} onInput={(e) => set('from', e.currentTarget.value)} {...invalid('activeWindow.from')} />
                  {message('activeWindow.from')}
                  <ZoneNote t={t} locale={locale} timeZone={form.timeZone} />
                </div>
                <div class="field">
                  <label for="s-to">{t('campaign.builder.windowTo')}</label>
                  <input id="s-to" type="datetime-local" value={form.to} onInput={(e) => set('to', e.currentTarget.value)} {...invalid('activeWindow.to')} />
                  {message('activeWindow.to')}
                </div>
              </div>
            </div>
          </section>
          <div class="form-actions">
            <button type="submit" class="button button-primary" disabled={builder.busy.value}>
              {builder.busy.value ? t('campaign.form.saving') : t('campaign.builder.save')}
            </button>
            <ConsoleLink href={`/campaigns/${form.campaignId}`} onNavigate={onNavigate} class="button button-quiet">
              {t('campaign.form.cancel')}
            </ConsoleLink>
          </div>
        </form>
        <SurveyPreview t={t} survey={draft} theme={theme} initialLocale={locale} />
      </div>
    </main>
  );
}

/** Props of QuestionEditor. */
interface QuestionEditorProps {
  t: T;
  q: QuestionForm;
  index: number;
  count: number;
  invalid(...keys: string[]): { 'aria-invalid'?: 'true'; 'aria-describedby'?: string };
  message(...keys: string[]): preact.JSX.Element | null;
  onChange(q: QuestionForm): void;
  onMove(by: number): void;
  onRemove(): void;
}

/** One question: its kind, prompt in both languages, whether an answer is required, and a choice's options. */
function QuestionEditor({ t, q, index, count, invalid, message, onChange, onMove, onRemove }: QuestionEditorProps) {
  const n = index + 1;
  const at = `questions.${index}`;
  const id = (name: string) => `q${index}-${name}`;
  return (
    <div class="question" role="group" aria-labelledby={id('title')}>
      <div class="question-head">
        <h3 id={id('title')}>
          {t('campaign.builder.question', { n })} · {t(`campaign.builder.kind.${q.kind}`)}
        </h3>
        <div class="question-tools">
          <button type="button" class="button button-quiet button-small" disabled={index === 0} aria-label={t('campaign.builder.moveUp', { n })} onClick={() => onMove(-1)}>
            ↑
          </button>
          <button type="button" class="button button-quiet button-small" disabled={index === count - 1} aria-label={t('campaign.builder.moveDown', { n })} onClick={() => onMove(1)}>
            ↓
          </button>
          <button type="button" class="button button-quiet button-small button-danger" disabled={count === 1} aria-label={t('campaign.builder.remove', { n })} onClick={onRemove}>
            ✕
          </button>
        </div>
      </div>
      <div class="form-grid form-grid-2">
        <div class="field">
          <label for={id('zh')}>{t('campaign.builder.promptZh')}</label>
          <input id={id('zh')} lang="zh-CN" value={q.promptZh} onInput={(e) => onChange({ ...q, promptZh: e.currentTarget.value })} {...invalid(`${at}.prompt`)} />
          {message(`${at}.prompt`)}
        </div>
        <div class="field">
          <label for={id('en')}>{t('campaign.builder.promptEn')}</label>
          <input id={id('en')} lang="en" value={q.promptEn} onInput={(e) => onChange({ ...q, promptEn: e.currentTarget.value })} {...invalid(`${at}.prompt`)} />
        </div>
      </div>
      <label class="check-row">
        <input type="checkbox" checked={q.required} onChange={(e) => onChange({ ...q, required: e.currentTarget.checked })} />
        {t('campaign.builder.required')}
      </label>
      {q.kind === 'single_choice' && (
        <fieldset class="choice-group">
          <legend>{t('campaign.builder.options')}</legend>
          {q.options.map((o, j) => (
            <div class="option-row" key={o.id}>
              <div class="field">
                <label for={id(`o${j}zh`)}>{t('campaign.builder.optionZh', { n: j + 1 })}</label>
                <input id={id(`o${j}zh`)} lang="zh-CN" value={o.zh} onInput={(e) => onChange({ ...q, options: q.options.map((x, k) => (k === j ? { ...x, zh: e.currentTarget.value } : x)) })} {...invalid(`${at}.options.${j}.label`)} />
                {message(`${at}.options.${j}.label`)}
              </div>
              <div class="field">
                <label for={id(`o${j}en`)}>{t('campaign.builder.optionEn', { n: j + 1 })}</label>
                <input id={id(`o${j}en`)} lang="en" value={o.en} onInput={(e) => onChange({ ...q, options: q.options.map((x, k) => (k === j ? { ...x, en: e.currentTarget.value } : x)) })} />
              </div>
              <button type="button" class="button button-quiet button-small" disabled={q.options.length <= 2} aria-label={t('campaign.builder.removeOption', { n: j + 1 })} onClick={() => onChange({ ...q, options: q.options.filter((_, k) => k !== j) })}>
                ✕
              </button>
            </div>
          ))}
          <button
            type="button"
            class="button button-small"
            disabled={q.options.length >= 20}
            onClick={() => onChange({ ...q, options: [...q.options, { id: nextId('o', q.options.map((o) => o.id)), zh: '', en: '' }] })}
          >
            + {t('campaign.builder.addOption')}
          </button>
          {message(`${at}.options`)}
        </fieldset>
      )}
    </div>
  );
}
