import { useEffect, useState } from 'preact/hooks';
import { MAX_ICS_BYTES, type AdminCalendars, type YearDraft } from '../models/admin-calendars';
import { formatDate } from '../../shared/i18n/format-date';
import type { Locale } from '../../shared/i18n/locale';
import type { T } from '../i18n';
import { ErrorBanner } from './admin-parts';

/** Props of AdminCalendarsSection. */
export interface AdminCalendarsSectionProps {
  t: T;
  locale: Locale;
  calendars: AdminCalendars;
}

/** Working-day calendars: the years each has and from where; one year's days off and make-up working days, by hand or from an .ics file. */
export function AdminCalendarsSection({ t, locale, calendars }: AdminCalendarsSectionProps) {
  useEffect(() => void calendars.load(), [calendars]);
  const list = calendars.list.value;
  const calendar = calendars.calendar.value;
  const year = calendars.year.value;
  if (!list || !calendar || year === null) return <ErrorBanner t={t} error={calendars.error.value} shown={[]} />;
  const years = [...new Set([...calendar.years.map((y) => y.year), ...calendar.gaps.map((g) => g.year), year])].sort((a, b) => a - b);
  const missing = new Set(calendar.gaps.map((g) => g.year));
  const sourceOf = (y: number) => calendar.years.find((v) => v.year === y)?.source;
  return (
    <div class="calendar-layout">
      <section class="card" aria-labelledby="calendar-years-title">
        <div class="field">
          <label for="calendar-id">{t('admin.calendars.calendar')}</label>
          <select id="calendar-id" value={calendar.id} onChange={(e) => void calendars.open(e.currentTarget.value)}>
            {list.items.map((c) => (
              <option key={c.id} value={c.id}>
                {c.active ? t('admin.calendars.activeOption', { id: c.id }) : c.id}
              </option>
            ))}
          </select>
        </div>
        <p class="hint">{t('admin.calendars.zone', { zone: list.timeZone })}</p>
        <h2 id="calendar-years-title">{t('admin.calendars.years')}</h2>
        <ul class="year-list">
          {years.map((y) => {
            const source = sourceOf(y);
            return (
              <li key={y}>
                <button type="button" class={`year-button${y === year ? ' is-current' : ''}`} aria-current={y === year ? 'true' : undefined} onClick={() => calendars.edit(y)}>
                  <span>{y}</span>
                  {missing.has(y) ? (
                    <span class="pill pill-late">{t('admin.calendars.missing')}</span>
                  ) : source ? (
                    <span class="pill pill-muted">{t(`admin.calendars.source.${source}`)}</span>
                  ) : (
                    <span class="pill pill-muted">{t('admin.calendars.new')}</span>
                  )}
                </button>
              </li>
            );
          })}
        </ul>
        <AddYear t={t} onAdd={(y) => calendars.edit(y)} />
      </section>
      <YearEditor t={t} locale={locale} calendars={calendars} calendarId={calendar.id} year={year} />
    </div>
  );
}

function AddYear({ t, onAdd }: { t: T; onAdd(year: number): void }) {
  const [value, setValue] = useState('');
  const year = Number(value);
  const valid = /^2[01]\d\d$/.test(value);
  return (
    <form class="inline-form" onSubmit={(e) => (e.preventDefault(), valid && (onAdd(year), setValue('')))}>
      <div class="field grow">
        <label for="calendar-add-year">{t('admin.calendars.otherYear')}</label>
        <input id="calendar-add-year" inputMode="numeric" maxLength={4} placeholder="2028" value={value} onInput={(e) => setValue(e.currentTarget.value.trim())} />
      </div>
      <button type="submit" class="button" disabled={!valid}>
        {t('admin.calendars.open')}
      </button>
    </form>
  );
}

function YearEditor({ t, locale, calendars, calendarId, year }: { t: T; locale: Locale; calendars: AdminCalendars; calendarId: string; year: number }) {
  const draft = calendars.draft.value;
  const preview = calendars.preview.value;
  const stored = calendars.stored.value;
  const readFile = async (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    if (file.size > MAX_ICS_BYTES) return calendars.readIcs('', file.name);
    calendars.readIcs(await file.text(), file.name);
  };
  return (
    <section class="card" aria-labelledby="calendar-year-title">
      <div class="card-head">
        <h2 id="calendar-year-title">{t('admin.calendars.yearTitle', { id: calendarId, year })}</h2>
        {stored && <span class="pill pill-muted">{t(`admin.calendars.source.${stored.source}`)}</span>}
      </div>
      <p class="muted">{t('admin.calendars.lead')}</p>

      <div class="import-box">
        <label for="calendar-ics" class="import-label">
          {t('admin.calendars.import')}
        </label>
        <input id="calendar-ics" type="file" accept=".ics,text/calendar" onChange={readFile} aria-describedby="calendar-ics-hint" />
        <p id="calendar-ics-hint" class="hint">
          {t('admin.calendars.importHint', { year })}
        </p>
        {calendars.importError.value !== null && (
          <p class="banner banner-error" role="alert">
            {t('admin.calendars.importFailed')} {calendars.importError.value}
          </p>
        )}
      </div>

      {preview ? (
        <div class="preview" role="region" aria-labelledby="ics-preview-title">
          <h3 id="ics-preview-title">{t('admin.calendars.previewTitle', { file: preview.fileName })}</h3>
          <p>
            {t('admin.calendars.previewCounts', { holidays: preview.holidays.length, workdays: preview.workdays.length, year })}
            {preview.otherYears > 0 && ` ${t('admin.calendars.previewOther', { count: preview.otherYears })}`}
          </p>
          <table class="simple-table" data-testid="ics-preview">
            <caption class="visually-hidden">{t('admin.calendars.previewTitle', { file: preview.fileName })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.calendars.date')}</th>
                <th scope="col">{t('admin.calendars.kind')}</th>
                <th scope="col">{t('admin.calendars.summary')}</th>
              </tr>
            </thead>
            <tbody>
              {preview.days.map((day) => (
                <tr key={day.date}>
                  <td class="mono">{formatDate(day.date, locale, 'UTC')}</td>
                  <td>{day.kind === 'holiday' ? <span class="pill pill-muted">{t('admin.calendars.holiday')}</span> : <span class="pill pill-status-in_progress">{t('admin.calendars.workday')}</span>}</td>
                  <td>{day.summary}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div class="form-actions">
            <button type="button" class="button button-quiet" onClick={calendars.dropPreview}>
              {t('admin.cancel')}
            </button>
            <button type="button" class="button button-primary" disabled={preview.days.length === 0} onClick={calendars.usePreview}>
              {t('admin.calendars.usePreview')}
            </button>
          </div>
        </div>
      ) : (
        <div class="date-columns">
          <DateList t={t} locale={locale} calendars={calendars} kind="holidays" year={year} dates={draft.holidays} />
          <DateList t={t} locale={locale} calendars={calendars} kind="workdays" year={year} dates={draft.workdays} />
        </div>
      )}

      <ErrorBanner t={t} error={calendars.error.value} shown={[]} />
      {calendars.saved.value === year && !calendars.dirty.value && (
        <p class="banner banner-ok" role="status">
          {t('admin.calendars.saved', { year })}
        </p>
      )}
      {!preview && (
        <div class="form-actions">
          <button type="button" class="button button-primary" disabled={calendars.busy.value || !calendars.dirty.value} onClick={() => void calendars.save()}>
            {t('admin.calendars.save', { year })}
          </button>
        </div>
      )}
    </section>
  );
}

function DateList({ t, locale, calendars, kind, year, dates }: { t: T; locale: Locale; calendars: AdminCalendars; kind: keyof YearDraft; year: number; dates: string[] }) {
  const [value, setValue] = useState('');
  const id = `calendar-add-${kind}`;
  const label = kind === 'holidays' ? t('admin.calendars.holidays') : t('admin.calendars.workdays');
  return (
    <div class="date-column">
      <h3 id={`${id}-title`}>
        {label} <span class="count">{dates.length}</span>
      </h3>
      <form class="inline-form" onSubmit={(e) => (e.preventDefault(), value.startsWith(`${year}-`) && (calendars.addDate(kind, value), setValue('')))}>
        <div class="field grow">
          <label for={id}>{kind === 'holidays' ? t('admin.calendars.addHoliday') : t('admin.calendars.addWorkday')}</label>
          <input id={id} type="date" min={`${year}-01-01`} max={`${year}-12-31`} value={value} onInput={(e) => setValue(e.currentTarget.value)} />
        </div>
        <button type="submit" class="button" disabled={!value.startsWith(`${year}-`)}>
          {t('admin.calendars.add')}
        </button>
      </form>
      {dates.length === 0 ? (
        <p class="muted">{t('admin.calendars.noDates')}</p>
      ) : (
        <ul class="date-chips" aria-labelledby={`${id}-title`}>
          {dates.map((date) => (
            <li key={date}>
              <span>{formatDate(date, locale, 'UTC')}</span>
              <button type="button" class="chip-remove" aria-label={t('admin.calendars.remove', { date })} onClick={() => calendars.removeDate(kind, date)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
