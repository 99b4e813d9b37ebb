import { describe, expect, it } from 'vitest';
import { digestContents, type DigestCandidate } from '../../../shared/domain/digest';

describe('digestContents', () => {
  const now = new Date('2025-11-06T02:00:00Z');
  const window = { dueBefore: new Date('2025-11-07T16:00:00Z') };
  const c = (recordId: string, kind: string, dueAt: string, metAt: string | null = null): DigestCandidate => ({
    recordId,
    recordNumber: `CS-20251101-00${recordId}`,
    kind,
    dueAt: new Date(dueAt),
    metAt: metAt === null ? null : new Date(metAt),
  });

  it('lists every open obligation due in the window or breached, most urgent first, and counts records', () => {
    const chosen = digestContents(
      [
        c('1', 'weekly_progress', '2025-11-06T06:00:00Z'),
        c('1', 'response', '2025-11-05T02:00:00Z'),
        c('1', 'task_completion', '2025-11-20T00:00:00Z'),
        c('2', 'response', '2025-11-04T00:00:00Z', '2025-11-03T00:00:00Z'),
        c('3', 'adoption_notice', '2025-11-07T10:00:00Z'),
      ],
      window,
      now,
      50,
    );
    expect(chosen.lines.map((l) => [l.recordNumber.slice(-1), l.kind, l.overdue])).toEqual([
      ['1', 'response', true],
      ['1', 'weekly_progress', false],
      ['3', 'adoption_notice', false],
    ]);
    expect(chosen).toMatchObject({ total: 3, records: 2 });
  });

  it('keeps at most max lines and counts the rest', () => {
    const many = Array.from({ length: 5 }, (_, i) => c(String(i), 'response', `2025-11-06T0${i}:00:00Z`));
    const chosen = digestContents(many, window, now, 2);
    expect(chosen.lines).toHaveLength(2);
    expect(chosen).toMatchObject({ total: 5, records: 5 });
  });
});
