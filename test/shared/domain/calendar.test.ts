import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_WORKING_DAYS,
  addWorkingDays,
  countWorkingDays,
  dateRange,
  isWorkingDay,
  latestStartBefore,
  parseCalendar,
  type WorkingDayCalendar,
} from '../../../shared/domain/calendar';
import { CN_MAINLAND_CALENDAR as CN } from '../../../shared/domain/calendars/cn-mainland';
import { endOfLocalDay, epochDay, fromEpochDay, localDateOf } from '../../../shared/domain/time-zone';

const sh = (local: string) => new Date(`${local}+08:00`);
const value = <T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.value;
};
const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error?.code);

// US-style calendar in a DST zone, to check deadlines across the offset change.
const NY: WorkingDayCalendar = {
  id: 'us-test',
  timeZone: 'America/New_York',
  years: {
    '2024': { holidays: ['2024-07-04', '2024-11-28', '2024-12-25'], workdays: [] },
    '2025': { holidays: ['2025-01-01', '2025-07-04'], workdays: [] },
  },
};

describe('parseCalendar', () => {
  it('accepts the shipped mainland calendar and a company one', () => {
    expect(value(parseCalendar(CN))).toEqual(CN);
    expect(parseCalendar(NY).ok).toBe(true);
    expect(parseCalendar({ id: 'sa', timeZone: 'Asia/Riyadh', weekend: [5, 6], years: {} }).ok).toBe(true);
  });

  it('reports every problem as invalid_calendar with a path', () => {
    const r = parseCalendar({
      id: 'x',
      timeZone: 'Asia/Shanghai',
      years: { '2025': { holidays: ['2024-12-31', '2025-02-30', '2025-10-01'], workdays: ['2025-10-01'] } },
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('invalid_calendar');
    const paths = (r.error.details?.issues as { path: string[] }[]).map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['years.2025.holidays.0', 'years.2025.holidays.1', 'years.2025.workdays.0']));
  });

  it.each([
    null,
    'cn',
    {},
    { id: '', timeZone: 'Asia/Shanghai', years: {} },
    { id: 'x', timeZone: 'Asia/Nowhere', years: {} },
    { id: 'x', timeZone: 'UTC', years: { '25': { holidays: [], workdays: [] } } },
    { id: 'x', timeZone: 'UTC', years: { '2025': { holidays: [] } } },
    { id: 'x', timeZone: 'UTC', weekend: [7], years: {} },
    { id: 'x', timeZone: 'UTC', weekend: [6, 6], years: {} },
  ])('rejects %j', (input) => {
    expect(code(parseCalendar(input))).toBe('invalid_calendar');
  });
});

describe('dateRange', () => {
  it('lists the days of a range, inclusive', () => {
    expect(dateRange('2025-01-28', '2025-02-04')).toEqual([
      '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-01', '2025-02-02', '2025-02-03', '2025-02-04',
    ]);
    expect(dateRange('2024-02-28', '2024-03-01')).toEqual(['2024-02-28', '2024-02-29', '2024-03-01']);
    expect(dateRange('2025-01-01', '2025-01-01')).toEqual(['2025-01-01']);
  });

  it('gives nothing for bad input', () => {
    expect(dateRange('2025-02-04', '2025-01-28')).toEqual([]);
    expect(dateRange('2025-02-30', '2025-03-01')).toEqual([]);
    expect(dateRange('2020-01-01', '2025-01-01')).toEqual([]);
  });
});

describe('isWorkingDay', () => {
  it.each([
    ['2025-10-11', true], // Saturday, make-up working day
    ['2025-10-08', false], // Wednesday, National Day holiday
    ['2025-10-09', true], // Thursday
    ['2025-10-12', false], // Sunday
    ['2026-02-14', true], // Saturday, make-up day before Spring Festival
    ['2026-02-23', false], // Monday, last Spring Festival day
  ])('%s in mainland China → %s', (date, working) => {
    expect(isWorkingDay(date, CN)).toEqual({ ok: true, value: { working, warnings: [] } });
  });

  it('reads an instant in the calendar zone', () => {
    // 2025-10-10T16:30Z is Saturday 00:30 in Shanghai (a make-up day), Friday in UTC.
    expect(value(isWorkingDay(new Date('2025-10-10T16:30:00Z'), CN)).working).toBe(true);
    expect(value(isWorkingDay(new Date('2025-10-04T16:30:00Z'), CN)).working).toBe(false);
  });

  it('falls back to weekends-only with a warning for a missing year, or errors in strict mode', () => {
    const r = value(isWorkingDay('2027-03-01', CN));
    expect(r.working).toBe(true);
    expect(r.warnings).toEqual([
      expect.objectContaining({ code: 'calendar_year_missing', details: { calendarId: 'CN', year: 2027 } }),
    ]);
    expect(value(isWorkingDay('2027-03-06', CN)).working).toBe(false);
    const strict = isWorkingDay('2027-03-01', CN, { strict: true });
    expect(strict.ok ? null : [strict.error.code, strict.error.details]).toEqual([
      'calendar_year_missing',
      { calendarId: 'CN', years: [2027] },
    ]);
  });

  it('honours a custom weekend', () => {
    const sa: WorkingDayCalendar = { id: 'sa', timeZone: 'Asia/Riyadh', weekend: [5, 6], years: { '2025': { holidays: [], workdays: [] } } };
    expect(value(isWorkingDay('2025-06-13', sa)).working).toBe(false); // Friday
    expect(value(isWorkingDay('2025-06-15', sa)).working).toBe(true); // Sunday
  });

  it('rejects bad dates and calendars', () => {
    expect(code(isWorkingDay('2025-02-30', CN))).toBe('invalid_date');
    expect(code(isWorkingDay(new Date('x'), CN))).toBe('invalid_date');
    expect(code(isWorkingDay('2025-01-02', null as never))).toBe('invalid_calendar');
    expect(code(isWorkingDay('2025-01-02', { ...CN, timeZone: 'Nope/Nope' }))).toBe('invalid_calendar');
  });
});

describe('addWorkingDays', () => {
  it('reproduces the DOMAIN §11 worked example: 3 working days from 2025-09-30 18:00 end on Oct 11', () => {
    const r = value(addWorkingDays(sh('2025-09-30T18:00'), 3, CN));
    expect(r.date).toBe('2025-10-11');
    expect(r.due.toISOString()).toBe('2025-10-11T15:59:59.999Z');
    expect(r.warnings).toEqual([]);
  });

  it('n = 0 is the end of the day itself', () => {
    expect(value(addWorkingDays(sh('2025-10-03T09:00'), 0, CN)).date).toBe('2025-10-03');
  });

  it('ends at local midnight across DST (New York)', () => {
    // Friday before the spring change → Monday, which is on EDT.
    const r = value(addWorkingDays(new Date('2024-03-08T17:00:00Z'), 1, NY));
    expect(r.date).toBe('2024-03-11');
    expect(r.due.toISOString()).toBe('2024-03-12T03:59:59.999Z');
    // Thanksgiving week: Wed + 2 skips Thu holiday → Fri, Mon.
    expect(value(addWorkingDays(new Date('2024-11-27T15:00:00Z'), 2, NY)).date).toBe('2024-12-02');
  });

  it('warns across a year the calendar does not cover, or errors in strict mode', () => {
    const r = value(addWorkingDays(sh('2026-12-30T10:00'), 3, CN));
    expect(r.date).toBe('2027-01-04'); // Thu 31, Fri 1 (no data: weekday), Mon 4
    expect(r.warnings.map((w) => w.details.year)).toEqual([2027]);
    expect(code(addWorkingDays(sh('2026-12-30T10:00'), 3, CN, { strict: true }))).toBe('calendar_year_missing');
    // Staying inside covered years gives no warning even in strict mode.
    expect(value(addWorkingDays(sh('2026-12-28T10:00'), 3, CN, { strict: true })).date).toBe('2026-12-31');
  });

  it('rejects bad n, dates and calendars without throwing', () => {
    for (const n of [-1, 1.5, Number.NaN, Infinity, MAX_WORKING_DAYS + 1, '3']) {
      expect(code(addWorkingDays(sh('2025-01-02T10:00'), n as number, CN))).toBe('validation_failed');
    }
    expect(code(addWorkingDays(new Date('x'), 3, CN))).toBe('invalid_date');
    expect(code(addWorkingDays(new Date('9999-12-29T00:00:00Z'), 10, CN))).toBe('invalid_date');
    const never = { id: 'never', timeZone: 'UTC', weekend: [0, 1, 2, 3, 4, 5, 6], years: {} } as WorkingDayCalendar;
    expect(code(addWorkingDays(new Date('2025-01-01T00:00:00Z'), 1, never))).toBe('invalid_calendar');
    expect(code(addWorkingDays(new Date('2025-01-01T00:00:00Z'), 1, { id: 'x', timeZone: 'UTC' } as never))).toBe('invalid_calendar');
  });
});

describe('countWorkingDays', () => {
  it('counts as addWorkingDays does, signed', () => {
    expect(value(countWorkingDays(sh('2025-09-30T18:00'), sh('2025-10-11T09:00'), CN)).count).toBe(3);
    expect(value(countWorkingDays(sh('2025-10-11T09:00'), sh('2025-09-30T18:00'), CN)).count).toBe(-3);
    expect(value(countWorkingDays(sh('2025-10-11T09:00'), sh('2025-10-11T23:00'), CN)).count).toBe(0);
    expect(value(countWorkingDays(sh('2025-10-11T09:00'), sh('2025-10-11T01:00'), CN)).count).toBe(0);
    // Spring Festival 2026: Fri 13, Sat 14 (make-up), then nothing until Tue 24.
    expect(value(countWorkingDays(sh('2026-02-12T10:00'), sh('2026-02-24T10:00'), CN)).count).toBe(3);
  });

  it('rejects invalid instants', () => {
    expect(code(countWorkingDays(new Date('x'), new Date(), CN))).toBe('invalid_date');
    expect(code(countWorkingDays(new Date(), null as never, CN))).toBe('invalid_date');
  });
});

describe('latestStartBefore', () => {
  it('is the latest day from which n working days still end by the target day', () => {
    // Thursday 2025-06-12: Wed 11 and Thu 12 are the 2 working days, so start by Tue 10.
    expect(value(latestStartBefore('2025-06-12', 2, CN)).date).toBe('2025-06-10');
    // After National Day: Thu Oct 9 and Tue Sep 30 → start by Mon Sep 29.
    expect(value(latestStartBefore('2025-10-09', 2, CN)).date).toBe('2025-09-29');
    expect(value(latestStartBefore('2025-10-09', 0, CN)).date).toBe('2025-10-09');
    expect(code(latestStartBefore('2025-02-30', 2, CN))).toBe('invalid_date');
  });
});

describe('calendar properties', () => {
  const calendars = fc.constantFrom(CN, NY);
  const instant = fc.date({ min: new Date('2024-06-01T00:00:00Z'), max: new Date('2027-06-30T00:00:00Z'), noInvalidDate: true });
  const n = fc.integer({ min: 0, max: 60 });

  it('addWorkingDays ends at the last millisecond of a working day', () => {
    fc.assert(
      fc.property(calendars, instant, fc.integer({ min: 1, max: 60 }), (cal, from, k) => {
        const r = value(addWorkingDays(from, k, cal));
        expect(value(localDateOf(r.due, cal.timeZone))).toBe(r.date);
        expect(value(endOfLocalDay(r.date, cal.timeZone))).toEqual(r.due);
        expect(value(isWorkingDay(r.date, cal)).working).toBe(true);
        expect(r.date > value(localDateOf(from, cal.timeZone))).toBe(true);
      }),
    );
  });

  it('addWorkingDays is strictly increasing in n', () => {
    fc.assert(
      fc.property(calendars, instant, n, n, (cal, from, a, b) => {
        fc.pre(a !== b);
        const [lo, hi] = a < b ? [a, b] : [b, a];
        expect(value(addWorkingDays(from, lo, cal)).due.getTime()).toBeLessThan(value(addWorkingDays(from, hi, cal)).due.getTime());
      }),
    );
  });

  it('countWorkingDays(from, addWorkingDays(from, n)) === n', () => {
    fc.assert(
      fc.property(calendars, instant, n, (cal, from, k) => {
        const due = value(addWorkingDays(from, k, cal)).due;
        expect(value(countWorkingDays(from, due, cal)).count).toBe(k);
        expect(value(countWorkingDays(due, from, cal)).count).toBe(k === 0 ? 0 : -k);
      }),
    );
  });

  it('latestStartBefore inverts addWorkingDays', () => {
    const day = fc.integer({ min: epochDay('2024-06-01'), max: epochDay('2027-06-30') }).map(fromEpochDay);
    fc.assert(
      fc.property(calendars, day, n, (cal, to, k) => {
        const start = value(latestStartBefore(to, k, cal)).date;
        const next = fromEpochDay(epochDay(start) + 1);
        const at = (d: string) => value(endOfLocalDay(d, cal.timeZone));
        expect(value(addWorkingDays(at(start), k, cal)).date <= to).toBe(true);
        expect(value(addWorkingDays(at(next), k, cal)).date > to).toBe(true);
      }),
    );
  });
});
