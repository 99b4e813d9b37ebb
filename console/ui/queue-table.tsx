import { useEffect, useLayoutEffect, useMemo, useReducer, useRef } from 'preact/hooks';
import { Virtualizer, elementScroll, observeElementOffset, observeElementRect } from '@tanstack/virtual-core';
import type { RecordSummary } from '../../shared/schemas/record';
import type { Locale } from '../../shared/i18n/locale';
import { formatDateTime } from '../../shared/i18n/format-date';
import type { T } from '../i18n';
import { Pill, enumLabel } from './labels';
import type { NextObligation } from '../../shared/schemas/obligation';
import { textOf } from '../i18n';

/** Height of one row in pixels: fixed, so the virtualiser needs no measuring. */
export const ROW_HEIGHT = 40;
/** Height of the sticky header row inside the scrolling grid. */
const HEADER_HEIGHT = 34;
/** Longest excerpt of the problem shown in a row; the row's title and the record page have the rest. */
const EXCERPT = 160;

/** Props of QueueTable. */
export interface QueueTableProps {
  t: T;
  locale: Locale;
  timeZone: string;
  rows: RecordSummary[];
  selectedId: string | null;
  /** Rows picked for a bulk action (or 'all' matching); null where the person may not pick (no column). */
  picked: ReadonlySet<string> | 'all' | null;
  /** Pick or unpick a row; `range` extends from the last picked row (shift-click). */
  onPick(id: string, range: boolean): void;
  /** Bumped when rows arrived above the loaded ones: the view keeps the same rows in sight. */
  prepended: { count: number; seq: number };
  busy: boolean;
  onSelect(id: string): void;
  onOpen(row: RecordSummary): void;
  /** The person scrolled close to the end of the loaded rows. */
  onNearEnd(): void;
}

const shortDates = new Map<string, Intl.DateTimeFormat>();
/** "9月29日" / "Sep 29": the queue's column is narrow; the cell's title has date and time. */
const shortDate = (iso: string, locale: Locale, timeZone: string): string => {
  const id = `${locale}|${timeZone}`;
  let f = shortDates.get(id);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone });
    } catch {
      f = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' });
    }
    shortDates.set(id, f);
  }
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : f.format(date);
};

const excerpt = (text: string) => (text.length > EXCERPT ? `${text.slice(0, EXCERPT)}…` : text);

/**
 * The queue's rows as an ARIA grid. Only the rows in view (plus a few) are in the DOM, so 100k
 * loaded rows cost what 30 do; the selection is announced through aria-activedescendant.
 */
export function QueueTable({ t, locale, timeZone, rows, selectedId, picked, onPick, prepended, busy, onSelect, onOpen, onNearEnd }: QueueTableProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const virtualizer = useMemo(
    () =>
      new Virtualizer<HTMLDivElement, HTMLDivElement>({
        count: rows.length,
        getScrollElement: () => scroller.current,
        estimateSize: () => ROW_HEIGHT,
        scrollToFn: elementScroll,
        observeElementRect,
        observeElementOffset,
        overscan: 12,
        // The header scrolls with the rows (sticky), so the rows start below it.
        scrollMargin: HEADER_HEIGHT,
        scrollPaddingStart: HEADER_HEIGHT,
        getItemKey: (index) => rows[index]?.id ?? index,
        onChange: () => rerender(0),
      }),
    [],
  );
  virtualizer.setOptions({ ...virtualizer.options, count: rows.length, getItemKey: (index) => rows[index]?.id ?? index });
  useEffect(() => virtualizer._didMount(), [virtualizer]);
  useLayoutEffect(() => virtualizer._willUpdate());

  // Rows that arrived on top push the rest down by whole rows: scroll by the same amount so what the
  // person reads stays where it was (at the very top they see the new rows instead).
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && prepended.count > 0 && el.scrollTop > 0) el.scrollTop += prepended.count * ROW_HEIGHT;
  }, [prepended.seq]);

  const selectedIndex = rows.findIndex((r) => r.id === selectedId);
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  const items = virtualizer.getVirtualItems();
  const last = items.at(-1);
  useEffect(() => {
    if (last && last.index >= rows.length - 20) onNearEnd();
  }, [last?.index, rows.length]);

  const pickable = picked !== null;
  const isPicked = (id: string) => picked === 'all' || (picked !== null && picked.has(id));
  const headers = [
    t('field.recordNumber'),
    t('field.problem'),
    t('console.queue.sourceChannel'),
    t('field.customerType'),
    t('field.category'),
    t('field.nature'),
    t('field.urgency'),
    t('field.priority'),
    t('field.status'),
    t('field.owner'),
    t('console.queue.askedBy'),
    t('console.deadline.column'),
    t('console.queue.created'),
  ];

  return (
    <div class={`grid${pickable ? ' grid-pickable' : ''}`}>
      <div
        class="grid-body"
        ref={scroller}
        role="grid"
        aria-label={t('console.queue.title')}
        aria-rowcount={rows.length + 1}
        aria-colcount={headers.length}
        aria-busy={busy ? 'true' : undefined}
        tabIndex={0}
        aria-activedescendant={selectedIndex >= 0 ? `row-${selectedId}` : undefined}
        data-testid="queue-grid"
      >
        <div class="grid-head" role="rowgroup">
          <div class="grid-row grid-header-row" role="row" aria-rowindex={1}>
            {headers.map((h, i) => (
              <div key={i} class="grid-cell" role="columnheader" aria-colindex={i + 1}>
                {h}
              </div>
            ))}
          </div>
        </div>
        <div class="grid-spacer" role="rowgroup" style={{ height: `${virtualizer.getTotalSize()}px` }}>
          {items.map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            const selected = row.id === selectedId;
            const rowPicked = isPicked(row.id);
            return (
              <div
                key={row.id}
                id={`row-${row.id}`}
                class={`grid-row${selected ? ' is-selected' : ''}${rowPicked ? ' is-picked' : ''}`}
                data-picked={rowPicked ? 'true' : undefined}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={selected ? 'true' : 'false'}
                data-record-number={row.recordNumber}
                style={{ transform: `translateY(${item.start - HEADER_HEIGHT}px)` }}
                onClick={() => onSelect(row.id)}
                onDblClick={() => onOpen(row)}
              >
                <div class="grid-cell cell-number" role="gridcell" aria-colindex={1}>
                  {pickable && (
                    <input
                      type="checkbox"
                      tabIndex={-1}
                      checked={rowPicked}
                      aria-label={t('console.triage.pickRow', { number: row.recordNumber })}
                      onClick={(e) => {
                        e.stopPropagation();
                        onPick(row.id, e.shiftKey);
                      }}
                    />
                  )}
                  <a
                    href={`/records/${encodeURIComponent(row.recordNumber)}`}
                    tabIndex={-1}
                    onClick={(e) => {
                      if (e.metaKey || e.ctrlKey || e.shiftKey) return;
                      e.preventDefault();
                      onOpen(row);
                    }}
                  >
                    {row.recordNumber}
                  </a>
                </div>
                <div class="grid-cell cell-problem" role="gridcell" aria-colindex={2} title={excerpt(row.problem)}>
                  {row.customerName && <span class="cell-customer">{row.customerName}</span>}
                  {excerpt(row.problem)}
                </div>
                <div class="grid-cell cell-secondary" role="gridcell" aria-colindex={3} title={`${enumLabel(t, 'source', row.source)} · ${enumLabel(t, 'channel', row.channel)}`}>
                  {enumLabel(t, 'source', row.source)}
                  <span class="cell-sub"> · {enumLabel(t, 'channel', row.channel)}</span>
                </div>
                <div class="grid-cell" role="gridcell" aria-colindex={4}>
                  {enumLabel(t, 'customerType', row.customerType)}
                </div>
                <div class="grid-cell" role="gridcell" aria-colindex={5}>
                  {enumLabel(t, 'category', row.category)}
                </div>
                <div class="grid-cell" role="gridcell" aria-colindex={6}>
                  {enumLabel(t, 'nature', row.nature)}
                </div>
                <div class="grid-cell" role="gridcell" aria-colindex={7}>
                  <Pill kind="urgency" code={row.urgency} t={t} />
                </div>
                <div class="grid-cell" role="gridcell" aria-colindex={8}>
                  <Pill kind="priority" code={row.priority} t={t} />
                </div>
                <div class="grid-cell" role="gridcell" aria-colindex={9}>
                  <Pill kind="status" code={row.status} t={t} />
                </div>
                <div class="grid-cell" role="gridcell" aria-colindex={10}>
                  {row.owner?.name ?? <span class="muted">{t('console.queue.unassigned')}</span>}
                </div>
                <div class={`grid-cell cell-asked${(row.askedBy ?? 1) > 1 ? ' is-many' : ''}`} role="gridcell" aria-colindex={11} title={t('console.queue.askedByCount', { count: row.askedBy ?? 1 })}>
                  {row.askedBy ?? 1}
                </div>
                <div class="grid-cell" role="gridcell" aria-colindex={12}>
                  <Deadline t={t} locale={locale} timeZone={timeZone} next={row.nextObligation} />
                </div>
                <div class="grid-cell cell-date" role="gridcell" aria-colindex={13} title={formatDateTime(row.createdAt, locale, timeZone)}>
                  {shortDate(row.createdAt, locale, timeZone)}
                </div>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

/** The next open obligation: its standing in colour and in words, and the time left (or since) on the company calendar. */
function Deadline({ t, locale, timeZone, next }: { t: T; locale: Locale; timeZone: string; next: NextObligation | null | undefined }) {
  if (!next) return <span class="muted">{t('console.deadline.none')}</span>;
  const left = next.timeLeft;
  const standing = left?.standing ?? (next.overdue ? 'breached' : 'on_track');
  const amount = !left ? '' : left.workingDays >= 2 ? t('console.deadline.days', { count: left.workingDays }) : t('console.deadline.hours', { count: left.hours });
  const title = t('console.deadline.title', {
    kind: textOf(t, `obligation.kind.${next.kind}`),
    due: formatDateTime(next.dueAt, locale, timeZone),
    days: left?.workingDays ?? 0,
    hours: left?.hours ?? 0,
    direction: t(standing === 'breached' ? 'console.deadline.ago' : 'console.deadline.left'),
  });
  return (
    <span class={`deadline deadline-${standing}`} title={title}>
      <span class="deadline-standing">{t(`console.deadline.${standing}`)}</span>
      {amount && <span class="deadline-amount">{amount}</span>}
    </span>
  );
}
