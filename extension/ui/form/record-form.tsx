import type { JSX } from 'preact';
import {
  CATEGORIES,
  CHANNELS,
  CUSTOMER_KINDS,
  CUSTOMER_TYPES,
  INITIAL_PRIORITIES,
  SOURCES,
} from '../../../shared/schemas/enums';
import { LIMITS, type Locale } from '../../../shared/schemas/common';
import { t, tKey, isMessageKey } from '../../i18n/t';
import type { DraftForm } from '../../records/draft';
import type { FormField, RecordFormModel } from './record-form-model';

/** Props: the model, the language, and the save action (the component does no I/O itself). */
export interface RecordFormProps {
  locale: Locale;
  model: RecordFormModel;
  saving: boolean;
  onSave: () => void;
  children?: JSX.Element | JSX.Element[] | null | false;
}

const REQUIRED: readonly FormField[] = ['problem', 'category'];

function issueText(locale: Locale, code: string | undefined): string | null {
  if (!code) return null;
  const key = `error.${code}`;
  return isMessageKey(key) ? tKey(locale, key) : t(locale, 'ext.form.invalid');
}

/** The record form of DOMAIN.md §4 (fields a recorder fills in at capture time). */
export function RecordForm({ locale, model, saving, onSave, children }: RecordFormProps) {
  const v = model.values.value;
  const label = (field: FormField) => (
    <span class="label">
      {t(locale, `field.${field}` as 'field.problem')}
      {REQUIRED.includes(field) && <abbr title={t(locale, 'ui.required')}> *</abbr>}
    </span>
  );
  const problemLabel = (field: FormField) => issueText(locale, model.issueOf(field)?.code);
  const error = (field: FormField) => {
    const text = problemLabel(field);
    return text ? (
      <span class="field-error" role="alert" data-field={field}>
        {text}
      </span>
    ) : null;
  };
  const text = (field: FormField, multiline = false, max: number = LIMITS.title) => {
    const value = (v[field] as string) ?? '';
    const props = {
      name: field,
      value,
      maxLength: max,
      'aria-invalid': model.issueOf(field) ? true : undefined,
      onInput: (e: Event) => model.set(field, (e.currentTarget as HTMLInputElement).value as never),
    };
    return (
      <label class="field">
        {label(field)}
        {multiline ? <textarea rows={4} {...props} /> : <input type="text" {...props} />}
        {error(field)}
      </label>
    );
  };
  const select = (field: FormField, codes: readonly string[], enumName: string, required = false) => (
    <label class="field">
      {label(field)}
      <select
        name={field}
        value={(v[field] as string | undefined) ?? ''}
        aria-invalid={model.issueOf(field) ? true : undefined}
        onChange={(e) => model.set(field, ((e.currentTarget as HTMLSelectElement).value || undefined) as never)}
      >
        {!required && <option value="">{t(locale, 'ext.form.choose')}</option>}
        {required && !v[field] && <option value="">{t(locale, 'ext.form.choose')}</option>}
        {codes.map((code) => (
          <option key={code} value={code}>
            {t(locale, `enum.${enumName}.${code}` as 'enum.category.other')}
          </option>
        ))}
      </select>
      {error(field)}
    </label>
  );
  const coaching = model.coaching.value;
  const onSubmit = (e: Event) => {
    e.preventDefault();
    onSave();
  };

  return (
    <form class="record-form" onSubmit={onSubmit} noValidate>
      {select('category', CATEGORIES, 'category', true)}
      {text('problem', true, LIMITS.text)}
      {coaching.followUpKey && v.problem.trim() !== '' && (
        <p class="coach" role="status" data-testid="coaching">
          {t(locale, coaching.followUpKey)}
        </p>
      )}
      {text('scenario', true, LIMITS.text)}
      {text('expectedSolution', true, LIMITS.text)}
      <fieldset>
        {text('customerName')}
        {select('customerType', CUSTOMER_TYPES, 'customerType')}
        {select('customerKind', CUSTOMER_KINDS, 'customerKind')}
        {text('industry')}
        {text('contactPerson')}
        <label class="field">
          {label('contact')}
          <input
            type="text"
            name="contact"
            value={v.contact}
            maxLength={LIMITS.title}
            onInput={(e) => model.set('contact', (e.currentTarget as HTMLInputElement).value)}
            onBlur={() => model.maskContact()}
          />
          <span class="hint">{t(locale, 'ext.form.contact_masked')}</span>
          {error('contact')}
        </label>
        <label class="check">
          <input
            type="checkbox"
            name="contactConsent"
            checked={v.contactConsent}
            onChange={(e) => model.set('contactConsent', (e.currentTarget as HTMLInputElement).checked)}
          />
          {t(locale, 'ext.form.contact_consent')}
        </label>
      </fieldset>
      <fieldset>
        {select('initialPriority', INITIAL_PRIORITIES, 'initialPriority')}
        {select('source', SOURCES, 'source', true)}
        {select('channel', CHANNELS, 'channel', true)}
        {text('notes', true, LIMITS.text)}
      </fieldset>
      {children}
      {model.issues.value.length > 0 && (
        <p class="field-error" role="alert">
          {t(locale, 'ext.form.invalid')}
        </p>
      )}
      <button type="submit" class="primary" disabled={saving} data-testid="save-record">
        {t(locale, 'ext.form.save')}
      </button>
    </form>
  );
}

/** Narrow helper for tests: the form values' shape. */
export type { DraftForm };
