import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  ASSESSMENT_DIMENSIONS,
  PRIORITY_START_WITHIN,
  initialPriorityHint,
  priorityForScore,
  startByDate,
  suggestPriority,
  type Assessment,
} from '../../../shared/domain/priority';
import type { Priority } from '../../../shared/schemas/enums';

const rating = fc.integer({ min: 1, max: 5 });
const assessment = fc.record({ customerValue: rating, businessValue: rating, cost: rating, risk: rating });
const rank: Record<Priority, number> = { P0: 0, P1: 1, P2: 2, P3: 3 };

function suggested(a: Assessment) {
  const r = suggestPriority(a);
  if (!r.ok) throw new Error(`unexpected failure ${r.error.code}`);
  return r.value;
}

describe('priorityForScore', () => {
  it('maps every score 6..30 to the agreed band', () => {
    const expected = (s: number): Priority => (s >= 25 ? 'P0' : s >= 20 ? 'P1' : s >= 14 ? 'P2' : 'P3');
    for (let s = 6; s <= 30; s++) expect(priorityForScore(s)).toBe(expected(s));
  });

  it.each([
    [24, 'P1'],
    [25, 'P0'],
    [19, 'P2'],
    [20, 'P1'],
    [13, 'P3'],
    [14, 'P2'],
    [30, 'P0'],
    [6, 'P3'],
  ] as const)('score %i is %s', (score, priority) => {
    expect(priorityForScore(score)).toBe(priority);
  });
});

describe('suggestPriority', () => {
  it.each([
    [{ customerValue: 5, businessValue: 5, cost: 1, risk: 2 }, 29, 'P0'],
    [{ customerValue: 5, businessValue: 4, cost: 3, risk: 3 }, 24, 'P1'],
    [{ customerValue: 5, businessValue: 4, cost: 2, risk: 3 }, 25, 'P0'],
    [{ customerValue: 4, businessValue: 3, cost: 3, risk: 3 }, 20, 'P1'],
    [{ customerValue: 4, businessValue: 3, cost: 3, risk: 4 }, 19, 'P2'],
    [{ customerValue: 2, businessValue: 2, cost: 3, risk: 3 }, 14, 'P2'],
    [{ customerValue: 2, businessValue: 2, cost: 4, risk: 3 }, 13, 'P3'],
    [{ customerValue: 1, businessValue: 1, cost: 5, risk: 5 }, 6, 'P3'],
    [{ customerValue: 5, businessValue: 5, cost: 1, risk: 1 }, 30, 'P0'],
  ] as const)('%o scores %i (%s)', (a, score, priority) => {
    expect(suggestPriority(a)).toEqual({ ok: true, value: { score, priority } });
  });

  it('agrees with the formula on all 625 valid assessments, and hits each boundary score', () => {
    const seen = new Set<number>();
    for (let cv = 1; cv <= 5; cv++)
      for (let bv = 1; bv <= 5; bv++)
        for (let c = 1; c <= 5; c++)
          for (let r = 1; r <= 5; r++) {
            const { score, priority } = suggested({ customerValue: cv, businessValue: bv, cost: c, risk: r });
            expect(score).toBe(2 * cv + 2 * bv + 6 - c + 6 - r);
            expect(priority).toBe(priorityForScore(score));
            seen.add(score);
          }
    for (const s of [13, 14, 19, 20, 24, 25]) expect(seen.has(s)).toBe(true);
    expect(Math.min(...seen)).toBe(6);
    expect(Math.max(...seen)).toBe(30);
  });

  it.each([
    ['customerValue', 0],
    ['businessValue', 6],
    ['cost', 2.5],
    ['risk', Number.NaN],
    ['customerValue', '3'],
    ['risk', null],
    ['cost', undefined],
    ['businessValue', Number.POSITIVE_INFINITY],
    ['risk', -1],
  ])('rejects %s = %s with invalid_score at that path', (dimension, value) => {
    const a: Record<string, unknown> = { customerValue: 3, businessValue: 3, cost: 3, risk: 3, [dimension]: value };
    const r = suggestPriority(a);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('invalid_score');
      expect(r.error.path).toEqual([dimension]);
    }
  });

  it.each([null, undefined, 42, 'P0', [], {}])('does not throw on %o', (input) => {
    const r = suggestPriority(input);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('invalid_score');
      expect(ASSESSMENT_DIMENSIONS).toContain(r.error.path?.[0]);
    }
  });

  it('property: every valid assessment gets a priority and a score in 6..30', () => {
    fc.assert(
      fc.property(assessment, (a) => {
        const { score, priority } = suggested(a);
        expect(score).toBeGreaterThanOrEqual(6);
        expect(score).toBeLessThanOrEqual(30);
        expect(['P0', 'P1', 'P2', 'P3']).toContain(priority);
      }),
    );
  });

  it('property: raising customer or business value, or lowering cost or risk, never lowers priority', () => {
    fc.assert(
      fc.property(assessment, fc.constantFrom(...ASSESSMENT_DIMENSIONS), (a, dim) => {
        const better = dim === 'customerValue' || dim === 'businessValue' ? a[dim] + 1 : a[dim] - 1;
        fc.pre(better >= 1 && better <= 5);
        const before = suggested(a);
        const after = suggested({ ...a, [dim]: better });
        expect(after.score).toBeGreaterThan(before.score);
        expect(rank[after.priority]).toBeLessThanOrEqual(rank[before.priority]);
      }),
    );
  });

  it('property: any out-of-range or non-integer rating is rejected at its path', () => {
    const bad = fc.oneof(
      fc.integer({ min: -1000, max: 0 }),
      fc.integer({ min: 6, max: 1000 }),
      fc.double({ noInteger: true }),
      fc.string(),
      fc.constant(null),
    );
    fc.assert(
      fc.property(assessment, fc.constantFrom(...ASSESSMENT_DIMENSIONS), bad, (a, dim, value) => {
        const r = suggestPriority({ ...a, [dim]: value });
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.error).toMatchObject({ code: 'invalid_score', path: [dim] });
      }),
    );
  });
});

describe('initialPriorityHint', () => {
  it('tags the DOMAIN §4 examples', () => {
    // "payment failure loses orders"
    expect(initialPriorityHint({ coreFunction: true })).toBe('high');
    // "bulk export"
    expect(initialPriorityHint({ experienceImprovement: true, scope: 'subset' })).toBe('medium');
    // "custom theme colour"
    expect(initialPriorityHint({ personalPreference: true, scope: 'few' })).toBe('low');
  });

  it('raises to high for high frequency or a high-value customer', () => {
    expect(initialPriorityHint({ highFrequency: true })).toBe('high');
    expect(initialPriorityHint({ customerType: 'high_value', personalPreference: true })).toBe('high');
    expect(initialPriorityHint({ customerType: 'new', personalPreference: true })).toBe('low');
  });

  it('lets the strongest signal win', () => {
    expect(initialPriorityHint({ personalPreference: true, scope: 'subset' })).toBe('medium');
    expect(initialPriorityHint({ personalPreference: true, coreFunction: true })).toBe('high');
  });

  it('suggests medium with no signal and tolerates bad input', () => {
    expect(initialPriorityHint({})).toBe('medium');
    expect(initialPriorityHint()).toBe('medium');
    expect(initialPriorityHint(null)).toBe('medium');
    expect(initialPriorityHint({ scope: 'few' })).toBe('low');
    expect(initialPriorityHint({ coreFunction: 'yes' } as never)).toBe('medium');
  });
});

describe('PRIORITY_START_WITHIN and startByDate', () => {
  it('gives the start-by guidance for P0–P3', () => {
    expect(PRIORITY_START_WITHIN).toEqual({ P0: 'now', P1: 'within_1_month', P2: 'within_quarter', P3: 'long_term' });
  });

  it.each([
    ['P0', '2025-05-20', '2025-05-20'],
    ['P1', '2025-05-20', '2025-06-20'],
    ['P1', '2025-01-31', '2025-02-28'],
    ['P1', '2024-01-31', '2024-02-29'],
    ['P1', '2025-12-15', '2026-01-15'],
    ['P1', '2025-03-31', '2025-04-30'],
    ['P2', '2025-01-01', '2025-03-31'],
    ['P2', '2025-05-20', '2025-06-30'],
    ['P2', '2025-09-30', '2025-09-30'],
    ['P2', '2025-10-01', '2025-12-31'],
    ['P3', '2025-05-20', null],
  ] as const)('%s decided %s starts by %s', (priority, date, expected) => {
    expect(startByDate(priority, date)).toEqual({ ok: true, value: expected });
  });

  it.each(['2025-02-29', '2025-13-01', '2025-00-10', '2025-04-31', '20250520', '2025-5-20', '', 'x'.repeat(100_000)])(
    'rejects decision date %s',
    (date) => {
      const r = startByDate('P1', date);
      expect(r).toMatchObject({ ok: false, error: { code: 'invalid_date', path: ['decisionDate'] } });
    },
  );

  it('rejects non-string dates and unknown priorities without throwing', () => {
    expect(startByDate('P0', null as never)).toMatchObject({ ok: false, error: { code: 'invalid_date' } });
    expect(startByDate('P4' as never, '2025-05-20')).toMatchObject({ ok: false, error: { code: 'validation_failed', path: ['priority'] } });
    expect(startByDate('toString' as never, '2025-05-20')).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    expect(startByDate('P1', '9999-12-01')).toMatchObject({ ok: false, error: { code: 'invalid_date' } });
  });

  it('property: P0 ≤ P1 and P0 ≤ P2 start-by dates, and P2 stays in the same quarter', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }), (d) => {
        const iso = d.toISOString().slice(0, 10);
        const p0 = startByDate('P0', iso);
        const p1 = startByDate('P1', iso);
        const p2 = startByDate('P2', iso);
        if (!p0.ok || !p1.ok || !p2.ok) throw new Error('valid date rejected');
        expect(p0.value).toBe(iso);
        expect(p1.value! > iso).toBe(true);
        expect(p2.value! >= iso).toBe(true);
        expect(p2.value!.slice(0, 4)).toBe(iso.slice(0, 4));
        expect(Math.ceil(Number(p2.value!.slice(5, 7)) / 3)).toBe(Math.ceil(Number(iso.slice(5, 7)) / 3));
      }),
    );
  });
});
