import { useEffect, useState } from 'preact/hooks';
import type { Tokens } from '../models/tokens';
import type { Locale } from '../../shared/i18n/locale';
import { formatDateTime } from '../../shared/i18n/format-date';
import { errorText, type T } from '../i18n';

/** Props of TokensPanel. */
export interface TokensPanelProps {
  t: T;
  locale: Locale;
  timeZone: string;
  tokens: Tokens;
  /** This server's address, as the extension's options want it. */
  serverUrl: string;
  /** Put text on the clipboard; false when the browser refused. */
  copy(text: string): Promise<boolean>;
}

/** One's own API tokens: issue one (shown once, with a copy button and how to use it in the extension), see and revoke the others. */
export function TokensPanel({ t, locale, timeZone, tokens, serverUrl, copy }: TokensPanelProps) {
  const [name, setName] = useState('');
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  useEffect(() => void tokens.load(), [tokens]);
  const created = tokens.created.value;
  const error = tokens.error.value;
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!name.trim()) return;
    setCopied(null);
    if (await tokens.create(name.trim())) setName('');
  };
  const when = (at: string | null) => (at ? formatDateTime(at, locale, timeZone) : '—');
  return (
    <section class="card" aria-labelledby="tokens-title">
      <h2 id="tokens-title">{t('console.tokens.title')}</h2>
      <p class="muted">{t('console.tokens.lead')}</p>
      {created && (
        <div class="token-created" role="status">
          <p>
            <strong>{t('console.tokens.createdOnce', { name: created.name })}</strong>
          </p>
          <div class="token-row">
            <code class="token-value" data-testid="new-token">
              {created.token}
            </code>
            <button type="button" class="button" onClick={async () => setCopied((await copy(created.token)) ? 'yes' : 'no')}>
              {copied === 'yes' ? t('console.tokens.copied') : t('console.tokens.copy')}
            </button>
          </div>
          {copied === 'no' && <p class="field-error">{t('console.tokens.copyFailed')}</p>}
          <p class="hint">{t('console.tokens.extensionHint', { origin: serverUrl })}</p>
          <button type="button" class="button button-quiet" onClick={tokens.dismiss}>
            {t('console.tokens.done')}
          </button>
        </div>
      )}
      <form class="inline-form" onSubmit={submit}>
        <div class="field grow">
          <label for="token-name">{t('console.tokens.name')}</label>
          <input id="token-name" value={name} maxLength={200} placeholder={t('console.tokens.namePlaceholder')} onInput={(e) => setName(e.currentTarget.value)} />
        </div>
        <button type="submit" class="button button-primary" disabled={tokens.busy.value || !name.trim()}>
          {t('console.tokens.create')}
        </button>
      </form>
      {error && (
        <p class="banner banner-error" role="alert">
          {errorText(t, error)}
        </p>
      )}
      <table class="simple-table">
        <caption class="visually-hidden">{t('console.tokens.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('console.tokens.name')}</th>
            <th scope="col">{t('console.tokens.createdAt')}</th>
            <th scope="col">{t('console.tokens.lastUsed')}</th>
            <th scope="col">{t('console.tokens.state')}</th>
            <th scope="col">
              <span class="visually-hidden">{t('console.tokens.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tokens.items.value.length === 0 && (
            <tr>
              <td colSpan={5} class="muted">
                {t('console.tokens.none')}
              </td>
            </tr>
          )}
          {tokens.items.value.map((token) => (
            <tr key={token.id}>
              <td>{token.name}</td>
              <td>{when(token.createdAt)}</td>
              <td>{when(token.lastUsedAt)}</td>
              <td>{token.revokedAt ? <span class="pill pill-muted">{t('console.tokens.revoked')}</span> : <span class="pill pill-ok">{t('console.tokens.active')}</span>}</td>
              <td class="actions">
                {!token.revokedAt && (
                  <button type="button" class="button button-danger button-small" onClick={() => tokens.revoke(token.id)} aria-label={t('console.tokens.revokeNamed', { name: token.name })}>
                    {t('console.tokens.revoke')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
