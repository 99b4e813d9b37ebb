import { describe, expect, it } from 'vitest';
import { instantOfLocalTime, localTimeOf } from '../../../shared/domain/zoned-time';

const iso = (r: { ok: boolean; value?: Date }) => (r.ok ? r.value!.toISOString() : r);

describe('wall-clock times of a zone', () => {
  it("reads a datetime-local value in the given zone, whatever the runtime's own zone", () => {
    expect(iso(instantOfLocalTime('2025-09-30T18:00', 'Asia/Shanghai'))).toBe('2025-09-30T10:00:00.000Z');
    expect(iso(instantOfLocalTime('2025-09-30T18:00', 'Europe/Berlin'))).toBe('2025-09-30T16:00:00.000Z');
    expect(iso(instantOfLocalTime('2025-12-30T18:00', 'Europe/Berlin'))).toBe('2025-12-30T17:00:00.000Z');
  });

  it('handles the days clocks change: a skipped time lands after the skip, a repeated one on one of its instants', () => {
    // Berlin skips 02:00–03:00 on 2025-03-30 and repeats 02:00–03:00 on 2025-10-26.
    expect(iso(instantOfLocalTime('2025-03-30T01:30', 'Europe/Berlin'))).toBe('2025-03-30T00:30:00.000Z');
    expect(iso(instantOfLocalTime('2025-03-30T03:30', 'Europe/Berlin'))).toBe('2025-03-30T01:30:00.000Z');
    expect(['2025-10-26T00:30:00.000Z', '2025-10-26T01:30:00.000Z']).toContain(iso(instantOfLocalTime('2025-10-26T02:30', 'Europe/Berlin')));
  });

  it('shows an instant as the zone writes it, and round-trips', () => {
    const at = new Date('2025-10-11T15:59:00Z');
    expect(localTimeOf(at, 'Asia/Shanghai')).toEqual({ ok: true, value: '2025-10-11T23:59' });
    expect(localTimeOf(at, 'Europe/Berlin')).toEqual({ ok: true, value: '2025-10-11T17:59' });
    expect(iso(instantOfLocalTime('2025-10-11T23:59', 'Asia/Shanghai'))).toBe(at.toISOString());
  });

  it('refuses what is not a real time or zone', () => {
    for (const bad of ['2025-02-30T10:00', '2025-09-30 18:00', '2025-09-30T24:00', '']) expect(instantOfLocalTime(bad, 'Asia/Shanghai').ok).toBe(false);
    expect(instantOfLocalTime('2025-09-30T18:00', 'Mars/Olympus').ok).toBe(false);
    expect(localTimeOf(new Date(Number.NaN), 'Asia/Shanghai').ok).toBe(false);
  });
});
