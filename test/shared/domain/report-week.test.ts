import { describe, expect, it } from 'vitest';
import { isoWeekOf, reportWeek } from '../../../shared/domain/report-week';

describe('isoWeekOf', () => {
  it.each([
    ['2026-03-04T02:00:00Z', 'Asia/Shanghai', '2026-W10'],
    // Sunday 23:30 in Shanghai is still the week that began on Monday 23 February.
    ['2026-03-01T15:30:00Z', 'Asia/Shanghai', '2026-W09'],
    // 16:30 UTC is already Monday 01:30 in Tokyo.
    ['2026-03-01T16:30:00Z', 'Asia/Tokyo', '2026-W10'],
    // Weeks belong to the year of their Thursday: 29 December 2025 opens 2026-W01, 1 January 2027 closes 2026-W53.
    ['2025-12-29T04:00:00Z', 'Asia/Shanghai', '2026-W01'],
    ['2027-01-01T04:00:00Z', 'Asia/Shanghai', '2026-W53'],
    ['2021-01-03T04:00:00Z', 'UTC', '2020-W53'],
  ])('%s in %s is %s', (instant, zone, week) => {
    expect(isoWeekOf(new Date(instant), zone)).toEqual({ ok: true, value: week });
  });
});

describe('reportWeek', () => {
  it('spans Monday 00:00 to the next Monday 00:00 in the company zone', () => {
    const week = reportWeek('2026-W10', 'Asia/Shanghai');
    expect(week.ok && { ...week.value, start: week.value.start.toISOString(), end: week.value.end.toISOString() }).toEqual({
      week: '2026-W10',
      firstDay: '2026-03-02',
      lastDay: '2026-03-08',
      start: '2026-03-01T16:00:00.000Z',
      end: '2026-03-08T16:00:00.000Z',
    });
  });

  it('round-trips with isoWeekOf for every week of a 53-week year', () => {
    for (let n = 1; n <= 53; n++) {
      const name = `2026-W${String(n).padStart(2, '0')}`;
      const week = reportWeek(name, 'Asia/Shanghai');
      expect(week.ok && isoWeekOf(week.value.start, 'Asia/Shanghai')).toEqual({ ok: true, value: name });
    }
  });

  it.each(['2025-W53', '2026-W00', '2026-W54', '2026-10', 'W10'])('refuses %s', (week) => {
    expect(reportWeek(week, 'Asia/Shanghai')).toMatchObject({ ok: false, error: { code: 'invalid_date', path: ['week'] } });
  });
});
