import type { Locale } from '../../../shared/schemas/common';
import { t } from '../../i18n/t';
import type { SimilarRecord } from '../../messaging/protocol';
import type { LinkTarget } from '../../records/draft';

/** Props: what the search found, the chosen link, and how to change it. */
export interface SimilarListProps {
  locale: Locale;
  state: 'idle' | 'loading' | 'done' | 'offline';
  items: SimilarRecord[];
  linkTo: LinkTarget | undefined;
  onLink: (target: LinkTarget | null) => void;
}

/** Existing records that may be the same request, each offering "link as another requester". */
export function SimilarList({ locale, state, items, linkTo, onLink }: SimilarListProps) {
  if (state === 'idle') return null;
  return (
    <section class="similar" aria-live="polite">
      <h3>{t(locale, 'ext.similar.title')}</h3>
      {state === 'loading' && <p class="hint">{t(locale, 'ui.loading')}</p>}
      {state === 'offline' && <p class="hint">{t(locale, 'ext.similar.offline')}</p>}
      {state === 'done' && items.length === 0 && <p class="hint">{t(locale, 'ext.similar.none')}</p>}
      {linkTo && (
        <p class="ok">
          {t(locale, 'ext.similar.linked', { number: linkTo.recordNumber })}{' '}
          <button type="button" class="quiet" onClick={() => onLink(null)}>
            {t(locale, 'ext.similar.unlink')}
          </button>
        </p>
      )}
      <ul>
        {items.map((item) => (
          <li key={item.record.id}>
            <strong>{item.record.recordNumber}</strong> {item.record.customerName ?? ''}
            <span class="tags">
              {item.reasons.map((r) => (
                <span key={r} class="tag">
                  {t(locale, `ext.similar.${r}`)}
                </span>
              ))}
            </span>
            <p class="problem">{item.record.problem}</p>
            {linkTo?.id !== item.record.id && (
              <button type="button" onClick={() => onLink({ id: item.record.id, recordNumber: item.record.recordNumber })}>
                {t(locale, 'ext.similar.link')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
