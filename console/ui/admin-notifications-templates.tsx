import { useEffect } from 'preact/hooks';
import { COMMUNICATION_KINDS } from '../../shared/schemas/codes';
import { LOCALES, type Locale } from '../../shared/schemas/common';
import type { CommunicationKind } from '../../shared/schemas/enums';
import { TEMPLATE_PLACEHOLDERS } from '../../shared/schemas/message';
import type { AdminTemplates } from '../models/admin-notifications';
import type { T } from '../i18n';
import { ErrorBanner, FieldError, invalidProps } from './admin-parts';

/** Props of TemplatesSection. */
export interface TemplatesSectionProps {
  t: T;
  templates: AdminTemplates;
}

/** Customer e-mail templates: choose case and language, edit subject and body with the placeholders listed, a live preview, save, reset to the default (shown beside). */
export function TemplatesSection({ t, templates }: TemplatesSectionProps) {
  useEffect(() => void templates.load(), [templates]);
  const current = templates.current.value;
  const error = templates.error.value;
  const preview = templates.preview.value;
  const notice = templates.notice.value;
  return (
    <section class="card" aria-labelledby="templates-title">
      <h2 id="templates-title">{t('notify.admin.templates.title')}</h2>
      <p class="muted">{t('notify.admin.templates.lead')}</p>
      <div class="form-grid form-grid-2">
        <div class="field">
          <label for="template-kind">{t('notify.admin.templates.kind')}</label>
          <select id="template-kind" value={templates.kind.value} onChange={(e) => templates.choose({ kind: e.currentTarget.value as CommunicationKind })}>
            {COMMUNICATION_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`enum.communicationKind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="template-locale">{t('notify.admin.templates.locale')}</label>
          <select id="template-locale" value={templates.locale.value} onChange={(e) => templates.choose({ locale: e.currentTarget.value as Locale })}>
            {LOCALES.map((l) => (
              <option key={l} value={l}>
                {t(`notify.admin.locale.${l}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {current && (
        <p>
          <span class={`pill ${current.custom ? 'pill-ok' : 'pill-muted'}`} data-testid="template-state">
            {current.custom ? t('notify.admin.templates.custom') : t('notify.admin.templates.builtIn')}
          </span>
        </p>
      )}
      <div class="form-grid form-grid-2">
        <form
          class="stack"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void templates.save();
          }}
        >
          <div class="field">
            <label for="template-subject">{t('notify.admin.templates.subject')}</label>
            <input id="template-subject" maxLength={200} value={templates.subject.value} onInput={(e) => (templates.subject.value = e.currentTarget.value)} {...invalidProps(error, 'subject', 'template-subject')} />
            <FieldError t={t} error={error} form="templates" field="subject" id="template-subject" />
          </div>
          <div class="field">
            <label for="template-body">{t('notify.admin.templates.body')}</label>
            <textarea
              id="template-body"
              rows={10}
              maxLength={5000}
              value={templates.body.value}
              onInput={(e) => (templates.body.value = e.currentTarget.value)}
              aria-describedby="template-placeholders"
              {...invalidProps(error, 'body', 'template-body')}
            />
            <FieldError t={t} error={error} form="templates" field="body" id="template-body" />
          </div>
          <div id="template-placeholders" class="hint">
            <p>{t('notify.admin.templates.placeholders')}</p>
            <ul>
              {TEMPLATE_PLACEHOLDERS.map((p) => (
                <li key={p}>
                  <code>{`{${p}}`}</code> {t(`notify.admin.templates.placeholder.${p}`)}
                </li>
              ))}
            </ul>
          </div>
          <ErrorBanner t={t} error={error} shown={['subject', 'body']} />
          <p role="status" class="hint">
            {notice === 'saved' ? t('notify.admin.templates.saved') : notice === 'reset' ? t('notify.admin.templates.resetDone') : ''}
          </p>
          <div class="form-actions">
            <button type="button" class="button button-quiet" disabled={!current?.custom || templates.busy.value} onClick={() => void templates.reset()}>
              {t('notify.admin.templates.reset')}
            </button>
            <button type="submit" class="button button-primary" disabled={templates.busy.value}>
              {t('notify.admin.templates.save')}
            </button>
          </div>
        </form>
        <div class="stack">
          <section aria-labelledby="template-preview-title" data-testid="template-preview">
            <h3 id="template-preview-title">{t('notify.admin.templates.preview')}</h3>
            <p>
              <strong data-testid="preview-subject">{preview.subject}</strong>
            </p>
            <div class="prose mono" data-testid="preview-body">
              {preview.body}
            </div>
          </section>
          {current?.custom && (
            <details>
              <summary>{t('notify.admin.templates.default')}</summary>
              <p>
                <strong>{current.default.subject}</strong>
              </p>
              <div class="prose mono">{current.default.body}</div>
            </details>
          )}
        </div>
      </div>
    </section>
  );
}
