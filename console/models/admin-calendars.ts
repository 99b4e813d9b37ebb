import { computed, createModel, signal } from '@preact/signals';
import type { CalendarGapView, CalendarList, CalendarView } from '../../shared/schemas/calendar';
import { parseIcsYear, type IcsYear } from '../../shared/domain/ics-calendar';
import type { ApiClient } from '../api/client';
import type { FormError } from './session';
import { adminError } from './admin-users';

/** Largest .ics file the console reads (a decade of a national holiday feed is well under 1 MB). */
export const MAX_ICS_BYTES = 2_000_000;

/** The dates of the year being edited, as the calendar API takes them. */
export interface YearDraft {
  holidays: string[];
  workdays: string[];
}

const sorted = (dates: Iterable<string>) => [...new Set(dates)].sort();

/**
 * The years the active working-day calendar lacks (this year, and next year from 60 days before
 * it), for the banner every admin sees across the console; `refresh` after a year was saved.
 */
export const CalendarGaps = createModel((api: ApiClient) => {
  const gaps = signal<CalendarGapView[]>([]);
  const refresh = async () => {
    const result = await api.calendars();
    if (result.ok) gaps.value = result.value.gaps;
  };
  return { gaps, refresh };
});

/** An instance of CalendarGaps. */
export type CalendarGaps = InstanceType<typeof CalendarGaps>;

/**
 * Working-day calendars for admins: the calendars and their years, one year in a draft edited by
 * hand or filled from an .ics file (previewed before it replaces the draft), saved with PUT.
 * `onSaved` is told after a year was stored (the banner of missing years refreshes).
 */
export const AdminCalendars = createModel((api: ApiClient, onSaved: () => void) => {
  const list = signal<CalendarList | null>(null);
  const calendar = signal<CalendarView | null>(null);
  const year = signal<number | null>(null);
  const draft = signal<YearDraft>({ holidays: [], workdays: [] });
  const preview = signal<(IcsYear & { fileName: string }) | null>(null);
  const error = signal<FormError | null>(null);
  const importError = signal<string | null>(null);
  const busy = signal(false);
  const saved = signal<number | null>(null);
  /** Stored dates of the year being edited, to tell whether the draft changed. */
  const stored = computed(() => calendar.value?.years.find((y) => y.year === year.value) ?? null);
  const dirty = computed(() => {
    const s = stored.value;
    const d = draft.value;
    return !s || s.holidays.join() !== d.holidays.join() || s.workdays.join() !== d.workdays.join();
  });

  const edit = (next: number) => {
    year.value = next;
    const found = calendar.peek()?.years.find((y) => y.year === next);
    draft.value = { holidays: [...(found?.holidays ?? [])], workdays: [...(found?.workdays ?? [])] };
    preview.value = null;
    importError.value = null;
    error.value = null;
    saved.value = null;
  };

  const open = async (id: string, pick?: number) => {
    const result = await api.calendar(id);
    if (!result.ok) return void (error.value = adminError(result.failure));
    calendar.value = result.value;
    // The first missing year is what an admin most likely came for; else the newest one.
    const target = pick ?? result.value.gaps[0]?.year ?? result.value.years.at(-1)?.year ?? new Date().getFullYear();
    edit(target);
  };

  const load = async () => {
    const result = await api.calendars();
    if (!result.ok) return void (error.value = adminError(result.failure));
    list.value = result.value;
    await open(calendar.peek()?.id ?? result.value.active, year.peek() ?? undefined);
  };

  const addDate = (kind: keyof YearDraft, date: string) => {
    const other = kind === 'holidays' ? 'workdays' : 'holidays';
    const d = draft.peek();
    // A day is either off or working: adding it to one list takes it out of the other.
    draft.value = { ...d, [kind]: sorted([...d[kind], date]), [other]: d[other].filter((x) => x !== date) } as YearDraft;
  };
  const removeDate = (kind: keyof YearDraft, date: string) => {
    const d = draft.peek();
    draft.value = { ...d, [kind]: d[kind].filter((x) => x !== date) };
  };

  /** Read an .ics file's text for the year being edited and show what it would bring. */
  const readIcs = (text: string, fileName: string) => {
    importError.value = null;
    preview.value = null;
    const target = year.peek();
    if (target === null) return;
    const parsed = parseIcsYear(text, target);
    if (!parsed.ok) return void (importError.value = parsed.error.message);
    preview.value = { ...parsed.value, fileName };
  };
  /** The preview replaces the draft (nothing is stored until saved). */
  const usePreview = () => {
    const p = preview.peek();
    if (!p) return;
    draft.value = { holidays: p.holidays, workdays: p.workdays };
    preview.value = null;
  };
  const dropPreview = () => void (preview.value = null);

  const save = async () => {
    const cal = calendar.peek();
    const target = year.peek();
    if (!cal || target === null) return;
    busy.value = true;
    error.value = null;
    const result = await api.putCalendarYear(cal.id, target, draft.peek());
    busy.value = false;
    if (!result.ok) return void (error.value = adminError(result.failure));
    saved.value = target;
    await load();
    saved.value = target;
    onSaved();
  };

  return { list, calendar, year, draft, preview, error, importError, busy, saved, stored, dirty, load, open, edit, addDate, removeDate, readIcs, usePreview, dropPreview, save };
});

/** An instance of AdminCalendars. */
export type AdminCalendars = InstanceType<typeof AdminCalendars>;
