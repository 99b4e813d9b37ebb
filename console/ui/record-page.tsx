import { useEffect, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import type { Locale } from '../../shared/i18n/locale';
import type { RecordDetail } from '../../shared/schemas/record-page';
import { formatDateTime } from '../../shared/i18n/format-date';
import type { ApiClient } from '../api/client';
import { errorText, textOf, type T } from '../i18n';
import { Pill, enumLabel } from './labels';

/** Props of RecordPage. */
export interface RecordPageProps {
  t: T;
  locale: Locale;
  timeZone: string;
  api: ApiClient;
  id: string;
  onBack(): void;
}

/** A label and its value; empty values show a dash. */
function Item({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="item">
      <dt>{label}</dt>
      <dd>{children ?? '—'}</dd>
    </div>
  );
}

/** A workflow step in the reader's language (`transition:mark_valid`); other actions as the server names them. */
const actionLabel = (t: T, action: string): string => {
  const step = /^transition:(\w+)$/.exec(action)?.[1];
  const text = step ? textOf(t, `workflow.action.${step}`) : action;
  return text.startsWith('workflow.action.') ? action : text;
};

/** A record field's label, or its name when it has none. */
const fieldLabel = (t: T, field: string): string => {
  const text = textOf(t, `field.${field}`);
  return text === `field.${field}` ? field : text;
};

/** Only http(s) addresses become links: a `javascript:` URL stays text. */
const safeHref = (url: string | undefined) => (url && /^https?:\/\//i.test(url) ? url : undefined);

/** A record as captured, read-only: texts, classification, where it came from, attachments, audit trail. */
export function RecordPage({ t, locale, timeZone, api, id, onBack }: RecordPageProps) {
  const [detail, setDetail] = useState<RecordDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    setDetail(null);
    setError(null);
    void api.record(id).then((result) => {
      if (!current) return;
      if (result.ok) setDetail(result.value);
      else setError(result.failure.code);
    });
    return () => {
      current = false;
    };
  }, [id]);
  const when = (at: string | null | undefined) => (at ? formatDateTime(at, locale, timeZone) : '—');
  const back = (
    <button type="button" class="button button-quiet button-small" onClick={onBack}>
      ← {t('console.record.back')}
    </button>
  );
  if (error) {
    return (
      <main id="main" class="page page-narrow">
        {back}
        <p class="banner banner-error" role="alert">
          {errorText(t, error)}
        </p>
      </main>
    );
  }
  if (!detail) {
    return (
      <main id="main" class="page page-narrow" aria-busy="true">
        {back}
        <p class="muted">{t('console.queue.loading')}</p>
      </main>
    );
  }
  const r = detail.record;
  const origin = r.origin;
  const page = origin.kind === 'widget' ? origin.page : origin.kind === 'extension' ? origin.clip.page : undefined;
  const ticket = origin.kind === 'extension' ? origin.clip.ticket : undefined;
  const excerpt = origin.kind === 'extension' ? origin.clip.page.selection : undefined;
  return (
    <main id="main" class="page page-record" aria-labelledby="record-title">
      {back}
      <header class="record-header">
        <h1 id="record-title">{r.recordNumber}</h1>
        <Pill kind="status" code={r.status} t={t} />
        <Pill kind="validity" code={r.validity} t={t} />
        {r.urgency && <Pill kind="urgency" code={r.urgency} t={t} />}
      </header>
      <div class="record-columns">
        <div class="stack">
          <section class="card" aria-labelledby="texts-title">
            <h2 id="texts-title">{t('console.record.texts')}</h2>
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
          </section>
          {r.attachments.length > 0 && (
            <section class="card" aria-labelledby="attachments-title">
              <h2 id="attachments-title">{t('field.attachments')}</h2>
              <ul class="attachments">
                {r.attachments.map((a) => (
                  <li key={a.id}>
                    {a.sha256 && a.mimeType.startsWith('image/') && <img src={`/api/v1/attachments/${a.sha256}`} alt={a.name} loading="lazy" />}
                    <span>{a.name}</span>
                    <span class="muted">{when(a.capturedAt)}</span>
                  </li>
                ))}
              </ul>
            </section>
          )}
          <section class="card" aria-labelledby="audit-title">
            <h2 id="audit-title">{t('console.record.audit')}</h2>
            {detail.audit.length === 0 ? (
              <p class="muted">{t('console.record.noAudit')}</p>
            ) : (
              <ol class="timeline">
                {detail.audit.map((entry) => (
                  <li key={entry.id}>
                    <span class="timeline-action">{actionLabel(t, entry.action)}</span>
                    <span class="muted">
                      {entry.actor.label} · {when(entry.at)}
                    </span>
                    {entry.action !== 'create' && entry.after && Object.keys(entry.after).length > 0 && (
                      <span class="timeline-fields">{Object.keys(entry.after).map((f) => fieldLabel(t, f)).join(' · ')}</span>
                    )}
                  </li>
                ))}
              </ol>
            )}
          </section>
        </div>
        <aside class="stack">
          <section class="card" aria-labelledby="facts-title">
            <h2 id="facts-title">{t('console.record.facts')}</h2>
            <dl class="facts">
              <Item label={t('field.source')}>{enumLabel(t, 'source', r.source)}</Item>
              <Item label={t('field.channel')}>{enumLabel(t, 'channel', r.channel)}</Item>
              <Item label={t('field.category')}>{enumLabel(t, 'category', r.category)}</Item>
              <Item label={t('field.nature')}>{enumLabel(t, 'nature', r.nature)}</Item>
              <Item label={t('field.priority')}>{r.assessment?.priority ?? enumLabel(t, 'initialPriority', r.initialPriority)}</Item>
              <Item label={t('field.owner')}>{r.owner?.name}</Item>
              <Item label={t('field.dueAt')}>{r.dueAt && when(r.dueAt)}</Item>
              <Item label={t('field.initiator')}>{r.initiator.name}</Item>
              <Item label={t('field.recordedAt')}>{when(r.recordedAt)}</Item>
            </dl>
          </section>
          <section class="card" aria-labelledby="customer-title">
            <h2 id="customer-title">{t('console.record.customer')}</h2>
            <dl class="facts">
              <Item label={t('field.customerName')}>{r.customerName}</Item>
              <Item label={t('field.customerType')}>{r.customerType && enumLabel(t, 'customerType', r.customerType)}</Item>
              <Item label={t('field.customerKind')}>{r.customerKind && enumLabel(t, 'customerKind', r.customerKind)}</Item>
              <Item label={t('field.industry')}>{r.industry}</Item>
              <Item label={t('field.contactPerson')}>{r.contactPerson}</Item>
              <Item label={t('field.contact')}>{r.contact}</Item>
            </dl>
          </section>
          {(page || ticket) && (
            <section class="card" aria-labelledby="context-title">
              <h2 id="context-title">{t('console.record.context')}</h2>
              <dl class="facts">
                {page && <Item label={t('console.record.page')}>{safeHref(page.url) ? <a href={safeHref(page.url)} rel="noopener noreferrer" target="_blank">{page.title || page.url}</a> : page.url}</Item>}
                {origin.kind === 'widget' && <Item label={t('console.record.appVersion')}>{origin.page.appVersion}</Item>}
                {ticket && <Item label={t('console.record.ticket')}>{safeHref(ticket.url) ? <a href={safeHref(ticket.url)} rel="noopener noreferrer" target="_blank">{ticket.subject ?? ticket.ticketId ?? ticket.url}</a> : ticket.url}</Item>}
              </dl>
            </section>
          )}
        </aside>
      </div>
    </main>
  );
}
