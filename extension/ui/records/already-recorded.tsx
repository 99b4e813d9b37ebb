import { useState } from 'preact/hooks';
import type { Locale } from '../../../shared/schemas/common';
import { t } from '../../i18n/t';
import type { SimilarRecord } from '../../messaging/protocol';
import type { LinkChoice } from '../../records/requester-link';

/** Props: what the search found, and how to search again and link to one. */
export interface AlreadyRecordedProps {
  locale: Locale;
  state: 'idle' | 'loading' | 'done' | 'offline';
  items: SimilarRecord[];
  busy: boolean;
  onSearch: (q: string) => void;
  onConfirm: (choice: LinkChoice) => void;
}

/**
 * "Already recorded?": records that may be the same request (found from the draft, or by the agent's
 * own search), one picked from a radio group (arrow keys move, Space picks), then linked on confirm.
 */
export function AlreadyRecorded({ locale, state, items, busy, onSearch, onConfirm }: AlreadyRecordedProps) {
  const [query, setQuery] = useState('');
  const [picked, setPicked] = useState<string | null>(null);
  const choice = items.find((i) => i.record.id === picked)?.record;
  return (
    <section class="similar" aria-labelledby="already-recorded-title" data-testid="already-recorded">
      <h3 id="already-recorded-title">{t(locale, 'ext.link.title')}</h3>
      <p class="hint">{t(locale, 'ext.link.lead')}</p>
      <div class="search-row">
        <input
          type="search"
          aria-label={t(locale, 'ext.link.search_label')}
          value={query}
          data-testid="link-search"
          onInput={(e) => setQuery((e.currentTarget as HTMLInputElement).value)}
          onKeyDown={(e) => {
            if (e.key !== 'Enter') return;
            e.preventDefault();
            onSearch(query);
          }}
        />
        <button type="button" onClick={() => onSearch(query)}>
          {t(locale, 'ext.link.search')}
        </button>
      </div>
      <p class="hint" aria-live="polite">
        {state === 'loading' ? t(locale, 'ui.loading') : state === 'offline' ? t(locale, 'ext.similar.offline') : state === 'done' && items.length === 0 ? t(locale, 'ext.similar.none') : ''}
      </p>
      {items.length > 0 && (
        <fieldset class="link-choices">
          <legend>{t(locale, 'ext.link.pick')}</legend>
          {items.map(({ record, reasons }) => (
            <label key={record.id} class="link-choice" data-testid="link-choice">
              <input type="radio" name="link-target" value={record.id} checked={picked === record.id} onChange={() => setPicked(record.id)} />
              <span>
                <strong>{record.recordNumber}</strong> <span class="tag">{t(locale, `enum.status.${record.status}`)}</span>{' '}
                <span class="tag">{t(locale, 'ext.link.asked_by', { count: record.askedBy ?? 1 })}</span>
                {reasons.map((r) => (
                  <span key={r} class="tag">
                    {t(locale, `ext.similar.${r}`)}
                  </span>
                ))}
                <span class="problem">{record.problem.length > 160 ? `${record.problem.slice(0, 160)}…` : record.problem}</span>
              </span>
            </label>
          ))}
        </fieldset>
      )}
      {choice && (
        <button
          type="button"
          class="primary"
          disabled={busy}
          data-testid="link-confirm"
          onClick={() => onConfirm({ id: choice.id, recordNumber: choice.recordNumber, ...(choice.askedBy === undefined ? {} : { askedBy: choice.askedBy }) })}
        >
          {t(locale, 'ext.link.confirm', { number: choice.recordNumber })}
        </button>
      )}
    </section>
  );
}
