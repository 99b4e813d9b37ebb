import { CATEGORIES } from '../../shared/schemas/enums';
import type { CampaignField, CampaignFormValues } from '../models/campaign-form';
import type { T } from '../i18n';
import { enumLabel } from './labels';

/** Props of CampaignForm. */
export interface CampaignFormProps {
  t: T;
  /** Distinguishes the ids of two forms on one page. */
  idPrefix: string;
  values: CampaignFormValues;
  errors: Partial<Record<CampaignField, string>>;
  busy: boolean;
  submitLabel: string;
  onChange(values: CampaignFormValues): void;
  onSubmit(): void;
  onCancel?: () => void;
}

/** The words for an issue code of a campaign field. */
export function campaignFieldError(t: T, field: CampaignField, code: string): string {
  if (field === 'categories') return t('campaign.field.typesRequired');
  if (code === 'period_required') return t('campaign.field.periodRequired');
  if (code === 'date_range_order') return t('campaign.field.dateOrder');
  if (field === 'periodLabel') return t('campaign.field.periodLabel');
  if (code === 'too_big') return t('campaign.field.tooLong');
  if (code === 'too_small' || code === 'invalid_type') return t('campaign.field.required');
  return t('campaign.field.invalid');
}

/**
 * A campaign's goal, target customers, feedback types and period (DOMAIN.md §2). Each failing field
 * says why beside it and is tied to its message with aria-describedby; the schema decides, here
 * and on the server alike.
 */
export function CampaignForm({ t, idPrefix, values, errors, busy, submitLabel, onChange, onSubmit, onCancel }: CampaignFormProps) {
  const id = (name: string) => `${idPrefix}-${name}`;
  const set = <K extends keyof CampaignFormValues>(key: K, value: CampaignFormValues[K]) => onChange({ ...values, [key]: value });
  const error = (field: CampaignField) => {
    const code = errors[field];
    return code ? (
      <span id={id(`${field}-error`)} class="field-error">
        {campaignFieldError(t, field, code)}
      </span>
    ) : null;
  };
  const invalid = (field: CampaignField) => (errors[field] ? { 'aria-invalid': 'true' as const, 'aria-describedby': id(`${field}-error`) } : {});
  const periodInvalid = errors.period ? { 'aria-invalid': 'true' as const, 'aria-describedby': id('period-error') } : {};
  return (
    <form
      class="campaign-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <div class="field">
        <label for={id('goal')}>{t('campaign.form.goal')}</label>
        <input id={id('goal')} value={values.goal} maxLength={10_000} onInput={(e) => set('goal', e.currentTarget.value)} {...invalid('goal')} />
        <span class="hint">{t('campaign.form.goalHint')}</span>
        {error('goal')}
      </div>
      <div class="field">
        <label for={id('target')}>{t('campaign.form.target')}</label>
        <textarea id={id('target')} rows={2} value={values.targetCustomers} onInput={(e) => set('targetCustomers', e.currentTarget.value)} {...invalid('targetCustomers')} />
        <span class="hint">{t('campaign.form.targetHint')}</span>
        {error('targetCustomers')}
      </div>
      <fieldset class="choice-group" {...invalid('categories')}>
        <legend>{t('campaign.form.types')}</legend>
        <div class="choices">
          {CATEGORIES.map((code) => (
            <label key={code} class="choice">
              <input
                type="checkbox"
                checked={values.categories.includes(code)}
                onChange={(e) =>
                  set('categories', e.currentTarget.checked ? CATEGORIES.filter((c) => c === code || values.categories.includes(c)) : values.categories.filter((c) => c !== code))
                }
              />
              {enumLabel(t, 'category', code)}
            </label>
          ))}
        </div>
        {error('categories')}
      </fieldset>
      <fieldset class="choice-group" {...periodInvalid}>
        <legend>{t('campaign.form.period')}</legend>
        <div class="form-grid form-grid-3 period-grid">
          <div class="field">
            <label for={id('label')}>{t('campaign.form.periodLabel')}</label>
            <input id={id('label')} value={values.periodLabel} placeholder="2026 Q1" onInput={(e) => set('periodLabel', e.currentTarget.value)} {...invalid('periodLabel')} />
            {error('periodLabel')}
          </div>
          <div class="field">
            <label for={id('from')}>{t('campaign.form.from')}</label>
            <input id={id('from')} type="date" value={values.from} onInput={(e) => set('from', e.currentTarget.value)} {...invalid('from')} />
            {error('from')}
          </div>
          <div class="field">
            <label for={id('to')}>{t('campaign.form.to')}</label>
            <input id={id('to')} type="date" value={values.to} onInput={(e) => set('to', e.currentTarget.value)} {...invalid('to')} />
            {error('to')}
          </div>
        </div>
        <span class="hint">{t('campaign.form.periodLabelHint')} {t('campaign.form.periodHint')}</span>
        {errors.period ? (
          <span id={id('period-error')} class="field-error">
            {campaignFieldError(t, 'period', errors.period)}
          </span>
        ) : null}
      </fieldset>
      <div class="form-actions">
        <button type="submit" class="button button-primary" disabled={busy}>
          {busy ? t('campaign.form.saving') : submitLabel}
        </button>
        {onCancel && (
          <button type="button" class="button button-quiet" onClick={onCancel}>
            {t('campaign.form.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
