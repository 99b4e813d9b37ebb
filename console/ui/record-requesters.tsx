import { linkedRequesters } from '../../shared/domain/asked-by';
import { enumLabel } from './labels';
import { ActionFailure, Card, when, type SectionProps } from './record-parts';

/** Only http(s) addresses become links: anything else stays text. */
const safeHref = (url: string) => (/^https?:\/\//i.test(url) ? url : undefined);

/**
 * Requesters linked from clips (DOMAIN.md §4 "asked by N"): for each, who asked and how to reach
 * them (masked), when, through which channel and agent, and what they asked; reviewers undo a link.
 * Hidden while the record has none.
 */
export function RecordRequesters({ model, t, locale, timeZone }: SectionProps) {
  const record = model.detail.value!.record;
  const entries = linkedRequesters(record);
  if (entries.length === 0) return null;
  const canUndo = model.allowed('record.merge');
  const busy = model.busy.value !== null;
  return (
    <Card id="requesters" title={t('console.rec.requesters')} aside={<span class="pill pill-asked">{t('console.rec.requestersLinked', { count: entries.length })}</span>}>
      <ul class="dup-list" aria-label={t('console.rec.requesters')}>
        {entries.map((entry) => {
          const name = entry.customerName ?? t('console.rec.requesterUnnamed');
          const href = entry.page ? safeHref(entry.page.url) : undefined;
          return (
            <li key={entry.id} data-testid="linked-requester">
              <span class="dup-head">
                <strong>{name}</strong>
                {entry.contact && <span class="mono">{entry.contact}</span>}
                <span class="muted">{when(entry.askedAt, locale, timeZone)}</span>
              </span>
              <span class="muted">
                {t('console.rec.requesterVia', { channel: enumLabel(t, 'channel', entry.channel), agent: entry.linkedBy.name, at: when(entry.linkedAt, locale, timeZone) })}
              </span>
              <span class="dup-text">{entry.excerpt}</span>
              {entry.page &&
                (href ? (
                  <a href={href} target="_blank" rel="noopener noreferrer">
                    {entry.page.ticketId ? `#${entry.page.ticketId} ` : ''}
                    {entry.page.title || entry.page.url}
                  </a>
                ) : (
                  <span class="muted">{entry.page.title || entry.page.url}</span>
                ))}
              {canUndo && (
                <button
                  type="button"
                  class="button button-small"
                  disabled={busy}
                  onClick={() => model.run('unlinkRequester', () => model.api.undoRequesterLink(record.id, entry.id))}
                  aria-label={t('console.rec.undoLinkOf', { name })}
                >
                  {t('console.rec.undoLink')}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      <ActionFailure t={t} error={model.error.value} action="unlinkRequester" />
    </Card>
  );
}
