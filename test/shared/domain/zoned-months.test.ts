import { describe, expect, it } from 'vitest';
import { zonedMonths } from '../../../shared/domain/zoned-months';

describe('zonedMonths', () => {
  it("lists the company's months overlapping a range, whole, with their instants", () => {
    // 1 April 00:00 to 1 August 00:00 in Shanghai.
    expect(zonedMonths(new Date('2026-03-31T16:00:00Z'), new Date('2026-07-31T16:00:00Z'), 'Asia/Shanghai', 1)).toEqual([
      { label: '2026-04', start: '2026-03-31T16:00:00.000Z', end: '2026-04-30T16:00:00.000Z' },
      { label: '2026-05', start: '2026-04-30T16:00:00.000Z', end: '2026-05-31T16:00:00.000Z' },
      { label: '2026-06', start: '2026-05-31T16:00:00.000Z', end: '2026-06-30T16:00:00.000Z' },
      { label: '2026-07', start: '2026-06-30T16:00:00.000Z', end: '2026-07-31T16:00:00.000Z' },
    ]);
  });

  it('lists quarters from the one holding the start, across a year and a daylight-saving change', () => {
    // 15 November 2026 to 15 February 2027 in New York (daylight saving ended on 1 November).
    expect(zonedMonths(new Date('2026-11-15T05:00:00Z'), new Date('2027-02-15T05:00:00Z'), 'America/New_York', 3)).toEqual([
      { label: '2026-Q4', start: '2026-10-01T04:00:00.000Z', end: '2027-01-01T05:00:00.000Z' },
      { label: '2027-Q1', start: '2027-01-01T05:00:00.000Z', end: '2027-04-01T04:00:00.000Z' },
    ]);
  });

  it('gives nothing for an empty range or an unknown zone', () => {
    expect(zonedMonths(new Date('2026-04-01T00:00:00Z'), new Date('2026-04-01T00:00:00Z'), 'Asia/Shanghai', 1)).toEqual([]);
    expect(zonedMonths(new Date('2026-04-01T00:00:00Z'), new Date('2026-05-01T00:00:00Z'), 'Mars/Olympus', 1)).toEqual([]);
  });
});
