import { useEffect, useState } from 'preact/hooks';
import { formatDateTime } from '../../shared/i18n/format-date';
import type { Locale } from '../../shared/i18n/locale';
import { WEBHOOK_EVENTS, WEBHOOK_FORMATS, type WebhookEventType, type WebhookFormat, type WebhookView } from '../../shared/schemas/webhook';
import type { AdminWebhooks } from '../models/admin-notifications';
import { textOf, type T } from '../i18n';
import { ConfirmDialog, ErrorBanner, FieldError, FormDialog, SecretOnce, invalidProps } from './admin-parts';

/** Props of WebhooksSection. */
export interface WebhooksSectionProps {
  t: T;
  locale: Locale;
  timeZone: string;
  hooks: AdminWebhooks;
  copy(text: string): Promise<boolean>;
}

/** Formats whose bot signs with a secret the admin pastes in (standard endpoints get one made by the server). */
const PASTED_SECRET: readonly WebhookFormat[] = ['dingtalk', 'feishu'];

const eventLabel = (t: T, type: string) => textOf(t, `notify.event.${type}`);

/** Webhook and team-chat endpoints: the list with their events and state, add/edit, pause, remove (confirmed), test, and each one's delivery log. */
export function WebhooksSection({ t, locale, timeZone, hooks, copy }: WebhooksSectionProps) {
  const [editing, setEditing] = useState<WebhookView | 'new' | null>(null);
  const [removing, setRemoving] = useState<WebhookView | null>(null);
  useEffect(() => void hooks.load(), [hooks]);
  const secret = hooks.secret.value;
  const notice = hooks.notice.value;
  const log = hooks.log.value;
  return (
    <>
      {secret && (
        <SecretOnce
          t={t}
          id="webhook-secret-title"
          title={t('notify.admin.webhooks.secretOnce', { name: secret.name })}
          secret={secret.secret}
          testId="webhook-secret"
          copyLabel={t('notify.admin.webhooks.copySecret')}
          hint={t('notify.admin.webhooks.secretUse')}
          copy={copy}
          onDone={hooks.dismiss}
        />
      )}
      <section class="card" aria-labelledby="webhooks-title">
        <div class="card-head">
          <h2 id="webhooks-title">{t('notify.admin.webhooks.title')}</h2>
          <button type="button" class="button button-primary" onClick={() => (hooks.clearError(), setEditing('new'))}>
            {t('notify.admin.webhooks.new')}
          </button>
        </div>
        <p class="muted">{t('notify.admin.webhooks.lead')}</p>
        <p role="status" class="hint">
          {notice ? t('notify.admin.webhooks.testQueued', { name: notice.name }) : ''}
        </p>
        {!editing && <ErrorBanner t={t} error={hooks.error.value} shown={[]} />}
        {hooks.loaded.value && hooks.items.value.length === 0 && <p class="empty">{t('notify.admin.webhooks.none')}</p>}
        <ul class="admin-list">
          {hooks.items.value.map((hook) => (
            <li key={hook.id} class="admin-item" data-webhook={hook.name}>
              <div class="admin-item-head">
                <div>
                  <h3>{hook.name}</h3>
                  <p class="muted">
                    {t(`notify.admin.webhooks.format.${hook.format}`)} · {hook.signed ? t('notify.admin.webhooks.signed') : t('notify.admin.webhooks.unsigned')}
                  </p>
                  <p class="mono muted">{hook.url}</p>
                </div>
                <div class="actions">
                  {hook.active ? <span class="pill pill-ok">{t('notify.admin.webhooks.active')}</span> : <span class="pill pill-muted">{t('notify.admin.webhooks.paused')}</span>}
                </div>
              </div>
              <p>{hook.events.map((e) => eventLabel(t, e)).join(' · ')}</p>
              <div class="actions">
                <button type="button" class="button button-small" aria-label={t('notify.admin.webhooks.testNamed', { name: hook.name })} disabled={!hook.active || hooks.busy.value} onClick={() => void hooks.sendTest(hook)}>
                  {t('notify.admin.webhooks.test')}
                </button>
                <button type="button" class="button button-small" aria-label={t('notify.admin.log.showNamed', { name: hook.name })} onClick={() => void hooks.openLog(hook)}>
                  {t('notify.admin.log.show')}
                </button>
                <button type="button" class="button button-small" aria-label={t('notify.admin.webhooks.editNamed', { name: hook.name })} onClick={() => (hooks.clearError(), setEditing(hook))}>
                  {t('admin.edit')}
                </button>
                <button
                  type="button"
                  class="button button-small"
                  aria-label={t(hook.active ? 'notify.admin.webhooks.pauseNamed' : 'notify.admin.webhooks.activateNamed', { name: hook.name })}
                  onClick={() => void hooks.update(hook.id, { active: !hook.active })}
                >
                  {t(hook.active ? 'notify.admin.webhooks.pause' : 'notify.admin.webhooks.activate')}
                </button>
                <button type="button" class="button button-small button-danger" aria-label={t('notify.admin.webhooks.removeNamed', { name: hook.name })} onClick={() => setRemoving(hook)}>
                  {t('notify.admin.webhooks.remove')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      </section>
      {log && <DeliveryLog t={t} locale={locale} timeZone={timeZone} hooks={hooks} endpoint={log.endpoint} />}
      {editing && <WebhookDialog t={t} hooks={hooks} endpoint={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {removing && (
        <ConfirmDialog
          t={t}
          id="webhook-remove-title"
          title={t('notify.admin.webhooks.removeTitle', { name: removing.name })}
          lead={t('notify.admin.webhooks.removeLead')}
          confirm={t('notify.admin.webhooks.removeConfirm')}
          onConfirm={() => hooks.remove(removing.id)}
          onClose={() => setRemoving(null)}
        />
      )}
    </>
  );
}

/** One endpoint's delivery log: every attempt with its outcome, HTTP status, error and, while a retry is pending, when it comes. */
function DeliveryLog({ t, locale, timeZone, hooks, endpoint }: { t: T; locale: Locale; timeZone: string; hooks: AdminWebhooks; endpoint: WebhookView }) {
  const items = hooks.log.value?.items ?? [];
  const when = (iso: string) => formatDateTime(iso, locale, timeZone);
  return (
    <section class="card" aria-labelledby="webhook-log-title" data-testid="webhook-log">
      <div class="card-head">
        <h2 id="webhook-log-title">{t('notify.admin.log.title', { name: endpoint.name })}</h2>
        <div class="actions">
          <button type="button" class="button button-small" onClick={() => void hooks.openLog(endpoint)}>
            {t('notify.admin.log.refresh')}
          </button>
          <button type="button" class="button button-small button-quiet" onClick={hooks.closeLog}>
            {t('admin.close')}
          </button>
        </div>
      </div>
      {items.length === 0 ? (
        <p class="empty">{t('notify.admin.log.none')}</p>
      ) : (
        <table class="simple-table">
          <caption class="visually-hidden">{t('notify.admin.log.title', { name: endpoint.name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('notify.admin.log.at')}</th>
              <th scope="col">{t('notify.admin.log.event')}</th>
              <th scope="col">{t('notify.admin.log.attempt')}</th>
              <th scope="col">{t('notify.admin.log.outcome')}</th>
              <th scope="col">{t('notify.admin.log.status')}</th>
              <th scope="col">{t('notify.admin.log.error')}</th>
              <th scope="col">{t('notify.admin.log.next')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((d) => (
              <tr key={d.id} data-outcome={d.outcome} data-event={d.eventType}>
                <td>{when(d.at)}</td>
                <td>{eventLabel(t, d.eventType)}</td>
                <td>{d.attempt}</td>
                <td>
                  <span class={`pill ${d.outcome === 'delivered' ? 'pill-ok' : 'pill-obligation-breached'}`}>{t(`notify.admin.log.${d.outcome}`)}</span>
                </td>
                <td>{d.statusCode ?? '–'}</td>
                <td>{d.error ?? ''}</td>
                <td>{d.nextAttemptAt ? when(d.nextAttemptAt) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Add or edit one endpoint: name, kind (fixed once made), URL, the bot's signing secret where it has one, and events. */
function WebhookDialog({ t, hooks, endpoint, onClose }: { t: T; hooks: AdminWebhooks; endpoint: WebhookView | null; onClose(): void }) {
  const [name, setName] = useState(endpoint?.name ?? '');
  const [url, setUrl] = useState(endpoint?.url ?? '');
  const [format, setFormat] = useState<WebhookFormat>(endpoint?.format ?? 'standard');
  const [secret, setSecret] = useState('');
  const [events, setEvents] = useState<readonly WebhookEventType[]>(endpoint?.events ?? ['record.created']);
  const error = hooks.error.value;
  const toggle = (event: WebhookEventType, on: boolean) => setEvents(WEBHOOK_EVENTS.filter((e) => (e === event ? on : events.includes(e))));
  const submit = async () => {
    const common = { name: name.trim(), url: url.trim(), events: [...events] };
    const done = endpoint
      ? await hooks.update(endpoint.id, common)
      : await hooks.create({ ...common, format, ...(PASTED_SECRET.includes(format) && secret.trim() ? { secret: secret.trim() } : {}) });
    if (done) onClose();
  };
  return (
    <FormDialog
      t={t}
      id="webhook-dialog-title"
      title={endpoint ? t('notify.admin.webhooks.editTitle', { name: endpoint.name }) : t('notify.admin.webhooks.new')}
      error={error}
      shown={['name', 'url', 'secret', 'events']}
      busy={hooks.busy.value}
      submit={endpoint ? t('admin.save') : t('notify.admin.webhooks.create')}
      onSubmit={submit}
      onClose={onClose}
    >
      <div class="form-grid form-grid-2">
        <div class="field">
          <label for="webhook-name">{t('notify.admin.webhooks.name')}</label>
          <input id="webhook-name" required maxLength={200} value={name} onInput={(e) => setName(e.currentTarget.value)} {...invalidProps(error, 'name', 'webhook-name')} />
          <FieldError t={t} error={error} form="webhooks" field="name" id="webhook-name" />
        </div>
        <div class="field">
          <label for="webhook-format">{t('notify.admin.webhooks.format')}</label>
          <select id="webhook-format" value={format} disabled={endpoint !== null} onChange={(e) => setFormat(e.currentTarget.value as WebhookFormat)}>
            {WEBHOOK_FORMATS.map((f) => (
              <option key={f} value={f}>
                {t(`notify.admin.webhooks.format.${f}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div class="field">
        <label for="webhook-url">{t('notify.admin.webhooks.url')}</label>
        <input
          id="webhook-url"
          type="url"
          required
          value={url}
          placeholder="https://"
          onInput={(e) => setUrl(e.currentTarget.value)}
          aria-describedby="webhook-url-hint"
          {...invalidProps(error, 'url', 'webhook-url')}
        />
        <p id="webhook-url-hint" class="hint">
          {t('notify.admin.webhooks.urlHint')}
        </p>
        <FieldError t={t} error={error} form="webhooks" field="url" id="webhook-url" />
      </div>
      {!endpoint && format === 'standard' && <p class="hint">{t('notify.admin.webhooks.secretHint.standard')}</p>}
      {!endpoint && PASTED_SECRET.includes(format) && (
        <div class="field">
          <label for="webhook-secret">{t('notify.admin.webhooks.secret')}</label>
          <input
            id="webhook-secret"
            autocomplete="off"
            maxLength={200}
            value={secret}
            onInput={(e) => setSecret(e.currentTarget.value)}
            aria-describedby="webhook-secret-hint"
            {...invalidProps(error, 'secret', 'webhook-secret')}
          />
          <p id="webhook-secret-hint" class="hint">
            {t(format === 'dingtalk' ? 'notify.admin.webhooks.secretHint.dingtalk' : 'notify.admin.webhooks.secretHint.feishu')}
          </p>
          <FieldError t={t} error={error} form="webhooks" field="secret" id="webhook-secret" />
        </div>
      )}
      <fieldset class="choice-group" {...invalidProps(error, 'events', 'webhook-events')}>
        <legend>{t('notify.admin.webhooks.events')}</legend>
        {WEBHOOK_EVENTS.map((event) => (
          <label key={event} class="check">
            <input type="checkbox" checked={events.includes(event)} onChange={(e) => toggle(event, e.currentTarget.checked)} /> {eventLabel(t, event)}
          </label>
        ))}
      </fieldset>
      <FieldError t={t} error={error} form="webhooks" field="events" id="webhook-events" />
    </FormDialog>
  );
}
