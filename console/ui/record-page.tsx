import { useEffect } from 'preact/hooks';
import type { Locale } from '../../shared/i18n/locale';
import type { ApiClient } from '../api/client';
import { createRecordModel, type Viewer } from '../models/record';
import { errorText, textOf, type T } from '../i18n';
import { Pill, enumLabel } from './labels';
import { ActionFailure, Card, Item, when, type SectionProps } from './record-parts';
import { RecordScreening } from './record-screening';
import { RecordAssessment } from './record-assessment';
import { RecordExecution } from './record-execution';
import { RecordCommunications } from './record-communications';
import { RecordObligations } from './record-obligations';
import { RecordDuplicates } from './record-duplicates';
import { RecordRequesters } from './record-requesters';
import { RecordTimeline } from './record-timeline';
import { RecordConflict } from './record-conflict';
import { ClipMetadata } from './clip-metadata';
import { CampaignName } from './campaign-filter';
import { useModel } from './use-model';

/** Props of RecordPage. */
export interface RecordPageProps {
  t: T;
  locale: Locale;
  timeZone: string;
  api: ApiClient;
  id: string;
  viewer: Viewer;
  onBack(): void;
  onOpen(recordNumber: string): void;
}

/** Only http(s) addresses become links: a `javascript:` URL stays text. */
const safeHref = (url: string | undefined) => (url && /^https?:\/\//i.test(url) ? url : undefined);

/** Workflow steps offered in the header; screening and completion live in their own sections. */
const HEADER_ACTIONS = ['close', 'reopen'] as const;

/**
 * The record page: what was captured, and the whole process on it (screening, assessment,
 * execution, reporting back, duplicates, obligations, history). Only what the viewer's role allows
 * is offered; the server refuses the rest anyway.
 */
export function RecordPage({ t, locale, timeZone, api, id, viewer, onBack, onOpen }: RecordPageProps) {
  const model = useModel(() => createRecordModel(api, id, viewer));
  useEffect(() => void model.load(), [model]);
  const back = (
    <button type="button" class="button button-quiet button-small" onClick={onBack}>
      ← {t('console.record.back')}
    </button>
  );
  if (model.loadError.value && !model.detail.value) {
    return (
      <main id="main" class="page page-narrow">
        {back}
        <p class="banner banner-error" role="alert">
          {errorText(t, model.loadError.value)}
        </p>
      </main>
    );
  }
  const detail = model.detail.value;
  if (!detail) {
    return (
      <main id="main" class="page page-narrow" aria-busy="true">
        {back}
        <p class="muted">{t('console.queue.loading')}</p>
      </main>
    );
  }
  const r = detail.record;
  const props: SectionProps = { model, t, locale, timeZone };
  const origin = r.origin;
  const page = origin.kind === 'widget' ? origin.page : origin.kind === 'extension' ? origin.clip.page : undefined;
  const ticket = origin.kind === 'extension' ? origin.clip.ticket : undefined;
  const excerpt = origin.kind === 'extension' ? origin.clip.page.selection : undefined;
  const busy = model.busy.value !== null;
  const notice = model.notice.value;
  return (
    <main id="main" class="page page-record" aria-labelledby="record-title">
      {back}
      <header class="record-header">
        <div class="record-title">
          <h1 id="record-title">{r.recordNumber}</h1>
          <Pill kind="status" code={r.status} t={t} />
          <Pill kind="validity" code={r.validity} t={t} />
          {r.urgency && <Pill kind="urgency" code={r.urgency} t={t} />}
          {r.assessment && <Pill kind="priority" code={r.assessment.priority} t={t} />}
          {r.cycle > 1 && <span class="pill">{t('console.rec.cycle', { cycle: r.cycle })}</span>}
        </div>
        <div class="record-actions">
          <span class="visually-hidden" role="status">
            {notice ? t('console.rec.saved') : ''}
          </span>
          {HEADER_ACTIONS.filter((a) => detail.actions.includes(a)).map((a) => (
            <button key={a} type="button" class="button" disabled={busy} onClick={() => model.run(a, () => api.transition(r.id, { type: a }))}>
              {textOf(t, `workflow.action.${a}`)}
            </button>
          ))}
        </div>
      </header>
      {HEADER_ACTIONS.map((a) => (
        <ActionFailure key={a} t={t} error={model.error.value} action={a} />
      ))}
      <RecordConflict {...props} />
      <div class="record-columns">
        <div class="stack">
          <Card id="texts" title={t('console.record.texts')}>
            <h3>{t('field.problem')}</h3>
            <p class="prose">{r.problem}</p>
            {r.scenario && (
              <>
                <h3>{t('field.scenario')}</h3>
                <p class="prose">{r.scenario}</p>
              </>
            )}
            {r.expectedSolution && (
              <>
                <h3>{t('field.expectedSolution')}</h3>
                <p class="prose">{r.expectedSolution}</p>
              </>
            )}
            {excerpt && (
              <>
                <h3>{t('console.record.excerpt')}</h3>
                <blockquote class="prose">{excerpt}</blockquote>
              </>
            )}
            {r.notes && (
              <>
                <h3>{t('field.notes')}</h3>
                <p class="prose">{r.notes}</p>
              </>
            )}
            {r.attachments.length > 0 && (
              <>
                <h3>{t('field.attachments')}</h3>
                <ul class="attachments">
                  {r.attachments.map((a) => (
                    <li key={a.id}>
                      {a.sha256 && a.mimeType.startsWith('image/') && <img src={`/api/v1/attachments/${a.sha256}`} alt={a.name} loading="lazy" />}
                      <span class="attachment-name">{a.name}</span>
                      <span class="muted">{when(a.capturedAt, locale, timeZone)}</span>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </Card>
          {origin.kind === 'extension' && <ClipMetadata t={t} page={origin.clip.page} locale={locale} timeZone={timeZone} />}
          <RecordScreening key={`s${r.version}`} {...props} />
          <RecordAssessment key={`a${r.id}`} {...props} />
          <RecordExecution key={`e${r.id}`} {...props} />
          <RecordCommunications key={`c${r.id}`} {...props} />
          <RecordTimeline {...props} />
        </div>
        <aside class="stack">
          <RecordObligations {...props} />
          <RecordDuplicates {...props} onOpen={onOpen} />
          <RecordRequesters {...props} />
          <Card id="facts" title={t('console.record.facts')}>
            <dl class="facts">
              <Item label={t('field.source')}>{enumLabel(t, 'source', r.source)}</Item>
              <Item label={t('field.channel')}>{enumLabel(t, 'channel', r.channel)}</Item>
              <Item label={t('field.category')}>{enumLabel(t, 'category', r.category)}</Item>
              <Item label={t('campaign.record.label')}>{r.campaignId ? <CampaignName api={api} id={r.campaignId} /> : null}</Item>
              <Item label={t('field.initialPriority')}>{enumLabel(t, 'initialPriority', r.initialPriority)}</Item>
              <Item label={t('field.initiator')}>{r.initiator.name}</Item>
              <Item label={t('field.recordedAt')}>{when(r.recordedAt, locale, timeZone)}</Item>
            </dl>
          </Card>
          <Card id="customer" title={t('console.record.customer')}>
            <dl class="facts">
              <Item label={t('field.customerName')}>{r.customerName}</Item>
              <Item label={t('field.customerType')}>{r.customerType && enumLabel(t, 'customerType', r.customerType)}</Item>
              <Item label={t('field.customerKind')}>{r.customerKind && enumLabel(t, 'customerKind', r.customerKind)}</Item>
              <Item label={t('field.industry')}>{r.industry}</Item>
              <Item label={t('field.contactPerson')}>{r.contactPerson}</Item>
              <Item label={t('field.contact')}>{r.contact}</Item>
            </dl>
          </Card>
          {(page || ticket) && (
            <Card id="context" title={t('console.record.context')}>
              <dl class="facts">
                {page && <Item label={t('console.record.page')}>{safeHref(page.url) ? <a href={safeHref(page.url)} rel="noopener noreferrer" target="_blank">{page.title || page.url}</a> : page.url}</Item>}
                {origin.kind === 'widget' && <Item label={t('console.record.appVersion')}>{origin.page.appVersion}</Item>}
                {ticket && <Item label={t('console.record.ticket')}>{safeHref(ticket.url) ? <a href={safeHref(ticket.url)} rel="noopener noreferrer" target="_blank">{ticket.subject ?? ticket.ticketId ?? ticket.url}</a> : ticket.url}</Item>}
              </dl>
            </Card>
          )}
        </aside>
      </div>
    </main>
  );
}
