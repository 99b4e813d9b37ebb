import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { CATEGORIES, CUSTOMER_TYPES, NATURES, PRIORITIES, SOURCES, STATUSES, URGENCIES, VALIDITIES } from '../../shared/schemas/codes';
import type { Locale } from '../../shared/i18n/locale';
import type { RecordSummary } from '../../shared/schemas/record';
import type { Queue, QueueFilter } from '../models/queue';
import { errorText, type T } from '../i18n';
import { enumLabel } from './labels';
import { QueueTable } from './queue-table';
import { ShortcutsDialog } from './shortcuts-dialog';
import type { ApiClient } from '../api/client';
import type { Triage } from '../models/triage';
import type { LedgerExport, LedgerFormat } from '../models/ledger-export';
import type { BulkAction } from '../../shared/schemas/bulk';
import { BulkBar, type TriageDialogKind } from './bulk-bar';
import { BulkProgress } from './bulk-progress';
import { ScreeningDialog } from './screening-dialog';
import { PickerDialog, type PickerOption } from './picker-dialog';
import { ExportControl } from './export-control';
import { CampaignFilter } from './campaign-filter';
import { VIEW_FILTERS, viewOf } from '../models/views';
import { QueueViews } from './queue-views';
import { viewQuery, type SavedViews } from '../models/saved-views';
import { parseQueueSearch, queueSearch } from '../models/queue-url';
import type { SavedView } from '../../shared/schemas/saved-view';
import { MAX_EXPORT_IDS, RECORD_SORTS } from '../../shared/schemas/record-query';

/** Props of QueuePage. */
export interface QueuePageProps {
  t: T;
  locale: Locale;
  timeZone: string;
  queue: Queue;
  /** Triage and bulk actions; null for roles that may not screen or assign (agents). */
  triage: Triage | null;
  /** The ledger export of the view; null for roles that may not export. */
  exporter: LedgerExport | null;
  api: ApiClient;
  /** Saved views (personal and shared). */
  views: SavedViews;
  /** The address's query the queue was opened at (filters, search, saved view), and where to write it back. */
  address: string;
  onAddress(search: string): void;
  onOpen(row: RecordSummary): void;
}

/** How long typing pauses before the search runs. */
const SEARCH_DELAY_MS = 250;

/** True when a key press belongs to a text field or a control, not to the queue's shortcuts. */
const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));

/** The queue: search, filters, the virtualised table, keyboard navigation (j/k/Enter, ? for help), live updates. */
export function QueuePage({ t, locale, timeZone, queue, triage, exporter, api, views, address, onAddress, onOpen }: QueuePageProps) {
  const [help, setHelp] = useState(false);
  const [dialog, setDialog] = useState<TriageDialogKind | null>(null);
  const focusedRow = () => queue.rows.peek()[queue.selectedIndex.peek()];
  /** How many records an action applies to right now: the picked ones, or else the focused row. */
  const targetCount = () => (triage?.allMatching.peek() ? (triage.matchingTotal.peek() ?? 0) : Math.max(triage?.picked.peek().size ?? 0, 1));
  const act = (action: BulkAction) => {
    setDialog(null);
    void triage?.apply(action);
  };
  /** Export the picked rows when some are picked by hand, else every record the view matches. */
  const exportView = (format: LedgerFormat) => {
    if (!exporter) return;
    const picked = triage && !triage.allMatching.peek() ? [...triage.picked.peek()] : [];
    void exporter.run(format, picked.length > 0 ? { ids: picked.slice(0, MAX_EXPORT_IDS) } : { query: triage?.filter() ?? queue.filters.peek() }, locale);
  };
  const [text, setText] = useState(queue.search.peek());
  const searchRef = useRef<HTMLInputElement>(null);
  // Before the first paint (a layout effect, not an effect): the first page, usually already fetched
  // by console/boot.ts, is taken at once instead of a frame later, and no empty queue flashes first.
  useLayoutEffect(() => {
    // A link opens the queue as it was shared: its filters, search and saved view.
    const opened = parseQueueSearch(address);
    // The saved views wait for the first rows: on PGlite every statement takes its turn.
    void queue.firstPage().then(() => views.load());
    if (Object.keys(opened.filters).length > 0 || opened.search || opened.viewId) {
      views.activeId.value = opened.viewId;
      setText(opened.search);
      queue.apply(opened.filters, opened.search);
    } else void queue.load();
  }, [queue]);
  // The address follows the queue, so a copied link reopens this view with these filters.
  useEffect(
    () => onAddress(queueSearch({ filters: queue.filters.value, search: queue.search.value, viewId: views.activeId.value })),
    [queue.filters.value, queue.search.value, views.activeId.value],
  );
  const openSaved = (view: SavedView) => {
    const { q = '', ...filters } = view.query;
    views.activeId.value = view.id;
    setText(q);
    queue.apply(filters, q);
  };

  useEffect(() => {
    const timer = setTimeout(() => queue.setSearch(text), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // Keys pressed inside a dialog are the dialog's; checked on the event, not on state, so the
      // first key after a dialog closes is not lost to a listener that still thinks it is open.
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || (e.target instanceof Element && e.target.closest('dialog[open]'))) return;
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
      } else if (triage && (e.key === 'x' || e.key === 'X')) {
        const row = focusedRow();
        if (!row) return;
        if (e.shiftKey) triage.range(row.id);
        else triage.toggle(row.id);
      } else if (triage && e.key === '*') void triage.pickAllMatching();
      else if (triage && e.key === 'Escape' && triage.active.peek()) triage.clear();
      else if (triage && (e.key === '1' || e.key === '2' || e.key === '3' || e.key === 'a')) {
        if (!focusedRow() && !triage.active.peek()) return;
        if (triage.run.peek() && !triage.run.peek()!.finished) return;
        if (e.key === '2' && triage.allMatching.peek()) return;
        setDialog(({ '1': 'valid', '2': 'duplicate', '3': 'invalid', a: 'assign' } as const)[e.key]);
      } else if (e.key === '?') setHelp(true);
      else if (e.key === '/') searchRef.current?.focus();
      else return;
      e.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [queue, triage, onOpen]);

  /** Owners for the picker (a): active staff whose name matches, and "no owner" to unassign. */
  const searchOwners = async (text: string): Promise<PickerOption[]> => {
    const result = await api.assignees();
    if (!result.ok) return [];
    const needle = text.trim().toLowerCase();
    const staff = result.value.items
      .filter((u) => !needle || u.name.toLowerCase().includes(needle))
      .map((u) => ({ id: u.id, label: u.name, detail: `${enumLabel(t, 'role', u.role)} · ${u.department}` }));
    return needle ? staff : [...staff, { id: 'none', label: t('console.triage.noOwner') }];
  };

  /** Records the focused or picked ones can be a duplicate of: search results, or the queue's first rows. */
  const searchRecords = async (text: string): Promise<PickerOption[]> => {
    const targets = new Set(triage?.targetIds() ?? []);
    const q = text.trim();
    const found = q ? await api.records({ q, limit: '20' }) : null;
    const rows = found ? (found.ok ? found.value.items : []) : queue.rows.peek().slice(0, 40);
    return rows
      .filter((r) => !targets.has(r.id))
      .slice(0, 12)
      .map((r) => ({ id: r.id, label: r.recordNumber, detail: r.problem.length > 90 ? `${r.problem.slice(0, 90)}…` : r.problem }));
  };

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
          {exporter && <ExportControl t={t} exporter={exporter} onExport={exportView} />}
          <button type="button" class="button button-quiet" onClick={() => setHelp(true)} aria-keyshortcuts="?">
            {t('console.shortcuts.button')}
          </button>
        </div>
      </div>
      <QueueViews
        t={t}
        views={views}
        builtIn={viewOf(filters)}
        onBuiltIn={(view) => {
          views.activeId.value = null;
          queue.setFilters(VIEW_FILTERS[view]);
        }}
        onSaved={openSaved}
        onSave={(name, shared) => views.save(name, shared, viewQuery(queue.filters.peek(), queue.search.peek()))}
      />
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
        {select('dueSoon', t('console.view.due_soon'), ['true'], () => t('console.filter.dueSoon'))}
        <label class="filter">
          <span class="filter-label">{t('console.filter.department')}</span>
          <input
            class={`filter-text${filters.department ? ' is-set' : ''}`}
            value={filters.department ?? ''}
            placeholder="CS"
            maxLength={10}
            size={5}
            onChange={(e) => queue.setFilter('department', e.currentTarget.value.trim().toUpperCase())}
          />
        </label>
        <CampaignFilter t={t} api={api} after={queue.firstPage()} value={filters.campaignId ?? ''} onChange={(id) => queue.setFilter('campaignId', id)} />
        {select('sort', t('console.sort.title'), RECORD_SORTS, (c) => t(`console.sort.${c as (typeof RECORD_SORTS)[number]}`))}
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
          picked={triage ? (triage.allMatching.value ? 'all' : triage.picked.value) : null}
          onPick={(id, range) => (range ? triage?.range(id) : triage?.toggle(id))}
          onSelect={queue.select}
          onOpen={onOpen}
          onNearEnd={() => void queue.loadMore()}
        />
      )}
      {triage?.run.value && <BulkProgress t={t} run={triage.run.value} onDismiss={triage.dismiss} />}
      {triage?.active.value ? (
        <BulkBar
          t={t}
          triage={triage}
          onDialog={setDialog}
          onStart={() => act({ type: 'transition', transition: { type: 'start' } })}
          onClose={() => act({ type: 'transition', transition: { type: 'close' } })}
          onExport={() => exportView('xlsx')}
        />
      ) : (
        <p class="keyboard-hint muted" aria-hidden="true">
          <kbd>j</kbd> <kbd>k</kbd> {t('console.queue.hintMove')} · <kbd>Enter</kbd> {t('console.queue.hintOpen')}
          {triage && (
            <>
              {' · '}
              <kbd>x</kbd> {t('console.triage.hintPick')} · <kbd>1</kbd> <kbd>2</kbd> <kbd>3</kbd> {t('console.triage.hintScreen')} · <kbd>a</kbd> {t('console.triage.assign')}
            </>
          )}{' '}
          · <kbd>?</kbd> {t('console.queue.hintHelp')}
        </p>
      )}
      <ShortcutsDialog t={t} open={help} triage={triage !== null} onClose={() => setHelp(false)} />
      {triage && (dialog === 'valid' || dialog === 'invalid') && (
        <ScreeningDialog
          t={t}
          verdict={dialog}
          count={targetCount()}
          {...(triage.active.peek() ? {} : { nature: focusedRow()?.nature ?? null, urgency: focusedRow()?.urgency ?? null })}
          onSubmit={act}
          onClose={() => setDialog(null)}
        />
      )}
      {triage && dialog === 'assign' && (
        <PickerDialog
          t={t}
          title={t('console.triage.assignTitle')}
          lead={t('console.triage.appliesTo', { count: targetCount() })}
          searchLabel={t('console.triage.searchOwner')}
          search={searchOwners}
          onPick={(o) => act({ type: 'assign', ownerId: o.id === 'none' ? null : o.id })}
          onClose={() => setDialog(null)}
        />
      )}
      {triage && dialog === 'duplicate' && (
        <PickerDialog
          t={t}
          title={t('console.triage.duplicateTitle')}
          lead={t('console.triage.duplicateLead', { count: targetCount() })}
          searchLabel={t('console.triage.searchRecord')}
          search={searchRecords}
          onPick={(o) => {
            setDialog(null);
            void triage.mergeInto(o.id);
          }}
          onClose={() => setDialog(null)}
        />
      )}
    </main>
  );
}
