import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { FormError } from '../models/session';
import { errorText, textOf, type T } from '../i18n';
import { Modal } from './modal';

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

/** Props of SecretOnce. */
export interface SecretOnceProps {
  t: T;
  /** Id of the heading, which names the card. */
  id: string;
  title: string;
  secret: string;
  /** The code element's test id. */
  testId: string;
  copyLabel: string;
  hint: string;
  copy(text: string): Promise<boolean>;
  onDone(): void;
}

/** A secret the server shows once (a site's identity secret, a webhook's signing secret): the value, a copy button, how to use it, and "Done". */
export function SecretOnce({ t, id, title, secret, testId, copyLabel, hint, copy, onDone }: SecretOnceProps) {
  return (
    <section class="card token-created" role="status" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <div class="token-row">
        <code class="token-value" data-testid={testId}>
          {secret}
        </code>
        <CopyButton t={t} text={secret} label={copyLabel} copy={copy} />
      </div>
      <p class="hint">{hint}</p>
      <button type="button" class="button button-quiet" onClick={onDone}>
        {t('admin.done')}
      </button>
    </section>
  );
}

/** Props of ConfirmDialog. */
export interface ConfirmDialogProps {
  t: T;
  /** Id of the heading, which names the dialog. */
  id: string;
  title: string;
  lead: string;
  /** The danger button's label. */
  confirm: string;
  onConfirm(): Promise<unknown>;
  onClose(): void;
}

/** Asks before something that cannot be taken back (remove an endpoint, rotate a secret); closes once it is done. */
export function ConfirmDialog({ t, id, title, lead, confirm, onConfirm, onClose }: ConfirmDialogProps) {
  return (
    <Modal labelledBy={id} onClose={onClose}>
      <div class="stack">
        <h2 id={id}>{title}</h2>
        <p>{lead}</p>
        <div class="form-actions">
          <button type="button" class="button button-quiet" onClick={onClose}>
            {t('admin.cancel')}
          </button>
          <button
            type="button"
            class="button button-danger"
            onClick={async () => {
              await onConfirm();
              onClose();
            }}
          >
            {confirm}
          </button>
        </div>
      </div>
    </Modal>
  );
}

/** Props of FormDialog. */
export interface FormDialogProps {
  t: T;
  /** Id of the heading, which names the dialog. */
  id: string;
  title: string;
  /** The server's refusal, shown as a banner unless every field it names has its own message (`shown`). */
  error: FormError | null;
  shown: readonly string[];
  busy: boolean;
  submit: string;
  onSubmit(): Promise<unknown>;
  onClose(): void;
  children: ComponentChildren;
}

/** A create-or-edit dialog of the administration: its fields, the refusal not tied to one of them, Cancel and the submit button. */
export function FormDialog({ t, id, title, error, shown, busy, submit, onSubmit, onClose, children }: FormDialogProps) {
  return (
    <Modal labelledBy={id} wide onClose={onClose}>
      <form
        class="stack"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void onSubmit();
        }}
      >
        <h2 id={id}>{title}</h2>
        {children}
        <ErrorBanner t={t} error={error} shown={shown} />
        <div class="form-actions">
          <button type="button" class="button button-quiet" onClick={onClose}>
            {t('admin.cancel')}
          </button>
          <button type="submit" class="button button-primary" disabled={busy}>
            {submit}
          </button>
        </div>
      </form>
    </Modal>
  );
}
