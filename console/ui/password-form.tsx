import { useState } from 'preact/hooks';
import { PASSWORD_MIN } from '../../shared/schemas/staff';
import type { FormError } from '../models/session';
import { errorText, type T } from '../i18n';

/** Props of PasswordForm. */
export interface PasswordFormProps {
  t: T;
  busy: boolean;
  onSubmit(currentPassword: string, newPassword: string): Promise<FormError | null>;
}

/** Change one's password: the current one, the new one twice; mismatches are caught before sending. */
export function PasswordForm({ t, busy, onSubmit }: PasswordFormProps) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<{ field: 'current' | 'next' | 'repeat' | 'form'; text: string } | null>(null);
  const [done, setDone] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setDone(false);
    if (next.length < PASSWORD_MIN) return setError({ field: 'next', text: t('console.password.too_short', { min: PASSWORD_MIN }) });
    if (next !== repeat) return setError({ field: 'repeat', text: t('console.password.mismatch') });
    const failed = await onSubmit(current, next);
    if (!failed) {
      setError(null);
      setCurrent('');
      setNext('');
      setRepeat('');
      setDone(true);
      return;
    }
    const path = failed.fields[0]?.path[0];
    if (path === 'currentPassword') setError({ field: 'current', text: t('console.password.wrong_current') });
    else if (path === 'newPassword') setError({ field: 'next', text: t('console.password.too_short', { min: PASSWORD_MIN }) });
    else setError({ field: 'form', text: errorText(t, failed.code) });
  };

  const invalid = (field: 'current' | 'next' | 'repeat') =>
    error?.field === field ? { 'aria-invalid': 'true' as const, 'aria-describedby': `pw-${field}-error` } : {};
  const message = (field: 'current' | 'next' | 'repeat') =>
    error?.field === field && (
      <p id={`pw-${field}-error`} class="field-error">
        {error.text}
      </p>
    );

  return (
    <form class="stack" onSubmit={submit} noValidate>
      <div class="field">
        <label for="pw-current">{t('console.password.current')}</label>
        <input id="pw-current" type="password" autocomplete="current-password" required value={current} onInput={(e) => setCurrent(e.currentTarget.value)} {...invalid('current')} />
        {message('current')}
      </div>
      <div class="field">
        <label for="pw-next">{t('console.password.new')}</label>
        <input id="pw-next" type="password" autocomplete="new-password" required minLength={PASSWORD_MIN} value={next} onInput={(e) => setNext(e.currentTarget.value)} aria-describedby="pw-next-hint" {...invalid('next')} />
        <p id="pw-next-hint" class="hint">
          {t('console.password.hint', { min: PASSWORD_MIN })}
        </p>
        {message('next')}
      </div>
      <div class="field">
        <label for="pw-repeat">{t('console.password.repeat')}</label>
        <input id="pw-repeat" type="password" autocomplete="new-password" required value={repeat} onInput={(e) => setRepeat(e.currentTarget.value)} {...invalid('repeat')} />
        {message('repeat')}
      </div>
      {error?.field === 'form' && (
        <p class="banner banner-error" role="alert">
          {error.text}
        </p>
      )}
      {done && (
        <p class="banner banner-ok" role="status">
          {t('console.password.changed')}
        </p>
      )}
      <div>
        <button type="submit" class="button button-primary" disabled={busy}>
          {t('console.password.submit')}
        </button>
      </div>
    </form>
  );
}
