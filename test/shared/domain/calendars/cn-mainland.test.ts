import { describe, expect, it } from 'vitest';
import { isWorkingDay, parseCalendar } from '../../../../shared/domain/calendar';
import { CN_MAINLAND_CALENDAR as CN } from '../../../../shared/domain/calendars/cn-mainland';
import { epochDay, weekdayOf } from '../../../../shared/domain/time-zone';

// Written out day by day (not with dateRange) so the data file's ranges are checked independently.
const HOLIDAYS_2025 = [
  '2025-01-01',
  '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-01', '2025-02-02', '2025-02-03', '2025-02-04',
  '2025-04-04', '2025-04-05', '2025-04-06',
  '2025-05-01', '2025-05-02', '2025-05-03', '2025-05-04', '2025-05-05',
  '2025-05-31', '2025-06-01', '2025-06-02',
  '2025-10-01', '2025-10-02', '2025-10-03', '2025-10-04', '2025-10-05', '2025-10-06', '2025-10-07', '2025-10-08',
];
const WORKDAYS_2025 = ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'];
const HOLIDAYS_2026 = [
  '2026-01-01', '2026-01-02', '2026-01-03',
  '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23',
  '2026-04-04', '2026-04-05', '2026-04-06',
  '2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04', '2026-05-05',
  '2026-06-19', '2026-06-20', '2026-06-21',
  '2026-09-25', '2026-09-26', '2026-09-27',
  '2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07',
];
const WORKDAYS_2026 = ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'];

describe('mainland China calendar from the chinese-days package (DOMAIN.md §11)', () => {
  it('is a valid calendar in Asia/Shanghai covering every year from 2004 through 2026', () => {
    expect(parseCalendar(CN).ok).toBe(true);
    expect(CN.id).toBe('CN');
    expect(CN.timeZone).toBe('Asia/Shanghai');
    const years = Object.keys(CN.years).map(Number);
    expect(years[0]).toBe(2004);
    expect(years).toEqual(expect.arrayContaining([2024, 2025, 2026]));
    expect(years).toEqual(Array.from({ length: years.length }, (_, i) => 2004 + i));
  });

  it('has exactly the 2025 schedule', () => {
    expect([...(CN.years['2025']?.holidays ?? [])].sort()).toEqual(HOLIDAYS_2025);
    expect([...(CN.years['2025']?.workdays ?? [])].sort()).toEqual(WORKDAYS_2025);
  });

  it('has exactly the 2026 schedule', () => {
    expect([...(CN.years['2026']?.holidays ?? [])].sort()).toEqual(HOLIDAYS_2026);
    expect([...(CN.years['2026']?.workdays ?? [])].sort()).toEqual(WORKDAYS_2026);
  });

  it('puts every make-up working day on a weekend', () => {
    for (const d of [...WORKDAYS_2025, ...WORKDAYS_2026]) expect([0, 6]).toContain(weekdayOf(epochDay(d)));
  });

  // 261 weekdays each year; minus weekday holidays (2025: 18, 2026: 19) plus make-up days (5, 6).
  it('has 248 working days in each year', () => {
    const count = (year: number) => {
      let n = 0;
      for (let d = epochDay(`${year}-01-01`); d <= epochDay(`${year}-12-31`); d += 1) {
        const r = isWorkingDay(new Date(d * 86_400_000).toISOString().slice(0, 10), CN);
        if (r.ok && r.value.working) n += 1;
      }
      return n;
    };
    expect(count(2025)).toBe(248);
    expect(count(2026)).toBe(248);
  });
});
