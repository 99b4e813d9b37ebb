import { useState } from 'preact/hooks';
import type { Session } from '../models/session';
import { errorText, type T } from '../i18n';
import type { ComponentChildren } from 'preact';
import { PRODUCT } from './labels';

/** Props of SignInPage. */
export interface SignInPageProps {
  t: T;
  session: Session;
  /** Language and theme switches, shown above the card. */
  controls: ComponentChildren;
}

/** Sign-in with e-mail and password; a wrong pair says so without telling which half was wrong. */
export function SignInPage({ t, session, controls }: SignInPageProps) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const error = session.error.value;
  const submit = async (e: Event) => {
    e.preventDefault();
    await session.signIn(email, password);
  };
  const message =
    error && (error.code === 'unauthenticated' ? t('console.signIn.wrong') : error.code === 'validation_failed' ? t('console.signIn.invalid') : errorText(t, error.code));
  return (
    <div class="auth-screen">
      <div class="auth-controls">{controls}</div>
      <main class="auth-card" aria-labelledby="sign-in-title">
        <div class="brand brand-large">
          <span class="brand-mark" aria-hidden="true" />
          <span>{PRODUCT}</span>
        </div>
        <h1 id="sign-in-title">{t('console.signIn.title')}</h1>
        <p class="muted">{t('console.signIn.lead')}</p>
        <form class="stack" onSubmit={submit} noValidate>
          <div class="field">
            <label for="email">{t('console.signIn.email')}</label>
            <input id="email" type="email" autocomplete="username" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} aria-invalid={error ? 'true' : undefined} aria-describedby={error ? 'sign-in-error' : undefined} />
          </div>
          <div class="field">
            <label for="password">{t('console.signIn.password')}</label>
            <input id="password" type="password" autocomplete="current-password" required value={password} onInput={(e) => setPassword(e.currentTarget.value)} aria-invalid={error ? 'true' : undefined} aria-describedby={error ? 'sign-in-error' : undefined} />
          </div>
          {message && (
            <p id="sign-in-error" class="banner banner-error" role="alert">
              {message}
            </p>
          )}
          <button type="submit" class="button button-primary button-block" disabled={session.busy.value}>
            {session.busy.value ? t('console.signIn.busy') : t('console.signIn.submit')}
          </button>
        </form>
      </main>
    </div>
  );
}
