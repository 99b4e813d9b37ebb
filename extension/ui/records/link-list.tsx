import type { Locale } from '../../../shared/schemas/common';
import type { OutboxEntry } from '../../../shared/sync';
import { isMessageKey, t, tKey } from '../../i18n/t';
import type { LinkPayload } from '../../records/requester-link';

/** Props: the linked clips, the server whose console shows their records, and what to do with a refused one. */
export interface LinkListProps {
  locale: Locale;
  entries: OutboxEntry<LinkPayload>[];
  serverUrl: string;
  onBackToDraft: (id: string) => void;
  onDismiss: (id: string) => void;
}

/** Why a link was refused: the record rule's own words when the server named one, else the error code's. */
function reasonText(locale: Locale, entry: OutboxEntry<LinkPayload>): string {
  const guard = entry.error?.errors?.[0]?.code;
  if (guard && isMessageKey(`rule.guard.${guard}`)) return tKey(locale, `rule.guard.${guard}` as 'rule.guard.link_undone');
  const key = `error.${entry.error?.code ?? ''}`;
  return isMessageKey(key) ? tKey(locale, key) : (entry.error?.message ?? '');
}

/** The console's page of a record, on the server the extension sends to. */
function consoleHref(serverUrl: string, recordNumber: string): string | undefined {
  try {
    return new URL(`/records/${encodeURIComponent(recordNumber)}`, serverUrl).href;
  } catch {
    return undefined;
  }
}

/** Clips linked to existing records as another requester: waiting, linked (with the console link) or refused. */
export function LinkList({ locale, entries, serverUrl, onBackToDraft, onDismiss }: LinkListProps) {
  if (entries.length === 0) return null;
  return (
    <section class="links" aria-labelledby="link-list-title">
      <h3 id="link-list-title">{t(locale, 'ext.link.list')}</h3>
      <ul>
        {entries.map((entry) => {
          const number = entry.payload.target.recordNumber;
          const href = consoleHref(serverUrl, number);
          return (
            <li key={entry.id} data-testid="link-row" data-state={entry.state}>
              {entry.state === 'synced' ? (
                <span class="state synced">
                  {t(locale, 'ext.state.linked', { number })}{' '}
                  {href && (
                    <a href={href} target="_blank" rel="noopener noreferrer" data-testid="link-open">
                      {t(locale, 'ext.link.open', { number })}
                    </a>
                  )}
                </span>
              ) : entry.state === 'rejected' || entry.state === 'conflict' ? (
                <>
                  <span class="state rejected" role="status">
                    {t(locale, 'ext.link.state.rejected', { number, reason: reasonText(locale, entry) })}
                  </span>{' '}
                  <button type="button" onClick={() => onBackToDraft(entry.id)}>
                    {t(locale, 'ext.link.back_to_draft')}
                  </button>{' '}
                  <button type="button" class="quiet" onClick={() => onDismiss(entry.id)}>
                    {t(locale, 'ext.link.dismiss')}
                  </button>
                </>
              ) : (
                <span class="state queued">{t(locale, 'ext.link.state.queued', { number })}</span>
              )}
              <p class="problem">{entry.payload.body.excerpt}</p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
