import { describe, expect, it } from 'vitest';
import { complianceState, completedAt, workingTimeBetween } from '../../../shared/domain/compliance';
import { CN_MAINLAND_CALENDAR } from '../../../shared/domain/calendars/cn-mainland';

const HOUR = 3_600_000;

describe('compliance definitions', () => {
  it('tells met in time, met late, breached and open apart at a given now', () => {
    const now = new Date('2026-03-10T00:00:00Z');
    const dueAt = '2026-03-09T15:59:59.999Z';
    expect(complianceState({ dueAt, metAt: dueAt }, now)).toBe('met_in_time');
    expect(complianceState({ dueAt, metAt: '2026-03-09T16:00:00.000Z' }, now)).toBe('met_late');
    expect(complianceState({ dueAt, metAt: null }, now)).toBe('breached');
    expect(complianceState({ dueAt: '2026-03-18T15:59:59.999Z', metAt: null }, now)).toBe('open');
  });

  it('counts working time only on working days of the calendar (weekend and the Spring Festival skipped)', () => {
    // Friday 18:00 to Monday 10:00 in Shanghai: Friday's last 6 hours and Monday's first 10.
    expect(workingTimeBetween(new Date('2026-03-06T10:00:00Z'), new Date('2026-03-09T02:00:00Z'), CN_MAINLAND_CALENDAR)).toEqual({ ok: true, value: 16 * HOUR });
    // 2026-02-14 (Saturday) is a make-up working day; 15–23 February are holidays.
    expect(workingTimeBetween(new Date('2026-02-13T16:00:00Z'), new Date('2026-02-23T16:00:00Z'), CN_MAINLAND_CALENDAR)).toEqual({ ok: true, value: 24 * HOUR });
    expect(workingTimeBetween(new Date('2026-03-09T02:00:00Z'), new Date('2026-03-06T10:00:00Z'), CN_MAINLAND_CALENDAR)).toEqual({ ok: true, value: 0 });
  });

  it('dates a record done by its last completion, and not at all once reopened', () => {
    const audit = [
      { action: 'transition:complete', at: '2026-03-01T00:00:00.000Z' },
      { action: 'transition:reopen', at: '2026-03-02T00:00:00.000Z' },
      { action: 'transition:complete', at: '2026-03-03T00:00:00.000Z' },
    ];
    expect(completedAt('done', audit)?.toISOString()).toBe('2026-03-03T00:00:00.000Z');
    expect(completedAt('in_progress', audit)).toBeNull();
  });
});
