import { describe, expect, it } from 'vitest';
import { CN_MAINLAND_CALENDAR } from '../../../shared/domain/calendars/cn-mainland';
import { timeLeft } from '../../../shared/domain/time-left';

/** DOMAIN.md §11's worked example: important at 2025-09-30 18:00 Shanghai is due at the end of Oct 11 (a make-up working day). */
const DUE = new Date('2025-10-11T15:59:59.999Z');
const at = (iso: string) => {
  const result = timeLeft(DUE, new Date(iso), CN_MAINLAND_CALENDAR);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};

describe('timeLeft', () => {
  it('counts working days on the company calendar: the National Day holiday does not count, the make-up Saturday does', () => {
    expect(at('2025-09-30T10:00:00Z')).toEqual({ standing: 'on_track', workingDays: 3, hours: 269 });
  });

  it('is due soon on the working day before the due day and on the due day itself', () => {
    expect(at('2025-10-10T02:00:00Z')).toMatchObject({ standing: 'due_soon', workingDays: 1 });
    expect(at('2025-10-11T08:00:00Z')).toMatchObject({ standing: 'due_soon', workingDays: 0, hours: 7 });
  });

  it('is breached once past due, with the time since in working days and hours', () => {
    expect(at('2025-10-12T01:00:00Z')).toEqual({ standing: 'breached', workingDays: 0, hours: 9 });
    expect(at('2025-10-14T01:00:00Z')).toMatchObject({ standing: 'breached', workingDays: 2 });
  });
});
