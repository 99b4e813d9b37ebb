import { describe, expect, it } from 'vitest';
import { computeObligations, type AuditFact } from '../../../shared/domain/obligations';
import { CN_MAINLAND_CALENDAR } from '../../../shared/domain/calendars/cn-mainland';
import type { WorkingDayCalendar } from '../../../shared/domain/calendar';
import type { Communication, Record as EchoRecord } from '../../../shared/schemas/record';
import type { ObligationAct, ObligationKind } from '../../../shared/schemas/obligation';
import { clip } from '../schemas/fixtures';
import { EVE_OF_NATIONAL_DAY, freshRecord } from './fresh-record';

/*
 * DOMAIN.md §12's table, kind by kind: each obligation open before its due instant, breached after
 * it, and met by its act, counted across the 2025 National Day holiday (Oct 1–8) and the 调休
 * Saturday Oct 11, for a company in Shanghai and one in America/New_York on the same schedule.
 */

const ZONES: Record<'Asia/Shanghai' | 'America/New_York', WorkingDayCalendar> = {
  'Asia/Shanghai': CN_MAINLAND_CALENDAR,
  'America/New_York': { ...CN_MAINLAND_CALENDAR, id: 'cn-in-new-york', timeZone: 'America/New_York' },
};
const staffRef = { id: '0190a000-0000-7000-8000-00000000b002', name: '研发 李*' };
const START = EVE_OF_NATIONAL_DAY;

/** A valid, important record with a consented contact, recorded at START. */
const rec = (overrides: Partial<EchoRecord> = {}): EchoRecord =>
  freshRecord({ contact: '138****5678', contactConsent: true, validity: 'valid', nature: 'feature_optimisation', urgency: 'important', ...overrides });
const comm = (kind: Communication['kind'], at: string, extra: Partial<Communication> = {}): Communication => ({
  id: '0190a000-0000-7000-8000-0000000000e1',
  kind,
  message: '您好',
  at,
  by: staffRef,
  ...extra,
});
const entry = (action: string, at: string, before: unknown = {}, after: unknown = {}): AuditFact => ({ action, at, before, after });
const assessment = (handling: 'develop' | 'not_now') => ({
  customerValue: 4,
  businessValue: 4,
  cost: 2,
  risk: 2,
  priority: 'P1' as const,
  handling,
  ...(handling === 'not_now' ? { notNowReason: '超出产品定位' } : {}),
});
const taskOrder = { goal: '导出提速', deliveryStandard: '5 万行 60 秒内', deadline: '2025-10-11', ownerId: staffRef.id };

interface Case {
  kind: ObligationKind;
  /** The record and its trail, with the obligation met (by `act`) or not. */
  facts: (met: boolean) => { record: EchoRecord; audit: AuditFact[] };
  act: ObligationAct;
  due: Record<keyof typeof ZONES, string>;
}

const CASES: Case[] = [
  {
    // Important: Oct 9, Oct 10 and the 调休 Saturday Oct 11.
    kind: 'response',
    facts: (met) => ({ record: rec(met ? { communications: [comm('defect_progress', '2025-10-09T02:00:00Z')] } : {}), audit: [] }),
    act: 'communication',
    due: { 'Asia/Shanghai': '2025-10-11T15:59:59.999Z', 'America/New_York': '2025-10-12T03:59:59.999Z' },
  },
  {
    // 1 week (7 calendar days, holidays counted) after develop was decided.
    kind: 'adoption_notice',
    facts: (met) => ({
      record: rec({ assessment: assessment('develop'), ...(met ? { communications: [comm('adopted', '2025-10-03T01:00:00Z', { expectedVersion: '2.4' })] } : {}) }),
      audit: [entry('edit', START, { assessment: null }, { assessment: assessment('develop') })],
    }),
    act: 'communication',
    due: { 'Asia/Shanghai': '2025-10-07T15:59:59.999Z', 'America/New_York': '2025-10-08T03:59:59.999Z' },
  },
  {
    kind: 'not_adopted_notice',
    facts: (met) => ({
      record: rec({ assessment: assessment('not_now'), ...(met ? { communications: [comm('not_adopted', '2025-10-03T01:00:00Z')] } : {}) }),
      audit: [entry('edit', START, { assessment: null }, { assessment: assessment('not_now') })],
    }),
    act: 'communication',
    due: { 'Asia/Shanghai': '2025-10-07T15:59:59.999Z', 'America/New_York': '2025-10-08T03:59:59.999Z' },
  },
  {
    kind: 'weekly_progress',
    facts: (met) => ({
      record: rec({
        status: 'in_progress',
        taskOrder,
        progress: met ? [{ milestone: 'development_testing', note: '开发中', at: '2025-10-05T02:00:00.000Z', by: staffRef }] : [],
      }),
      audit: [entry('edit', START, { taskOrder: null }, { taskOrder })],
    }),
    act: 'progress',
    due: { 'Asia/Shanghai': '2025-10-07T15:59:59.999Z', 'America/New_York': '2025-10-08T03:59:59.999Z' },
  },
  {
    // The order's deadline is the 调休 Saturday.
    kind: 'task_completion',
    facts: (met) => ({
      record: rec({ status: met ? 'done' : 'in_progress', taskOrder, ...(met ? { result: '已上线' } : {}) }),
      audit: [entry('edit', START, { taskOrder: null }, { taskOrder }), ...(met ? [entry('transition:complete', '2025-10-10T08:00:00Z')] : [])],
    }),
    act: 'done',
    due: { 'Asia/Shanghai': '2025-10-11T15:59:59.999Z', 'America/New_York': '2025-10-12T03:59:59.999Z' },
  },
  {
    // 3 working days after the rating: Oct 9, 10 and the 调休 Saturday.
    kind: 'dissatisfied_follow_up',
    facts: (met) => ({
      record: rec({
        status: 'done',
        result: '已修复',
        satisfaction: [{ rating: 'dissatisfied', at: START, cycle: 1 }],
        communications: [comm('done', '2025-09-30T09:00:00Z'), ...(met ? [comm('second_contact', '2025-10-09T02:00:00Z')] : [])],
      }),
      audit: [],
    }),
    act: 'communication',
    due: { 'Asia/Shanghai': '2025-10-11T15:59:59.999Z', 'America/New_York': '2025-10-12T03:59:59.999Z' },
  },
  {
    kind: 'post_release_follow_up',
    facts: (met) => ({
      record: rec({
        status: 'done',
        result: '2.4 上线',
        assessment: assessment('develop'),
        communications: met ? [comm('release_follow_up', '2025-10-13T02:00:00Z')] : [],
      }),
      audit: [entry('edit', START, { assessment: null }, { assessment: assessment('develop') }), entry('transition:complete', START)],
    }),
    act: 'communication',
    due: { 'Asia/Shanghai': '2025-10-14T15:59:59.999Z', 'America/New_York': '2025-10-15T03:59:59.999Z' },
  },
];

const obligation = (c: Case, met: boolean, zone: keyof typeof ZONES, now: number) => {
  const { record, audit } = c.facts(met);
  const found = computeObligations({ record, audit }, ZONES[zone], new Date(now)).filter((o) => o.kind === c.kind);
  expect(found.length, c.kind).toBeGreaterThanOrEqual(1);
  return found[0]!;
};

describe.each(Object.keys(ZONES) as Array<keyof typeof ZONES>)('DOMAIN.md §12 obligations with the company in %s', (zone) => {
  describe.each(CASES)('$kind', (c) => {
    const due = Date.parse(c.due[zone]);

    it('is open up to its due instant, inclusive', () => {
      expect(obligation(c, false, zone, due - 3_600_000)).toMatchObject({ dueAt: c.due[zone], state: 'open', metAt: null });
      expect(obligation(c, false, zone, due).state).toBe('open');
    });

    it('is breached once its due instant has passed unmet', () => {
      expect(obligation(c, false, zone, due + 1)).toMatchObject({ dueAt: c.due[zone], state: 'breached', metAt: null, metBy: null });
    });

    it('is met by its act, in time', () => {
      expect(obligation(c, true, zone, due + 86_400_000)).toMatchObject({ dueAt: c.due[zone], state: 'met', metBy: { act: c.act }, late: false });
    });
  });

  it('recording is met by the record being recorded: a ticket clipped 30 hours after the customer wrote is late', () => {
    const ticket = { ...clip.ticket!, messages: [{ ...clip.ticket!.messages[0]!, role: 'customer' as const, at: '2025-09-29T04:00:00.000Z' }] };
    const record = rec({ origin: { kind: 'extension', clip: { ...clip, ticket } } });
    const [recording] = computeObligations({ record, audit: [] }, ZONES[zone], new Date(START)).filter((o) => o.kind === 'recording');
    expect(recording).toMatchObject({ dueAt: '2025-09-30T04:00:00.000Z', state: 'met', metBy: { act: 'recorded' }, metAt: START, late: true });
  });

  it('a change request is met by its filing in time: effective Mon 2025-10-13 10:00 Shanghai, the Saturday counting', () => {
    const filed = {
      id: '0190a000-0000-7000-8000-0000000000cc',
      reason: '资源不足',
      adjustedPlan: '延后一周',
      filedAt: '2025-10-09T08:00:00.000Z',
      effectiveAt: '2025-10-13T02:00:00.000Z',
      state: 'pending' as const,
    };
    const record = rec({ status: 'in_progress', taskOrder, changeRequests: [filed] });
    const [lead] = computeObligations({ record, audit: [] }, ZONES[zone], new Date(START)).filter((o) => o.kind === 'change_request_lead');
    // In New York the change takes effect on Sunday 10-12 local time, so the filing was due by Thursday 10-09 there.
    const dueAt = zone === 'Asia/Shanghai' ? '2025-10-10T15:59:59.999Z' : '2025-10-10T03:59:59.999Z';
    expect(lead).toMatchObject({ dueAt, state: 'met', metBy: { act: 'filed', ref: filed.id }, late: false });
  });
});
