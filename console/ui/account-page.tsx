import type { Locale } from '../../shared/i18n/locale';
import type { Session } from '../models/session';
import { Tokens } from '../models/tokens';
import type { ApiClient } from '../api/client';
import type { T } from '../i18n';
import { enumLabel } from './labels';
import { PasswordForm } from './password-form';
import { TokensPanel } from './tokens-panel';
import { useModel } from './use-model';

/** Props of AccountPage. */
export interface AccountPageProps {
  t: T;
  locale: Locale;
  timeZone: string;
  api: ApiClient;
  session: Session;
  serverUrl: string;
  copy(text: string): Promise<boolean>;
}

/** One's own account: who one is, the password, and personal API tokens. */
export function AccountPage({ t, locale, timeZone, api, session, serverUrl, copy }: AccountPageProps) {
  const tokens = useModel(() => new Tokens(api));
  const user = session.user.value;
  return (
    <main id="main" class="page page-narrow" aria-labelledby="account-title">
      <h1 id="account-title">{t('console.account.title')}</h1>
      {user && (
        <p class="muted">
          {user.name} · {user.email} · {enumLabel(t, 'role', user.role)} · {user.department}
        </p>
      )}
      <section class="card" aria-labelledby="password-title">
        <h2 id="password-title">{t('console.password.title')}</h2>
        <PasswordForm t={t} busy={session.busy.value} onSubmit={session.changePassword} />
      </section>
      <TokensPanel t={t} locale={locale} timeZone={timeZone} tokens={tokens} serverUrl={serverUrl} copy={copy} />
    </main>
  );
}
