import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TIME_ZONE,
  endOfLocalDay,
  epochDay,
  fromEpochDay,
  isLocalDate,
  isTimeZone,
  localDateOf,
  weekdayOf,
} from '../../../shared/domain/time-zone';

const date = (iso: string) => new Date(iso);
const value = <T>(r: { ok: true; value: T } | { ok: false }): T => {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r)}`);
  return r.value;
};

describe('localDateOf', () => {
  it('reads the calendar date in Asia/Shanghai by default (DOMAIN §4 example)', () => {
    expect(DEFAULT_TIME_ZONE).toBe('Asia/Shanghai');
    expect(localDateOf(date('2024-05-19T16:30:00Z'))).toEqual({ ok: true, value: '2024-05-20' });
    expect(localDateOf(date('2024-05-19T15:59:59.999Z'))).toEqual({ ok: true, value: '2024-05-19' });
    expect(localDateOf(date('2024-05-19T16:00:00.000Z'))).toEqual({ ok: true, value: '2024-05-20' });
    expect(localDateOf(date('2024-05-19T16:30:00Z'), 'UTC')).toEqual({ ok: true, value: '2024-05-19' });
  });

  it('changes the day at a local midnight that is not on a whole minute (Shanghai local mean time, +08:05:43)', () => {
    // Instants of one second share their day (offsets are whole seconds); each side of midnight is asked twice.
    for (const iso of ['1900-01-01T15:54:16.000Z', '1900-01-01T15:54:16.999Z']) expect(value(localDateOf(date(iso)))).toBe('1900-01-01');
    for (const iso of ['1900-01-01T15:54:17.000Z', '1900-01-01T15:54:17.999Z']) expect(value(localDateOf(date(iso)))).toBe('1900-01-02');
    expect(value(localDateOf(date('1900-01-01T15:54:16.999Z')))).toBe('1900-01-01');
  });

  it('follows the offset change in America/New_York and Europe/Berlin', () => {
    const ny = 'America/New_York';
    expect(value(localDateOf(date('2024-03-10T04:59:59.999Z'), ny))).toBe('2024-03-09'); // 23:59:59 EST
    expect(value(localDateOf(date('2024-03-10T05:00:00Z'), ny))).toBe('2024-03-10');
    expect(value(localDateOf(date('2024-03-11T03:59:59.999Z'), ny))).toBe('2024-03-10'); // 23:59:59 EDT
    expect(value(localDateOf(date('2024-03-11T04:00:00Z'), ny))).toBe('2024-03-11');
    const berlin = 'Europe/Berlin';
    expect(value(localDateOf(date('2024-10-27T22:59:59.999Z'), berlin))).toBe('2024-10-27'); // 23:59:59 CET
    expect(value(localDateOf(date('2024-10-27T23:00:00Z'), berlin))).toBe('2024-10-28');
    expect(value(localDateOf(date('2024-03-31T21:59:59.999Z'), berlin))).toBe('2024-03-31'); // 23:59:59 CEST
  });

  it('rejects unknown zones and invalid dates with typed errors', () => {
    for (const tz of ['Mars/Olympus', '', 'Asia/Shanghai ', 42, null]) {
      const r = localDateOf(date('2024-05-20T00:00:00Z'), tz as string);
      expect(r.ok ? null : r.error.code).toBe('invalid_time_zone');
    }
    for (const d of [new Date('nope'), null, undefined, '2024-05-20', 1716163200000, {}, new Date(8.64e15)]) {
      const r = localDateOf(d as Date);
      expect(r.ok ? null : r.error.code).toBe('invalid_date');
    }
  });
});

describe('endOfLocalDay', () => {
  it('is the last millisecond of the local day', () => {
    expect(value(endOfLocalDay('2025-10-11')).toISOString()).toBe('2025-10-11T15:59:59.999Z');
    expect(value(endOfLocalDay('2025-10-11', 'UTC')).toISOString()).toBe('2025-10-11T23:59:59.999Z');
    expect(value(endOfLocalDay('2025-10-11', 'Asia/Kolkata')).toISOString()).toBe('2025-10-11T18:29:59.999Z');
  });

  it('handles the short and long DST days in New York', () => {
    const ny = 'America/New_York';
    const end = (d: string) => value(endOfLocalDay(d, ny)).getTime();
    expect(new Date(end('2024-03-10')).toISOString()).toBe('2024-03-11T03:59:59.999Z');
    expect(end('2024-03-10') - end('2024-03-09')).toBe(23 * 3_600_000);
    expect(new Date(end('2024-11-03')).toISOString()).toBe('2024-11-04T04:59:59.999Z');
    expect(end('2024-11-03') - end('2024-11-02')).toBe(25 * 3_600_000);
  });

  it('handles the DST switches in Berlin', () => {
    const berlin = 'Europe/Berlin';
    expect(value(endOfLocalDay('2024-03-31', berlin)).toISOString()).toBe('2024-03-31T21:59:59.999Z');
    expect(value(endOfLocalDay('2024-03-30', berlin)).toISOString()).toBe('2024-03-30T22:59:59.999Z');
    expect(value(endOfLocalDay('2024-10-27', berlin)).toISOString()).toBe('2024-10-27T22:59:59.999Z');
  });

  it('handles a zone whose midnight is skipped (Chile, 2024-09-08 00:00 → 01:00)', () => {
    expect(value(endOfLocalDay('2024-09-07', 'America/Santiago')).toISOString()).toBe('2024-09-08T03:59:59.999Z');
  });

  it('rejects bad dates and zones', () => {
    for (const d of ['2025-02-29', '2025-13-01', '2025-1-01', '20250101', '0999-12-31', '', null, 5]) {
      const r = endOfLocalDay(d as string);
      expect(r.ok ? null : r.error.code).toBe('invalid_date');
    }
    const r = endOfLocalDay('2025-01-01', 'Nowhere/Land');
    expect(r.ok ? null : r.error.code).toBe('invalid_time_zone');
  });

  it('property: the end is still the date and the next millisecond is a later date, in any zone', () => {
    const zones = ['Asia/Shanghai', 'America/New_York', 'Europe/Berlin', 'America/Santiago', 'Australia/Lord_Howe', 'Pacific/Apia', 'UTC'];
    fc.assert(
      fc.property(fc.integer({ min: epochDay('1970-01-01'), max: epochDay('2100-12-31') }), fc.constantFrom(...zones), (day, tz) => {
        const d = fromEpochDay(day);
        const end = value(endOfLocalDay(d, tz));
        // '<=' rather than '===' because a day can be skipped entirely (Samoa, 2011-12-30).
        expect(value(localDateOf(end, tz)) <= d).toBe(true);
        expect(value(localDateOf(new Date(end.getTime() + 1), tz)) > d).toBe(true);
      }),
    );
  });
});

describe('local date helpers', () => {
  it('validate real four-digit-year dates', () => {
    expect(isLocalDate('2024-02-29')).toBe(true);
    expect(isLocalDate('2025-02-29')).toBe(false);
    expect(isLocalDate('2025-02-30')).toBe(false);
    expect(isLocalDate('2025-00-10')).toBe(false);
    expect(isLocalDate(' 2025-01-01')).toBe(false);
    expect(isLocalDate(20250101)).toBe(false);
  });

  it('convert to and from day numbers and weekdays', () => {
    expect(epochDay('1970-01-02')).toBe(1);
    expect(fromEpochDay(epochDay('2025-10-11') + 1)).toBe('2025-10-12');
    expect(weekdayOf(epochDay('2025-10-11'))).toBe(6); // Saturday
    expect(weekdayOf(epochDay('2026-02-15'))).toBe(0); // Sunday
    expect(weekdayOf(epochDay('1969-12-31'))).toBe(3); // Wednesday, before the epoch
    expect(fromEpochDay(Number.NaN)).toBe('');
    expect(fromEpochDay(1e9)).toBe('');
  });

  it('recognise zones', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('Europe/Atlantis')).toBe(false);
    expect(isTimeZone(undefined)).toBe(false);
  });
});
