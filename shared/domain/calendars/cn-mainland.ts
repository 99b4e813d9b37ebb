import { dateRange, type WorkingDayCalendar } from '../calendar';

/**
 * Mainland China public holidays and make-up working days (调休上班) for 2025 and 2026, as
 * published by the State Council (DOMAIN.md §11). Add the next year each November when the
 * schedule is out; until then dates in it fall back to weekends-only with a warning.
 */
export const CN_MAINLAND_CALENDAR: WorkingDayCalendar = {
  id: 'cn-mainland',
  timeZone: 'Asia/Shanghai',
  years: {
    '2025': {
      holidays: [
        '2025-01-01',
        ...dateRange('2025-01-28', '2025-02-04'),
        ...dateRange('2025-04-04', '2025-04-06'),
        ...dateRange('2025-05-01', '2025-05-05'),
        ...dateRange('2025-05-31', '2025-06-02'),
        ...dateRange('2025-10-01', '2025-10-08'),
      ],
      workdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
    },
    '2026': {
      holidays: [
        ...dateRange('2026-01-01', '2026-01-03'),
        ...dateRange('2026-02-15', '2026-02-23'),
        ...dateRange('2026-04-04', '2026-04-06'),
        ...dateRange('2026-05-01', '2026-05-05'),
        ...dateRange('2026-06-19', '2026-06-21'),
        ...dateRange('2026-09-25', '2026-09-27'),
        ...dateRange('2026-10-01', '2026-10-07'),
      ],
      workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
    },
  },
};
