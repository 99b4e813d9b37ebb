import { useEffect, useState } from 'preact/hooks';
import type { FormError } from '../models/session';
import { errorText, textOf, type T } from '../i18n';

/** Props of CopyButton. */
export interface CopyButtonProps {
  t: T;
  text: string;
  /** What is copied, for the button's accessible name ("Copy the embed snippet"). */
  label: string;
  copy(text: string): Promise<boolean>;
}

/** A copy button whose outcome is shown and announced beside it (a live region), so keyboard and screen-reader users get it too; the button's own text stays, as its accessible name includes it. */
export function CopyButton({ t, text, label, copy }: CopyButtonProps) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => setState('idle'), [text]);
  return (
    <span class="copy">
      <button type="button" class="button button-small" aria-label={label} onClick={async () => setState((await copy(text)) ? 'copied' : 'failed')}>
        {t('admin.copy.action')}
      </button>
      <span role="status" class={state === 'failed' ? 'field-error' : 'copy-status'}>
        {state === 'copied' ? t('admin.copy.announce') : state === 'failed' ? t('admin.copy.failed') : ''}
      </span>
    </span>
  );
}

/** The field issues of a failure whose path starts with `field`. */
const issuesOf = (error: FormError | null, field: string) => error?.fields.filter((f) => String(f.path[0]) === field) ?? [];

/** Text for an invalid field: its own hint where the admin area has one, else the generic one. */
export const fieldText = (t: T, form: string, field: string): string => {
  const own = textOf(t, `admin.${form}.invalid.${field}`);
  return own.startsWith('admin.') ? t('admin.invalid') : own;
};

/** `aria-invalid`/`aria-describedby` for an input whose field the server refused. */
export const invalidProps = (error: FormError | null, field: string, id: string) =>
  issuesOf(error, field).length ? { 'aria-invalid': 'true' as const, 'aria-describedby': `${id}-error` } : {};

/** Props of FieldError. */
export interface FieldErrorProps {
  t: T;
  error: FormError | null;
  form: string;
  field: string;
  id: string;
}

/** The refusal of one field, under its input; for a list (origins), the entries refused are named. */
export function FieldError({ t, error, form, field, id }: FieldErrorProps) {
  const issues = issuesOf(error, field);
  if (!issues.length) return null;
  const items = issues.map((i) => i.path[1]).filter((p): p is number => typeof p === 'number');
  return (
    <p id={`${id}-error`} class="field-error">
      {fieldText(t, form, field)}
      {items.length > 0 && ` ${t('admin.invalid.entries', { entries: [...new Set(items)].map((i) => i + 1).join(', ') })}`}
    </p>
  );
}

/** A failure not tied to one field (or tied to fields no input shows), as an alert. */
export function ErrorBanner({ t, error, shown }: { t: T; error: FormError | null; shown: readonly string[] }) {
  if (!error) return null;
  const unshown = error.fields.filter((f) => !shown.includes(String(f.path[0])));
  if (error.fields.length && !unshown.length) return null;
  return (
    <p class="banner banner-error" role="alert">
      {errorText(t, error.code)}
      {unshown.length > 0 && ` (${unshown.map((f) => f.path.join('.')).join(', ')})`}
    </p>
  );
}
