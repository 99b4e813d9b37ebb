import { useEffect, useState } from 'preact/hooks';
import type { SiteKeyView } from '../../shared/schemas/staff';
import { embedSnippet, type AdminSiteKeys } from '../models/admin-site-keys';
import type { T } from '../i18n';
import { ConfirmDialog, CopyButton, ErrorBanner, FieldError, FormDialog, SecretOnce, invalidProps } from './admin-parts';

/** Props of AdminSiteKeysSection. */
export interface AdminSiteKeysSectionProps {
  t: T;
  keys: AdminSiteKeys;
  /** This server's address, for the embed snippet. */
  serverUrl: string;
  copy(text: string): Promise<boolean>;
}

const lines = (text: string) => text.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);

/** Widget site keys: the list with each one's snippet to copy, create and edit, and identity-secret rotation (the secret shown once). */
export function AdminSiteKeysSection({ t, keys, serverUrl, copy }: AdminSiteKeysSectionProps) {
  const [editing, setEditing] = useState<SiteKeyView | 'new' | null>(null);
  const [rotating, setRotating] = useState<SiteKeyView | null>(null);
  useEffect(() => void keys.load(), [keys]);
  const secret = keys.secret.value;
  return (
    <>
      {secret && (
        <SecretOnce
          t={t}
          id="site-secret-title"
          title={t('admin.keys.secretOnce', { name: secret.name })}
          secret={secret.identitySecret}
          testId="identity-secret"
          copyLabel={t('admin.keys.copySecret')}
          hint={t('admin.keys.secretHint')}
          copy={copy}
          onDone={keys.dismiss}
        />
      )}
      <section class="card" aria-labelledby="admin-keys-title">
        <div class="card-head">
          <h2 id="admin-keys-title">{t('admin.keys.title')}</h2>
          <button type="button" class="button button-primary" onClick={() => (keys.clearError(), setEditing('new'))}>
            {t('admin.keys.new')}
          </button>
        </div>
        <p class="muted">{t('admin.keys.lead')}</p>
        {!editing && <ErrorBanner t={t} error={keys.error.value} shown={[]} />}
        {keys.loaded.value && keys.items.value.length === 0 && <p class="empty">{t('admin.keys.none')}</p>}
        <ul class="admin-list">
          {keys.items.value.map((key) => {
            const snippet = embedSnippet(serverUrl, key.key);
            return (
              <li key={key.id} class="admin-item" data-site-key={key.key}>
                <div class="admin-item-head">
                  <div>
                    <h3>{key.name}</h3>
                    <p class="muted">
                      <span class="mono">{key.key}</span> · {key.department} · {t('admin.keys.rateShown', { rate: key.ratePerMinute })}
                    </p>
                  </div>
                  <div class="actions">
                    {key.active ? <span class="pill pill-ok">{t('admin.keys.active')}</span> : <span class="pill pill-muted">{t('admin.keys.inactive')}</span>}
                    <button type="button" class="button button-small" aria-label={t('admin.keys.editNamed', { name: key.name })} onClick={() => (keys.clearError(), setEditing(key))}>
                      {t('admin.edit')}
                    </button>
                    <button type="button" class="button button-small" aria-label={t('admin.keys.rotateNamed', { name: key.name })} onClick={() => setRotating(key)}>
                      {t('admin.keys.rotate')}
                    </button>
                  </div>
                </div>
                <dl class="facts">
                  <div class="item">
                    <dt>{t('admin.keys.origins')}</dt>
                    <dd>{key.allowedOrigins.join(' · ')}</dd>
                  </div>
                  <div class="item">
                    <dt>{t('admin.keys.queryKeys')}</dt>
                    <dd>{key.allowedQueryKeys.length ? key.allowedQueryKeys.join(', ') : t('admin.keys.queryKeysNone')}</dd>
                  </div>
                </dl>
                <div class="snippet">
                  <code class="token-value">{snippet}</code>
                  <CopyButton t={t} text={snippet} label={t('admin.keys.copySnippetNamed', { name: key.name })} copy={copy} />
                </div>
              </li>
            );
          })}
        </ul>
      </section>
      {editing && <SiteKeyDialog t={t} keys={keys} siteKey={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {rotating && (
        <ConfirmDialog
          t={t}
          id="rotate-title"
          title={t('admin.keys.rotateTitle', { name: rotating.name })}
          lead={t('admin.keys.rotateLead')}
          confirm={t('admin.keys.rotateConfirm')}
          onConfirm={() => keys.rotate(rotating.id)}
          onClose={() => setRotating(null)}
        />
      )}
    </>
  );
}

/** Create or edit one site key: name, department, origins (one a line), query keys kept in page URLs, rate, and on/off. */
function SiteKeyDialog({ t, keys, siteKey, onClose }: { t: T; keys: AdminSiteKeys; siteKey: SiteKeyView | null; onClose(): void }) {
  const [name, setName] = useState(siteKey?.name ?? '');
  const [department, setDepartment] = useState(siteKey?.department ?? '');
  const [origins, setOrigins] = useState(siteKey?.allowedOrigins.join('\n') ?? '');
  const [queryKeys, setQueryKeys] = useState(siteKey?.allowedQueryKeys.join(', ') ?? '');
  const [rate, setRate] = useState(String(siteKey?.ratePerMinute ?? 30));
  const [active, setActive] = useState(siteKey?.active ?? true);
  const error = keys.error.value;
  const submit = async () => {
    const body = {
      name: name.trim(),
      department: department.trim().toUpperCase(),
      allowedOrigins: lines(origins),
      allowedQueryKeys: lines(queryKeys),
      ratePerMinute: Number(rate),
    };
    const done = siteKey ? await keys.update(siteKey.id, { ...body, active }) : await keys.create(body);
    if (done) onClose();
  };
  return (
    <FormDialog
      t={t}
      id="site-key-title"
      title={siteKey ? t('admin.keys.editTitle', { name: siteKey.name }) : t('admin.keys.new')}
      error={error}
      shown={['name', 'department', 'allowedOrigins', 'allowedQueryKeys', 'ratePerMinute']}
      busy={keys.busy.value}
      submit={siteKey ? t('admin.save') : t('admin.keys.create')}
      onSubmit={submit}
      onClose={onClose}
    >
      <div class="form-grid form-grid-2">
        <div class="field">
          <label for="key-name">{t('admin.keys.name')}</label>
          <input id="key-name" required maxLength={200} value={name} placeholder={t('admin.keys.namePlaceholder')} onInput={(e) => setName(e.currentTarget.value)} {...invalidProps(error, 'name', 'key-name')} />
          <FieldError t={t} error={error} form="keys" field="name" id="key-name" />
        </div>
        <div class="field">
          <label for="key-department">{t('admin.keys.department')}</label>
          <input id="key-department" required maxLength={10} placeholder="WEB" value={department} onInput={(e) => setDepartment(e.currentTarget.value)} {...invalidProps(error, 'department', 'key-department')} />
          <FieldError t={t} error={error} form="keys" field="department" id="key-department" />
        </div>
      </div>
      <div class="field">
        <label for="key-origins">{t('admin.keys.origins')}</label>
        <textarea id="key-origins" rows={3} value={origins} placeholder="https://app.example.com" onInput={(e) => setOrigins(e.currentTarget.value)} aria-describedby="key-origins-hint" {...invalidProps(error, 'allowedOrigins', 'key-origins')} />
        <p id="key-origins-hint" class="hint">
          {t('admin.keys.originsHint')}
        </p>
        <FieldError t={t} error={error} form="keys" field="allowedOrigins" id="key-origins" />
      </div>
      <div class="form-grid form-grid-2">
        <div class="field">
          <label for="key-query">{t('admin.keys.queryKeys')}</label>
          <input id="key-query" value={queryKeys} placeholder="tab, utm_source" onInput={(e) => setQueryKeys(e.currentTarget.value)} aria-describedby="key-query-hint" {...invalidProps(error, 'allowedQueryKeys', 'key-query')} />
          <p id="key-query-hint" class="hint">
            {t('admin.keys.queryKeysHint')}
          </p>
          <FieldError t={t} error={error} form="keys" field="allowedQueryKeys" id="key-query" />
        </div>
        <div class="field">
          <label for="key-rate">{t('admin.keys.rate')}</label>
          <input id="key-rate" type="number" min={1} max={10000} required value={rate} onInput={(e) => setRate(e.currentTarget.value)} {...invalidProps(error, 'ratePerMinute', 'key-rate')} />
          <FieldError t={t} error={error} form="keys" field="ratePerMinute" id="key-rate" />
        </div>
      </div>
      {siteKey && (
        <label class="check">
          <input type="checkbox" checked={active} onChange={(e) => setActive(e.currentTarget.checked)} /> {t('admin.keys.activeLabel')}
        </label>
      )}
    </FormDialog>
  );
}
