import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countWorkingDays } from '../../../shared/domain/calendar';
import { CN_MAINLAND_CALENDAR as CN } from '../../../shared/domain/calendars/cn-mainland';
import {
  adoptionNoticeDue,
  changeRequestLatestFiling,
  dissatisfiedFollowUpDue,
  isChangeRequestTimely,
  isOverdue,
  responseDue,
} from '../../../shared/domain/deadlines';
import { localDateOf } from '../../../shared/domain/time-zone';

const sh = (local: string) => new Date(`${local}+08:00`);
const endOf = (date: string) => sh(`${date}T23:59:59.999`);
const value = <T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.value;
};
const due = (r: Parameters<typeof value<{ due: Date }>>[0]) => value(r).due;
const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error?.code);

describe('responseDue', () => {
  it('DOMAIN §11 worked example: important at 2025-09-30 18:00 is due at the end of Sat 2025-10-11', () => {
    expect(responseDue(sh('2025-09-30T18:00'), 'important', CN)).toEqual({
      ok: true,
      value: { due: endOf('2025-10-11'), warnings: [] },
    });
  });

  it('urgent is 24 hours on the clock, even on a holiday', () => {
    expect(due(responseDue(sh('2025-10-03T10:15'), 'urgent', CN))).toEqual(sh('2025-10-04T10:15'));
    expect(due(responseDue(sh('2026-02-17T23:30'), 'urgent', CN))).toEqual(sh('2026-02-18T23:30'));
    expect(due(responseDue(sh('2025-09-30T18:00'), 'urgent', CN))).toEqual(sh('2025-10-01T18:00'));
  });

  it.each([
    // Spring Festival 2026 (Feb 15–23 off, Feb 14 and Feb 28 make-up days)
    ['routine', '2026-02-12T10:00', '2026-02-26'], // Fri 13, Sat 14, Tue 24, Wed 25, Thu 26
    ['routine', '2026-02-13T10:00', '2026-02-27'], // Sat 14, Tue 24 … Fri 27
    ['routine', '2026-02-24T10:00', '2026-03-02'], // Wed 25, Thu 26, Fri 27, Sat 28 (make-up), Mon Mar 2
    ['important', '2026-02-14T10:00', '2026-02-26'], // recorded on the make-up day: it does not count
    // Spring Festival 2025 (Jan 28–Feb 4 off, Sun Jan 26 and Sat Feb 8 make-up days)
    ['important', '2025-01-24T15:00', '2025-02-05'], // Sun 26, Mon 27, Wed Feb 5
    ['routine', '2025-02-05T09:00', '2025-02-11'], // Thu 6, Fri 7, Sat 8 (make-up), Mon 10, Tue 11
    // Labour Day, Dragon Boat, Mid-Autumn, National Day
    ['routine', '2025-04-30T09:00', '2025-05-12'],
    ['important', '2025-05-30T17:00', '2025-06-05'],
    ['important', '2026-09-24T11:00', '2026-09-30'],
    ['routine', '2026-09-30T11:00', '2026-10-13'], // Thu 8, Fri 9, Sat 10 (make-up), Mon 12, Tue 13
    ['important', '2026-01-01T10:00', '2026-01-06'], // Sun Jan 4 (make-up), Mon 5, Tue 6
    ['important', '2025-04-25T10:00', '2025-04-29'], // Sun Apr 27 (make-up), Mon 28, Tue 29
  ] as const)('%s recorded %s (Shanghai) is due at the end of %s', (urgency, at, date) => {
    expect(due(responseDue(sh(at), urgency, CN))).toEqual(endOf(date));
  });

  it('reads the recording day in the company zone', () => {
    // Sat 2025-10-11 01:00 in Shanghai (Fri in UTC): Saturday does not count → Mon 13, Tue 14, Wed 15.
    expect(due(responseDue(new Date('2025-10-10T17:00:00Z'), 'important', CN))).toEqual(endOf('2025-10-15'));
  });

  it('warns about an uncovered year, or fails in strict mode', () => {
    const r = value(responseDue(sh('2027-03-01T10:00'), 'routine', CN));
    expect(r.due).toEqual(endOf('2027-03-08'));
    expect(r.warnings.map((w) => [w.code, w.details.year])).toEqual([['calendar_year_missing', 2027]]);
    expect(code(responseDue(sh('2027-03-01T10:00'), 'routine', CN, { strict: true }))).toBe('calendar_year_missing');
  });

  it('rejects bad input without throwing', () => {
    expect(code(responseDue(new Date('x'), 'urgent', CN))).toBe('invalid_date');
    expect(code(responseDue(new Date('x'), 'routine', CN))).toBe('invalid_date');
    expect(code(responseDue(sh('2025-01-02T10:00'), 'asap' as never, CN))).toBe('validation_failed');
  });
});

describe('adoptionNoticeDue', () => {
  it('is the end of the 7th calendar day, holidays included', () => {
    expect(value(adoptionNoticeDue(sh('2025-10-01T10:00')))).toEqual({ due: endOf('2025-10-08'), warnings: [] });
    expect(due(adoptionNoticeDue(sh('2026-02-14T23:59')))).toEqual(endOf('2026-02-21'));
  });

  it('uses local midnight across DST in another zone', () => {
    expect(due(adoptionNoticeDue(new Date('2024-03-05T15:00:00Z'), 'America/New_York')).toISOString()).toBe('2024-03-13T03:59:59.999Z');
  });

  it('rejects bad input', () => {
    expect(code(adoptionNoticeDue(new Date('x')))).toBe('invalid_date');
    expect(code(adoptionNoticeDue(new Date(), 'Atlantis/City'))).toBe('invalid_time_zone');
  });
});

describe('dissatisfiedFollowUpDue', () => {
  it('is 3 working days after the rating', () => {
    expect(due(dissatisfiedFollowUpDue(sh('2026-04-30T15:00'), CN))).toEqual(endOf('2026-05-08')); // May 1–5 off
    expect(due(dissatisfiedFollowUpDue(sh('2026-05-08T15:00'), CN))).toEqual(endOf('2026-05-12')); // Sat May 9 make-up
    expect(due(dissatisfiedFollowUpDue(sh('2026-06-18T09:00'), CN))).toEqual(endOf('2026-06-24')); // Jun 19–21 off
  });
});

describe('change requests', () => {
  it.each([
    ['2025-06-12', '2025-06-10'], // Thu → Tue
    ['2025-06-16', '2025-06-12'], // Mon → Thu (Fri 13 and Mon 16 are the two days)
    ['2025-10-09', '2025-09-29'], // first day after National Day → Mon Sep 29
    ['2026-02-24', '2026-02-13'], // after Spring Festival: Sat Feb 14 (make-up) and Tue 24
    ['2026-10-12', '2026-10-09'], // Sat Oct 10 (make-up) and Mon 12 → file by Fri 9
  ])('a change effective %s must be filed by the end of %s', (effective, latest) => {
    expect(value(changeRequestLatestFiling(effective, CN))).toEqual({ due: endOf(latest), warnings: [] });
  });

  it('accepts the effective moment as an instant in the calendar zone', () => {
    // 2025-06-11T16:30Z is Thursday 00:30 in Shanghai.
    expect(due(changeRequestLatestFiling(new Date('2025-06-11T16:30:00Z'), CN))).toEqual(endOf('2025-06-10'));
  });

  it('is timely up to the last millisecond of the latest filing day', () => {
    const latest = due(changeRequestLatestFiling('2025-06-12', CN));
    expect(value(isChangeRequestTimely(latest, '2025-06-12', CN)).timely).toBe(true);
    expect(value(isChangeRequestTimely(new Date(latest.getTime() + 1), '2025-06-12', CN)).timely).toBe(false);
    expect(value(isChangeRequestTimely(sh('2025-06-10T09:00'), sh('2025-06-12T09:00'), CN)).timely).toBe(true);
    expect(value(isChangeRequestTimely(sh('2025-06-11T09:00'), sh('2025-06-12T09:00'), CN)).timely).toBe(false);
  });

  it('rejects bad input', () => {
    expect(code(changeRequestLatestFiling('2025-06-31', CN))).toBe('invalid_date');
    expect(code(isChangeRequestTimely(new Date('x'), '2025-06-12', CN))).toBe('invalid_date');
    expect(code(isChangeRequestTimely(new Date(), '2025-06-12', null as never))).toBe('invalid_calendar');
  });

  it('property: timely exactly when the effective day is at least 2 working days after filing', () => {
    const instant = fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2026-12-20T00:00:00Z'), noInvalidDate: true });
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 30 * 86_400_000 }), (filedAt, ahead) => {
        const effectiveAt = new Date(filedAt.getTime() + ahead);
        const count = value(countWorkingDays(filedAt, effectiveAt, CN)).count;
        expect(value(isChangeRequestTimely(filedAt, effectiveAt, CN)).timely).toBe(count >= 2);
      }),
    );
  });
});

describe('isOverdue', () => {
  it('is false up to and including the due millisecond, true after', () => {
    const d = endOf('2025-10-11');
    expect(isOverdue(d, sh('2025-10-11T12:00'))).toBe(false);
    expect(isOverdue(d, d)).toBe(false);
    expect(isOverdue(d, new Date(d.getTime() + 1))).toBe(true);
    expect(value(localDateOf(new Date(d.getTime() + 1)))).toBe('2025-10-12');
  });

  it('is false for invalid dates', () => {
    expect(isOverdue(new Date('x'), new Date())).toBe(false);
    expect(isOverdue(null as never, new Date())).toBe(false);
  });
});
