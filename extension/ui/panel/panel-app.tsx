import { useEffect } from 'preact/hooks';
import type { Locale } from '../../../shared/schemas/common';
import { t, tKey } from '../../i18n/t';
import { RecordForm } from '../form/record-form';
import { RedactionEditor } from '../redaction/redaction-editor';
import { FailedClips } from '../records/failed-clips';
import { RecordList } from '../records/record-list';
import { AlreadyRecorded } from '../records/already-recorded';
import { LinkList } from '../records/link-list';
import type { DraftState, PanelModel } from './panel-model';
import { TeachPanel } from '../teach/teach-panel';
import type { TeachModel } from '../teach/teach-model';

function ClipSummary({ locale, draft }: { locale: Locale; draft: DraftState }) {
  const { clip, missingFields } = draft.entry.payload;
  const ticket = clip.ticket;
  const system = ticket ? t(locale, `enum.helpdeskSystem.${ticket.system}`) : '';
  // The page's own language and direction: a right-to-left title reads right to left here too.
  const reader = clip.page.reader;
  const dir = reader?.dir ?? clip.page.metadata['page:dir'];
  const lang = reader?.lang ?? clip.page.metadata['page:lang'];
  const textDir = dir === 'rtl' || dir === 'ltr' ? dir : 'auto';
  const byline = [reader?.author, reader?.siteName, reader?.publishedTime].filter(Boolean).join(' · ');
  return (
    <section class="clip" data-testid="clip-summary">
      <p class="hint">{t(locale, 'ext.clip.source')}</p>
      <p class="clip-title" data-testid="clip-title" dir={textDir} lang={lang}>
        {clip.page.title || clip.page.url}
      </p>
      {byline && (
        <p class="hint" data-testid="clip-byline" dir={textDir} lang={lang}>
          {byline}
        </p>
      )}
      {reader?.description && !ticket && (
        <p class="clip-description" data-testid="clip-description" dir={textDir} lang={lang}>
          {reader.description}
        </p>
      )}
      {ticket && (
        <p data-testid="clip-ticket">
          {ticket.ticketId ? t(locale, 'ext.clip.ticket', { system, id: `#${ticket.ticketId}` }) : t(locale, 'ext.clip.ticket_no_id', { system })}
          {ticket.requester ? ` · ${ticket.requester}` : ''}
        </p>
      )}
      {missingFields.length > 0 && (
        <p class="hint" data-testid="clip-missing">
          {t(locale, 'ext.clip.missing', { fields: missingFields.join(', ') })}
        </p>
      )}
    </section>
  );
}

/** The side panel: clip button, the draft being recorded, similar records, the record queue, and teaching a page. */
export function PanelApp({ model, teach }: { model: PanelModel; teach?: TeachModel }) {
  const locale = model.locale.value;
  const draft = model.draft.value;
  const notice = model.notice.value;
  const problem = draft?.form.values.value.problem ?? '';
  const draftId = draft?.entry.id;
  useEffect(() => {
    if (!draftId) return;
    const timer = setTimeout(() => void model.findSimilar(), 600);
    return () => clearTimeout(timer);
  }, [draftId, problem]);
  const status = model.syncStatus.value;

  return (
    <main class="panel" lang={locale}>
      <header>
        <h1>{t(locale, 'ext.panel.title')}</h1>
        <button type="button" class="primary" disabled={model.capturing.value} onClick={() => void model.capture()} data-testid="capture">
          {model.capturing.value ? t(locale, 'ext.panel.capturing') : t(locale, 'ext.panel.capture')}
        </button>
      </header>
      {teach && !teach.open.value && (
        <button type="button" class="quiet" onClick={() => void teach.start()} data-testid="teach-open">
          {t(locale, 'ext.teach.open')}
        </button>
      )}
      {teach && <TeachPanel locale={locale} model={teach} />}
      {!model.configured.value && (
        <p class="warn">
          {t(locale, model.insecureServer.value ? 'ext.options.insecure_url' : 'ext.panel.setup_needed')}{' '}
          <button type="button" class="quiet" onClick={() => model.openOptions()}>
            {t(locale, 'ext.panel.open_options')}
          </button>
        </p>
      )}
      {notice && (
        <p class={notice.tone === 'ok' ? 'ok' : 'field-error'} role="status" data-testid="notice">
          {tKey(locale, notice.key, notice.params)}
        </p>
      )}
      <FailedClips
        locale={locale}
        items={model.failedClips.value}
        busy={model.capturing.value}
        onRetry={(id) => void model.retryClip(id)}
        onDismiss={(id) => void model.dismissClip(id)}
      />
      {draft ? (
        <section class="draft" data-testid="draft" data-draft-id={draft.entry.id}>
          <ClipSummary locale={locale} draft={draft} />
          {draft.image ? (
            <RedactionEditor
              locale={locale}
              image={draft.image}
              model={draft.redaction}
              onApply={() => void model.applyRedaction()}
              onRemove={() => void model.removeScreenshot()}
            />
          ) : (
            <p class="hint" data-testid="no-screenshot">
              {draft.entry.payload.screenshotMissing ? t(locale, `ext.shot.missing.${draft.entry.payload.screenshotMissing}`) : t(locale, 'ext.shot.none')}
            </p>
          )}
          <AlreadyRecorded
            locale={locale}
            state={model.similar.value.state}
            items={model.similar.value.items}
            busy={model.saving.value}
            onSearch={(q) => void model.findSimilar(q)}
            onConfirm={(choice) => void model.linkDraft(choice)}
          />
          <RecordForm locale={locale} model={draft.form} saving={model.saving.value} onSave={() => void model.save()} />
          <p class="hint">{t(locale, 'ext.panel.draft_saved')}</p>
          <button type="button" class="quiet" onClick={() => void model.discard()}>
            {t(locale, 'ext.panel.discard')}
          </button>
        </section>
      ) : (
        <p class="hint">{t(locale, 'ext.panel.no_draft')}</p>
      )}
      <section class="queue">
        <h2>
          {t(locale, 'ext.panel.records')}
          {model.unsynced.value > 0 && (
            <span class="count" data-testid="unsynced">
              {' '}
              {t(locale, 'ext.panel.unsynced', { count: model.unsynced.value })}
            </span>
          )}
        </h2>
        {status?.lastError && model.unsynced.value > 0 && (
          <p class="hint">{t(locale, 'ext.panel.last_sync_error', { reason: t(locale, `error.${status.lastError.code}` as 'error.network_error') })}</p>
        )}
        {model.unsynced.value > 0 && (
          <button type="button" onClick={() => void model.syncNow()} data-testid="sync-now">
            {t(locale, 'ext.panel.sync_now')}
          </button>
        )}
        <LinkList
          locale={locale}
          entries={model.links.value}
          serverUrl={model.options.value?.serverUrl ?? ''}
          onBackToDraft={(id) => void model.linkBackToDraft(id)}
          onDismiss={(id) => void model.dismissLink(id)}
        />
        <RecordList
          locale={locale}
          rows={model.records.value}
          onResend={(id, edited) => model.resend(id, edited)}
          onKeepServer={(id) => void model.keepServerCopy(id)}
        />
      </section>
    </main>
  );
}
