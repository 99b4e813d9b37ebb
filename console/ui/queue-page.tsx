import { useEffect, useRef, useState } from 'preact/hooks';
import { CATEGORIES, CUSTOMER_TYPES, NATURES, PRIORITIES, SOURCES, STATUSES, URGENCIES, VALIDITIES } from '../../shared/schemas/codes';
import type { Locale } from '../../shared/i18n/locale';
import type { RecordSummary } from '../../shared/schemas/record';
import type { Queue, QueueFilter } from '../models/queue';
import { errorText, type T } from '../i18n';
import { enumLabel } from './labels';
import { QueueTable } from './queue-table';
import { ShortcutsDialog } from './shortcuts-dialog';

/** Props of QueuePage. */
export interface QueuePageProps {
  t: T;
  locale: Locale;
  timeZone: string;
  queue: Queue;
  onOpen(row: RecordSummary): void;
}

/** How long typing pauses before the search runs. */
const SEARCH_DELAY_MS = 250;

/** True when a key press belongs to a text field or a control, not to the queue's shortcuts. */
const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));

/** The queue: search, filters, the virtualised table, keyboard navigation (j/k/Enter, ? for help), live updates. */
export function QueuePage({ t, locale, timeZone, queue, onOpen }: QueuePageProps) {
  const [help, setHelp] = useState(false);
  const [text, setText] = useState(queue.search.peek());
  const searchRef = useRef<HTMLInputElement>(null);
  useEffect(() => void queue.load(), [queue]);

  useEffect(() => {
    const timer = setTimeout(() => queue.setSearch(text), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || help) return;
      if (typing(e.target)) {
        if (e.key === 'Escape' && e.target === searchRef.current) searchRef.current?.blur();
        return;
      }
      if (e.key === 'j' || e.key === 'ArrowDown') queue.move(1);
      else if (e.key === 'k' || e.key === 'ArrowUp') queue.move(-1);
      else if (e.key === 'Enter') {
        const row = queue.rows.peek()[queue.selectedIndex.peek()];
        if (!row) return;
        onOpen(row);
      } else if (e.key === '?') setHelp(true);
      else if (e.key === '/') searchRef.current?.focus();
      else return;
      e.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [queue, help, onOpen]);

  const filters = queue.filters.value;
  const select = (name: QueueFilter, label: string, options: readonly string[], labelOf: (code: string) => string) => (
    <label class="filter">
      <span class="filter-label">{label}</span>
      <select value={filters[name] ?? ''} onChange={(e) => queue.setFilter(name, e.currentTarget.value)} class={filters[name] ? 'is-set' : ''}>
        <option value="">{t('console.filter.any')}</option>
        {options.map((code) => (
          <option key={code} value={code}>
            {labelOf(code)}
          </option>
        ))}
      </select>
    </label>
  );
  const byEnum = (name: string) => (code: string) => enumLabel(t, name, code);
  const rows = queue.rows.value;
  const error = queue.error.value;

  return (
    <main id="main" class="page page-queue" aria-labelledby="queue-title">
      <div class="queue-header">
        <div class="queue-title">
          <h1 id="queue-title">{t('console.queue.title')}</h1>
          <span class="count" aria-live="polite">
            {queue.loading.value ? t('console.queue.loading') : queue.nextCursor.value ? t('console.queue.countMore', { count: rows.length }) : t('console.queue.count', { count: rows.length })}
          </span>
          <span class={`live${queue.live.value ? ' is-live' : ''}`}>
            <span class="live-dot" aria-hidden="true" />
            {queue.live.value ? t('console.queue.live') : t('console.queue.offline')}
          </span>
        </div>
        <div class="queue-tools">
          <div class="search">
            <label for="queue-search" class="visually-hidden">
              {t('console.queue.search')}
            </label>
            <input id="queue-search" ref={searchRef} type="search" value={text} placeholder={t('console.queue.searchPlaceholder')} onInput={(e) => setText(e.currentTarget.value)} />
            <kbd aria-hidden="true">/</kbd>
          </div>
          <button type="button" class="button button-quiet" onClick={() => setHelp(true)} aria-keyshortcuts="?">
            {t('console.shortcuts.button')}
          </button>
        </div>
      </div>
      <div class="filters" role="group" aria-label={t('console.filter.title')}>
        {select('status', t('field.status'), STATUSES, byEnum('status'))}
        {select('validity', t('field.validity'), VALIDITIES, byEnum('validity'))}
        {select('urgency', t('field.urgency'), URGENCIES, byEnum('urgency'))}
        {select('priority', t('field.priority'), PRIORITIES, (c) => c)}
        {select('category', t('field.category'), CATEGORIES, byEnum('category'))}
        {select('nature', t('field.nature'), NATURES, byEnum('nature'))}
        {select('source', t('field.source'), SOURCES, byEnum('source'))}
        {select('customerType', t('field.customerType'), CUSTOMER_TYPES, byEnum('customerType'))}
        {select('owner', t('field.owner'), ['me', 'none'], (c) => t(c === 'me' ? 'console.filter.ownerMe' : 'console.filter.ownerNone'))}
        {select('overdue', t('console.filter.overdue'), ['true'], () => t('console.filter.overdueOnly'))}
        {queue.activeFilters.value > 0 && (
          <button
            type="button"
            class="button button-quiet button-small"
            onClick={() => {
              setText('');
              queue.clearFilters();
            }}
          >
            {t('console.filter.clear')}
          </button>
        )}
      </div>
      {error && (
        <p class="banner banner-error" role="alert">
          {errorText(t, error)}
        </p>
      )}
      {!queue.loading.value && !error && rows.length === 0 ? (
        <div class="empty">
          <p class="empty-title">{queue.activeFilters.value > 0 ? t('console.queue.noMatch') : t('console.queue.empty')}</p>
          <p class="muted">{queue.activeFilters.value > 0 ? t('console.queue.noMatchHint') : t('console.queue.emptyHint')}</p>
        </div>
      ) : (
        <QueueTable
          t={t}
          locale={locale}
          timeZone={timeZone}
          rows={rows}
          selectedId={queue.selectedId.value}
          prepended={queue.prepended.value}
          busy={queue.loading.value}
          onSelect={queue.select}
          onOpen={onOpen}
          onNearEnd={() => void queue.loadMore()}
        />
      )}
      <p class="keyboard-hint muted" aria-hidden="true">
        <kbd>j</kbd> <kbd>k</kbd> {t('console.queue.hintMove')} · <kbd>Enter</kbd> {t('console.queue.hintOpen')} · <kbd>?</kbd> {t('console.queue.hintHelp')}
      </p>
      <ShortcutsDialog t={t} open={help} onClose={() => setHelp(false)} />
    </main>
  );
}
