import { useEffect, useState } from 'preact/hooks';
import { MAX_ADAPTER_FILE_BYTES, adapterOrigin, type AdminAdapters } from '../models/admin-adapters';
import { errorText, type T } from '../i18n';
import { enumLabel } from './labels';

/** Props of AdminAdaptersSection. */
export interface AdminAdaptersSectionProps {
  t: T;
  adapters: AdminAdapters;
}

const ORIGIN_PILL = { builtin: 'pill-muted', override: 'pill-status-in_progress', added: 'pill-ok', published: 'pill-ok' } as const;

/** An issue path of the check as a reader finds it in the file: `adapter 2 (acme-desk) › urls › 1 › host`. */
const where = (t: T, path: readonly (string | number)[], ids: readonly unknown[]): string => {
  const [root, index, ...rest] = path;
  if (root !== 'adapters' || typeof index !== 'number') return path.join(' › ') || t('admin.adapters.wholeFile');
  const id = (ids[index] as { id?: unknown } | undefined)?.id;
  const head = t('admin.adapters.entry', { n: index + 1, id: typeof id === 'string' ? id : '?' });
  return [head, ...rest.map((p) => (typeof p === 'number' ? String(p + 1) : p))].join(' › ');
};

/** The helpdesk adapter catalog: served definitions, an override file checked field by field, and a definition tried on pasted HTML. */
export function AdminAdaptersSection({ t, adapters }: AdminAdaptersSectionProps) {
  const [fileIds, setFileIds] = useState<unknown[]>([]);
  const [adapterId, setAdapterId] = useState('');
  const [url, setUrl] = useState('');
  const [html, setHtml] = useState('');
  useEffect(() => void adapters.load(), [adapters]);
  const catalog = adapters.catalog.value;
  const report = adapters.report.value;
  const error = adapters.error.value;
  const tried = adapters.tried.value;
  const readFile = async (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const text = file.size > MAX_ADAPTER_FILE_BYTES ? '' : await file.text();
    try {
      const json = JSON.parse(text) as unknown;
      setFileIds(Array.isArray(json) ? json : ((json as { adapters?: unknown[] }).adapters ?? []));
    } catch {
      setFileIds([]);
    }
    await adapters.checkFile(text, file.name, file.size);
  };
  const tryIt = (e: Event) => {
    e.preventDefault();
    adapters.tryOn(adapterId || adapters.tryable.value[0]?.id || '', html, url);
  };
  return (
    <>
      <section class="card" aria-labelledby="adapters-title">
        <div class="card-head">
          <h2 id="adapters-title">{t('admin.adapters.title')}</h2>
          {catalog && <span class="muted mono">{t('admin.adapters.version', { version: catalog.version })}</span>}
        </div>
        <p class="muted">{t('admin.adapters.lead')}</p>
        <table class="simple-table">
          <caption class="visually-hidden">{t('admin.adapters.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.adapters.id')}</th>
              <th scope="col">{t('admin.adapters.system')}</th>
              <th scope="col">{t('admin.adapters.definitionVersion')}</th>
              <th scope="col">{t('admin.adapters.hosts')}</th>
              <th scope="col">{t('admin.adapters.origin')}</th>
            </tr>
          </thead>
          <tbody>
            {(catalog?.adapters ?? []).map((a) => {
              const origin = adapterOrigin(a, adapters.published.value);
              return (
                <tr key={a.id}>
                  <td class="mono">{a.id}</td>
                  <td>{enumLabel(t, 'helpdeskSystem', a.system)}</td>
                  <td>{a.version}</td>
                  <td class="mono">{[...new Set(a.urls.map((u) => u.host))].join(', ')}</td>
                  <td>
                    <span class={`pill ${ORIGIN_PILL[origin]}`}>{t(`admin.adapters.origin.${origin}`)}</span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>

      <section class="card" aria-labelledby="adapters-file-title">
        <h2 id="adapters-file-title">{t('admin.adapters.fileTitle')}</h2>
        <div class="import-box">
          <label for="adapters-file" class="import-label">
            {t('admin.adapters.file')}
          </label>
          <input id="adapters-file" type="file" accept=".json,application/json" onChange={readFile} aria-describedby="adapters-file-hint" />
          <p id="adapters-file-hint" class="hint">
            {t('admin.adapters.fileHint')}
          </p>
        </div>
        {adapters.fileError.value && (
          <p class="banner banner-error" role="alert">
            {t(`admin.adapters.fileError.${adapters.fileError.value}`)}
          </p>
        )}
        {error && (
          <div class="banner banner-error" role="alert" data-testid="adapter-errors">
            <p>{error.fields.length ? t('admin.adapters.invalid', { file: adapters.fileName.value ?? '' }) : errorText(t, error.code)}</p>
            {error.fields.length > 0 && (
              <ul class="issue-list">
                {error.fields.map((f, i) => (
                  <li key={i}>
                    <code>{where(t, f.path, fileIds)}</code> {f.message}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        {report && (
          <p class="banner banner-ok" role="status">
            {t('admin.adapters.valid', { file: adapters.fileName.value ?? '', replaced: report.replaced.join(', ') || '—', added: report.added.join(', ') || '—' })}
          </p>
        )}
        {report && adapters.checked.value.length > 0 && (
          <div class="form-actions">
            <button type="button" class="button" onClick={() => void adapters.publishChecked(adapters.checked.value)} data-testid="adapters-publish">
              {t('admin.adapters.publish')}
            </button>
          </div>
        )}
        {adapters.publishedNow.value.length > 0 && (
          <p class="banner banner-ok" role="status" data-testid="adapters-published">
            {t('admin.adapters.published', { ids: adapters.publishedNow.value.join(', ') })}
          </p>
        )}
      </section>

      <section class="card" aria-labelledby="adapters-try-title">
        <h2 id="adapters-try-title">{t('admin.adapters.tryTitle')}</h2>
        <p class="muted">{t('admin.adapters.tryLead')}</p>
        <form class="stack" onSubmit={tryIt}>
          <div class="form-grid form-grid-2">
            <div class="field">
              <label for="try-adapter">{t('admin.adapters.tryAdapter')}</label>
              <select id="try-adapter" value={adapterId} onChange={(e) => setAdapterId(e.currentTarget.value)}>
                {adapters.tryable.value.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.id}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="try-url">{t('admin.adapters.tryUrl')}</label>
              <input id="try-url" type="url" required placeholder="https://acme.zendesk.com/agent/tickets/1234" value={url} onInput={(e) => setUrl(e.currentTarget.value)} />
            </div>
          </div>
          <div class="field">
            <label for="try-html">{t('admin.adapters.tryHtml')}</label>
            <textarea id="try-html" rows={6} class="mono" value={html} onInput={(e) => setHtml(e.currentTarget.value)} />
          </div>
          <div class="form-actions">
            <button type="submit" class="button button-primary" disabled={!html.trim() || !url.trim()}>
              {t('admin.adapters.tryRun')}
            </button>
          </div>
        </form>
        {tried && (
          <div class="try-result" role="status" data-testid="try-result">
            {tried.ticket ? (
              <dl class="facts">
                <div class="item">
                  <dt>{t('admin.adapters.field.ticketId')}</dt>
                  <dd>{tried.ticket.ticketId ?? '—'}</dd>
                </div>
                <div class="item">
                  <dt>{t('admin.adapters.field.subject')}</dt>
                  <dd>{tried.ticket.subject ?? '—'}</dd>
                </div>
                <div class="item">
                  <dt>{t('admin.adapters.field.requester')}</dt>
                  <dd>{tried.ticket.requester ?? '—'}</dd>
                </div>
                <div class="item">
                  <dt>{t('admin.adapters.field.status')}</dt>
                  <dd>{tried.ticket.status ?? '—'}</dd>
                </div>
                <div class="item">
                  <dt>{t('admin.adapters.field.tags')}</dt>
                  <dd>{tried.ticket.tags.join(', ') || '—'}</dd>
                </div>
                <div class="item">
                  <dt>{t('admin.adapters.field.messages')}</dt>
                  <dd>
                    {tried.ticket.messages.length === 0
                      ? '—'
                      : tried.ticket.messages.map((m, i) => (
                          <p key={i} class="try-message">
                            <strong>{t(`admin.adapters.role.${m.role}`)}</strong> {m.author ? `${m.author}: ` : ''}
                            {m.text}
                          </p>
                        ))}
                  </dd>
                </div>
              </dl>
            ) : (
              <p>{t('admin.adapters.nothing')}</p>
            )}
            {tried.missingFields.length > 0 && <p class="hint">{t('admin.adapters.missing', { fields: tried.missingFields.map((f) => t(`admin.adapters.field.${f}`)).join(', ') })}</p>}
          </div>
        )}
      </section>
    </>
  );
}
