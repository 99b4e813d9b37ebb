import { describe, expect, it } from 'vitest';
import { calendarGaps } from '../../../shared/domain/calendar-coverage';
import { addWorkingDays, missingYears, parseCalendarYear, type WorkingDayCalendar } from '../../../shared/domain/calendar';
import { calendarFromChineseDays } from '../../../shared/domain/calendars/cn-mainland';

const CAL: WorkingDayCalendar = { id: 'CN', timeZone: 'Asia/Shanghai', years: { '2026': { holidays: [], workdays: [] } } };
const value = <T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.value;
};

describe('calendarGaps (DOMAIN.md §11: administrators are warned well before a year begins)', () => {
  it.each([
    ['2026-11-01T15:59:59Z', []], // Nov 1 in Shanghai: 61 days to go
    ['2026-11-01T16:00:00Z', [60]], // Nov 2 in Shanghai
    ['2026-12-04T00:00:00Z', [28]], // four weeks ahead
    ['2026-12-31T15:59:59Z', [1]],
  ])('at %s the missing 2027 is announced %j days ahead', (now, days) => {
    expect(value(calendarGaps(CAL, new Date(now)))).toEqual(days.map((daysUntil) => ({ calendarId: 'CN', year: 2027, startsOn: '2027-01-01', daysUntil })));
  });

  it('names the current year when it is missing too, and reads "today" in the zone given', () => {
    expect(value(calendarGaps(CAL, new Date('2027-03-01T00:00:00Z'))).map((g) => [g.year, g.daysUntil])).toEqual([[2027, -59]]);
    expect(value(calendarGaps({ ...CAL, years: {} }, new Date('2026-06-01T00:00:00Z'))).map((g) => g.year)).toEqual([2026]);
    // 2026-11-02T03:00Z is Nov 2 in Shanghai but still Nov 1 in New York.
    expect(value(calendarGaps(CAL, new Date('2026-11-02T03:00:00Z'))).length).toBe(1);
    expect(value(calendarGaps(CAL, new Date('2026-11-02T03:00:00Z'), { timeZone: 'America/New_York' }))).toEqual([]);
    expect(value(calendarGaps(CAL, new Date('2026-11-02T03:00:00Z'), { leadDays: 30 }))).toEqual([]);
  });

  it('refuses a bad clock, zone or lead', () => {
    expect(calendarGaps(CAL, new Date('x')).ok).toBe(false);
    expect(calendarGaps(CAL, new Date(), { timeZone: 'Nope/Nope' }).ok).toBe(false);
    expect(calendarGaps(CAL, new Date(), { leadDays: -1 }).ok).toBe(false);
  });
});

describe('parseCalendarYear', () => {
  it('accepts a year whose dates all lie in it', () => {
    expect(value(parseCalendarYear(2027, { holidays: ['2027-01-01'], workdays: ['2027-02-06'] }))).toEqual({ holidays: ['2027-01-01'], workdays: ['2027-02-06'] });
  });

  it.each([
    [{ holidays: ['2026-12-31'], workdays: [] }, ['holidays', '0'], 'Date is not in 2027'],
    [{ holidays: ['2027-02-06'], workdays: ['2027-02-06'] }, ['workdays', '0'], 'Date is both a holiday and a working day'],
    [{ holidays: ['2027-02-30'], workdays: [] }, ['holidays', '0'], undefined],
    [{ holidays: [] }, ['workdays'], undefined],
  ])('refuses %j at %j', (input, path, message) => {
    const r = parseCalendarYear(2027, input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('invalid_calendar');
    expect(r.error.path).toEqual(path);
    if (message) expect(r.error.details?.issues).toEqual([{ path, message }]);
  });
});

describe('missingYears', () => {
  it('is the flag a deadline carries: each missing year once, ascending', () => {
    const cal: WorkingDayCalendar = { id: 'x', timeZone: 'UTC', years: {} };
    const r = value(addWorkingDays(new Date('2026-12-20T00:00:00Z'), 15, cal));
    expect(missingYears(r.warnings)).toEqual([2026, 2027]);
    expect(missingYears([])).toEqual([]);
  });
});

describe('calendarFromChineseDays', () => {
  it('files each date under its year: holidays off, workdays the make-up days', () => {
    const cal = calendarFromChineseDays({
      holidays: { '2027-01-01': "New Year's Day,元旦,1", '2026-10-01': 'National Day,国庆节,7' },
      workdays: { '2026-10-10': 'National Day,国庆节,7' },
    });
    expect(cal).toEqual({
      id: 'CN',
      timeZone: 'Asia/Shanghai',
      years: { '2026': { holidays: ['2026-10-01'], workdays: ['2026-10-10'] }, '2027': { holidays: ['2027-01-01'], workdays: [] } },
    });
  });
});
