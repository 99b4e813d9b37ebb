import { describe, expect, it } from 'vitest';
import { computeObligations, nextObligation, type AuditFact } from '../../../shared/domain/obligations';
import { canRate } from '../../../shared/domain/rating';
import { CN_MAINLAND_CALENDAR } from '../../../shared/domain/calendars/cn-mainland';
import type { WorkingDayCalendar } from '../../../shared/domain/calendar';
import type { Communication, Record as EchoRecord } from '../../../shared/schemas/record';
import type { ObligationKind } from '../../../shared/schemas/obligation';
import { clip, record as storedFixture } from '../schemas/fixtures';

const CN = CN_MAINLAND_CALENDAR;
/** The same State Council schedule for a company whose deadlines end at midnight in New York. */
const NY: WorkingDayCalendar = { ...CN_MAINLAND_CALENDAR, id: 'cn-in-new-york', timeZone: 'America/New_York' };
const staffRef = { id: '0190a000-0000-7000-8000-00000000b002', name: '研发 李*' };

/** Recorded 2025-09-30 18:00 Shanghai (06:00 New York), the eve of the National Day holiday. */
const RECORDED = '2025-09-30T10:00:00.000Z';

/** A freshly recorded manual record with a consented contact; `overrides` moves it along the process. */
const rec = (overrides: Partial<EchoRecord> = {}): EchoRecord => ({
  ...storedFixture,
  origin: { kind: 'manual' },
  recordedAt: RECORDED,
  createdAt: RECORDED,
  updatedAt: RECORDED,
  status: 'pending_analysis',
  validity: 'unscreened',
  nature: null,
  urgency: null,
  dueAt: null,
  owner: null,
  assessment: null,
  taskOrder: null,
  progress: [],
  changeRequests: [],
  communications: [],
  satisfaction: [],
  cycle: 1,
  result: null,
  mergedInto: null,
  ...overrides,
});

let n = 0;
const comm = (kind: Communication['kind'], at: string, extra: Partial<Communication> = {}): Communication => ({
  id: `0190a000-0000-7000-8000-${String(++n).padStart(12, '0')}`,
  kind,
  message: '您好',
  at,
  by: staffRef,
  ...extra,
});
const entry = (action: string, at: string, before: unknown = {}, after: unknown = {}): AuditFact => ({ action, at, before, after });
const assessment = (handling: 'develop' | 'optimise' | 'not_now') => ({
  customerValue: 4,
  businessValue: 4,
  cost: 2,
  risk: 2,
  priority: 'P1' as const,
  handling,
  ...(handling === 'not_now' ? { notNowReason: '超出产品定位' } : {}),
});
const decided = (at: string, handling: 'develop' | 'optimise' | 'not_now') =>
  entry('edit', at, { assessment: null }, { assessment: assessment(handling) });

const of = (r: EchoRecord, audit: AuditFact[], now: string, calendar = CN, kind?: ObligationKind) =>
  computeObligations({ record: r, audit }, calendar, new Date(now)).filter((o) => kind === undefined || o.kind === kind);
const one = (r: EchoRecord, audit: AuditFact[], now: string, kind: ObligationKind, calendar = CN) => {
  const found = of(r, audit, now, calendar, kind);
  expect(found, kind).toHaveLength(1);
  return found[0]!;
};

describe('response obligation (响应)', () => {
  it('DOMAIN.md §11 worked example: important, recorded 2025-09-30 18:00, is due at the end of the 调休 Saturday 2025-10-11', () => {
    const r = rec({ validity: 'valid', urgency: 'important' });
    expect(one(r, [], '2025-10-11T15:00:00Z', 'response')).toMatchObject({
      startsAt: RECORDED,
      dueAt: '2025-10-11T15:59:59.999Z',
      state: 'open',
      metAt: null,
    });
    expect(one(r, [], '2025-10-11T16:00:00Z', 'response').state).toBe('breached');
    const told = rec({ ...r, communications: [comm('defect_progress', '2025-10-11T03:00:00Z')] });
    const met = one(told, [], '2025-10-20T00:00:00Z', 'response');
    expect(met).toMatchObject({ state: 'met', metAt: '2025-10-11T03:00:00.000Z', late: false, metBy: { act: 'communication', ref: told.communications[0]!.id } });
  });

  it('counts in the company zone: in New York the same record is due at the end of Saturday 2025-10-11 there', () => {
    const r = rec({ validity: 'valid', urgency: 'important' });
    expect(one(r, [], '2025-10-12T03:00:00Z', 'response', NY)).toMatchObject({ dueAt: '2025-10-12T03:59:59.999Z', state: 'open' });
    expect(one(r, [], '2025-10-12T04:00:00Z', 'response', NY).state).toBe('breached');
  });

  it('urgent is 24 hours on the clock through the holiday; routine is 5 working days (Oct 9, 10, 11, 13, 14)', () => {
    expect(one(rec({ urgency: 'urgent' }), [], '2025-10-01T09:00:00Z', 'response')).toMatchObject({ dueAt: '2025-10-01T10:00:00.000Z', state: 'open' });
    expect(one(rec({ urgency: 'urgent' }), [], '2025-10-01T10:00:00.001Z', 'response').state).toBe('breached');
    expect(one(rec({ urgency: 'routine' }), [], RECORDED, 'response').dueAt).toBe('2025-10-14T15:59:59.999Z');
    expect(one(rec({ urgency: 'routine' }), [], RECORDED, 'response', NY).dueAt).toBe('2025-10-15T03:59:59.999Z');
    // Not screened yet: held to routine's 5 working days.
    expect(one(rec(), [], RECORDED, 'response').dueAt).toBe('2025-10-14T15:59:59.999Z');
  });

  it('a late first message meets it late; with no reachable customer the screening decision meets it', () => {
    const late = rec({ urgency: 'urgent', communications: [comm('done', '2025-10-02T00:00:00Z')] });
    expect(one(late, [], '2025-10-03T00:00:00Z', 'response')).toMatchObject({ state: 'met', late: true });
    const { contact: _contact, ...unreachable } = rec({ urgency: 'important', contactConsent: false });
    const screened = [entry('create', RECORDED), entry('transition:mark_valid', '2025-10-09T01:00:00Z')];
    expect(one(unreachable, [], '2025-10-09T00:00:00Z', 'response').state).toBe('open');
    expect(one(unreachable, screened, '2025-10-20T00:00:00Z', 'response')).toMatchObject({
      state: 'met',
      metAt: '2025-10-09T01:00:00.000Z',
      metBy: { act: 'screening' },
      late: false,
    });
  });
});

describe('recording obligation (录入)', () => {
  const ticketAt = '2025-09-30T02:00:00.000Z';
  const clipped = (recordedAt: string) =>
    rec({
      recordedAt,
      origin: { kind: 'extension', clip: { ...clip, ticket: { ...clip.ticket!, messages: [{ role: 'customer', text: '导出失败', at: ticketAt }] } } },
    });

  it('runs 24 hours from the customer contact and is met by recording, late when recorded after that', () => {
    expect(one(clipped('2025-09-30T10:00:00Z'), [], RECORDED, 'recording')).toMatchObject({
      startsAt: ticketAt,
      dueAt: '2025-10-01T02:00:00.000Z',
      state: 'met',
      metBy: { act: 'recorded' },
      late: false,
    });
    expect(one(clipped('2025-10-01T03:00:00Z'), [], '2025-10-01T03:00:00Z', 'recording')).toMatchObject({ state: 'met', late: true });
  });

  it('a suggestion-box submission is the contact itself; a manual record without a contact time has none', () => {
    const page = { url: 'https://app.example.com/reports', title: 'Reports', userAgent: 'Mozilla/5.0', screen: { w: 1440, h: 900 } };
    const widget = rec({ origin: { kind: 'widget', page, locale: 'zh-CN', reporter: { anonymousId: 'a'.repeat(64) } } });
    expect(one(widget, [], RECORDED, 'recording')).toMatchObject({ startsAt: RECORDED, state: 'met', late: false });
    expect(of(rec(), [], RECORDED, CN, 'recording')).toEqual([]);
  });
});

describe('adoption and not-adopted notices (采纳告知)', () => {
  const decidedAt = '2025-09-30T10:00:00.000Z';

  it('adoption: 7 calendar days after develop/optimise was decided, holidays counted; met by an adopted message with its version', () => {
    const r = rec({ validity: 'valid', urgency: 'important', assessment: assessment('develop') });
    const audit = [entry('create', RECORDED), decided(decidedAt, 'develop')];
    expect(one(r, audit, '2025-10-07T15:00:00Z', 'adoption_notice')).toMatchObject({ startsAt: decidedAt, dueAt: '2025-10-07T15:59:59.999Z', state: 'open' });
    expect(one(r, audit, '2025-10-07T16:00:00Z', 'adoption_notice').state).toBe('breached');
    expect(one(r, audit, '2025-10-08T03:00:00Z', 'adoption_notice', NY)).toMatchObject({ dueAt: '2025-10-08T03:59:59.999Z', state: 'open' });
    const told = rec({ ...r, communications: [comm('adopted', '2025-10-03T00:00:00Z', { expectedVersion: '2.4' })] });
    expect(one(told, audit, '2025-11-01T00:00:00Z', 'adoption_notice')).toMatchObject({ state: 'met', late: false, metBy: { act: 'communication' } });
  });

  it('not now: a week to say why, met by a not-adopted message', () => {
    const r = rec({ validity: 'valid', urgency: 'routine', assessment: assessment('not_now') });
    const audit = [entry('create', RECORDED), decided(decidedAt, 'not_now')];
    expect(one(r, audit, '2025-10-07T00:00:00Z', 'not_adopted_notice')).toMatchObject({ dueAt: '2025-10-07T15:59:59.999Z', state: 'open' });
    expect(one(r, audit, '2025-10-08T00:00:00Z', 'not_adopted_notice').state).toBe('breached');
    expect(of(r, audit, '2025-10-08T00:00:00Z', CN, 'adoption_notice')).toEqual([]);
    const told = rec({ ...r, communications: [comm('not_adopted', '2025-10-09T00:00:00Z', { message: '超出产品定位,感谢您的建议' })] });
    expect(one(told, audit, '2025-10-09T00:00:00Z', 'not_adopted_notice')).toMatchObject({ state: 'met', late: true });
  });

  it('marked invalid: a week to tell a reachable customer; an invalid record nobody can be told about (spam) needs none', () => {
    const audit = [entry('create', RECORDED), entry('transition:mark_invalid', decidedAt)];
    const invalid = rec({ status: 'closed', validity: 'invalid', invalidReason: '与公司战略直接冲突' });
    expect(one(invalid, audit, '2025-10-08T00:00:00Z', 'not_adopted_notice')).toMatchObject({ startsAt: decidedAt, state: 'breached' });
    const { contact: _c, ...spam } = rec({ status: 'closed', validity: 'invalid', invalidReason: '广告', contactConsent: false });
    expect(of(spam, audit, '2025-10-08T00:00:00Z', CN, 'not_adopted_notice')).toEqual([]);
    // Its response was met by the screening decision, so nothing is owed at all.
    expect(nextObligation(of(spam, audit, '2025-10-08T00:00:00Z'))).toBeNull();
  });
});

describe('task order obligations (任务单)', () => {
  const orderedAt = '2025-09-29T02:00:00.000Z'; // Mon 10:00 Shanghai
  const taskOrder = { goal: '导出提速', deliveryStandard: '5 万行 60 秒内', deadline: '2025-10-11', ownerId: staffRef.id };
  const audit = [entry('create', RECORDED), entry('edit', orderedAt, { taskOrder: null }, { taskOrder }), entry('transition:start', orderedAt)];
  const progress = (at: string) => ({ milestone: 'requirement_review' as const, note: '评审通过', at, by: staffRef });

  it('weekly progress: every 7 calendar days while in progress, each update starting the next week', () => {
    const r = rec({ validity: 'valid', urgency: 'important', status: 'in_progress', taskOrder, progress: [progress('2025-10-03T02:00:00Z')] });
    const weeks = of(r, audit, '2025-10-10T15:00:00Z', CN, 'weekly_progress');
    expect(weeks).toEqual([
      expect.objectContaining({ startsAt: orderedAt, dueAt: '2025-10-06T15:59:59.999Z', state: 'met', metBy: { act: 'progress' }, late: false }),
      expect.objectContaining({ startsAt: '2025-10-03T02:00:00.000Z', dueAt: '2025-10-10T15:59:59.999Z', state: 'open' }),
    ]);
    expect(of(r, audit, '2025-10-10T16:00:00Z', CN, 'weekly_progress')[1]!.state).toBe('breached');
    // The update was Thursday evening in New York, so the week there ends with Thursday 10-09.
    expect(of(r, audit, '2025-10-10T03:00:00Z', NY, 'weekly_progress')[1]).toMatchObject({ dueAt: '2025-10-10T03:59:59.999Z', state: 'open' });
    // Done: no further week is owed.
    expect(of({ ...r, status: 'done' }, audit, '2025-10-20T00:00:00Z', CN, 'weekly_progress').map((o) => o.state)).toEqual(['met']);
  });

  it('weekly progress after a 不满意 reopened the record: a week from the reopening, not from the last cycle’s update', () => {
    const reopenedAt = '2025-10-20T02:00:00.000Z';
    const r = rec({ validity: 'valid', urgency: 'important', status: 'in_progress', cycle: 2, taskOrder, progress: [progress('2025-10-03T02:00:00Z')] });
    const reopened = [...audit, entry('satisfaction', reopenedAt, { status: 'done' }, { status: 'in_progress', cycle: 2 })];
    expect(of(r, reopened, '2025-10-20T03:00:00Z', CN, 'weekly_progress')[1]).toMatchObject({ startsAt: reopenedAt, dueAt: '2025-10-27T15:59:59.999Z', state: 'open' });
  });

  it('task completion: due at the end of the order’s deadline (the 调休 Saturday), met by done', () => {
    const r = rec({ validity: 'valid', urgency: 'important', status: 'in_progress', taskOrder });
    expect(one(r, audit, '2025-10-11T15:00:00Z', 'task_completion')).toMatchObject({ startsAt: orderedAt, dueAt: '2025-10-11T15:59:59.999Z', state: 'open' });
    expect(one(r, audit, '2025-10-11T16:00:00Z', 'task_completion').state).toBe('breached');
    expect(one(r, audit, '2025-10-12T03:00:00Z', 'task_completion', NY)).toMatchObject({ dueAt: '2025-10-12T03:59:59.999Z', state: 'open' });
    const done = rec({ ...r, status: 'done', result: '已上线' });
    const completed = [...audit, entry('transition:complete', '2025-10-10T08:00:00Z')];
    expect(one(done, completed, '2025-10-20T00:00:00Z', 'task_completion')).toMatchObject({ state: 'met', metBy: { act: 'done' }, late: false });
  });

  it('change request lead time: a change effective Monday 2025-10-13 had to be filed by the end of Friday 10-10 (the Saturday counts)', () => {
    const filed = {
      id: '0190a000-0000-7000-8000-0000000000cc',
      reason: '资源不足',
      adjustedPlan: '延后一周',
      filedAt: '2025-10-10T08:00:00.000Z',
      effectiveAt: '2025-10-13T02:00:00.000Z',
      state: 'pending' as const,
    };
    const r = rec({ validity: 'valid', status: 'in_progress', taskOrder, changeRequests: [filed] });
    expect(one(r, audit, '2025-10-10T09:00:00Z', 'change_request_lead')).toMatchObject({
      dueAt: '2025-10-10T15:59:59.999Z',
      state: 'met',
      metBy: { act: 'filed', ref: filed.id },
      late: false,
    });
  });
});

describe('dissatisfied follow-up (二次沟通)', () => {
  const ratedAt = '2025-09-30T10:00:00.000Z';
  const rated = rec({
    validity: 'valid',
    urgency: 'important',
    status: 'done',
    result: '已修复',
    communications: [comm('done', '2025-09-30T09:00:00Z')],
    satisfaction: [{ rating: 'dissatisfied', comment: '还是很慢', at: ratedAt, cycle: 1 }],
  });

  it('is due 3 working days after the rating, not after the reopen, and met by a second-contact message', () => {
    expect(one(rated, [], '2025-10-11T15:00:00Z', 'dissatisfied_follow_up')).toMatchObject({ startsAt: ratedAt, dueAt: '2025-10-11T15:59:59.999Z', state: 'open' });
    const reopened = rec({ ...rated, status: 'in_progress', cycle: 2, result: null });
    const audit = [entry('create', RECORDED), entry('satisfaction', ratedAt), entry('transition:reopen', '2025-10-10T02:00:00Z')];
    expect(one(reopened, audit, '2025-10-11T16:00:00Z', 'dissatisfied_follow_up')).toMatchObject({ dueAt: '2025-10-11T15:59:59.999Z', state: 'breached' });
    expect(one(rated, [], RECORDED, 'dissatisfied_follow_up', NY).dueAt).toBe('2025-10-12T03:59:59.999Z');
    const followed = rec({ ...reopened, communications: [...rated.communications, comm('second_contact', '2025-10-09T02:00:00Z')] });
    expect(one(followed, audit, '2025-10-20T00:00:00Z', 'dissatisfied_follow_up')).toMatchObject({ state: 'met', late: false });
  });

  it('a satisfied rating owes nothing', () => {
    const happy = rec({ ...rated, satisfaction: [{ rating: 'satisfied', at: ratedAt, cycle: 1 }] });
    expect(of(happy, [], '2025-12-01T00:00:00Z', CN, 'dissatisfied_follow_up')).toEqual([]);
  });
});

describe('post-release follow-up (效果跟进)', () => {
  const releasedAt = '2025-10-01T02:00:00.000Z';
  const released = rec({ validity: 'valid', urgency: 'routine', status: 'done', result: '2.4 上线', assessment: assessment('optimise') });
  const audit = [entry('create', RECORDED), decided(RECORDED, 'optimise'), entry('transition:complete', releasedAt)];

  it('14 calendar days after release (configurable), met by a release follow-up', () => {
    expect(one(released, audit, '2025-10-15T15:00:00Z', 'post_release_follow_up')).toMatchObject({ startsAt: releasedAt, dueAt: '2025-10-15T15:59:59.999Z', state: 'open' });
    expect(one(released, audit, '2025-10-15T16:00:00Z', 'post_release_follow_up').state).toBe('breached');
    const thirty = computeObligations({ record: released, audit }, CN, new Date(releasedAt), { postReleaseFollowUpDays: 30 });
    expect(thirty.find((o) => o.kind === 'post_release_follow_up')?.dueAt).toBe('2025-10-31T15:59:59.999Z');
    const followed = rec({ ...released, communications: [comm('release_follow_up', '2025-10-14T00:00:00Z')] });
    expect(one(followed, audit, '2025-11-01T00:00:00Z', 'post_release_follow_up')).toMatchObject({ state: 'met', late: false });
  });
});

describe('the record as a whole', () => {
  it('owes first the unmet obligation due first; a merged record owes nothing (the survivor carries on)', () => {
    const r = rec({ validity: 'valid', urgency: 'important', assessment: assessment('develop') });
    const audit = [entry('create', RECORDED), decided(RECORDED, 'develop')];
    expect(nextObligation(of(r, audit, RECORDED))).toMatchObject({ kind: 'adoption_notice', dueAt: '2025-10-07T15:59:59.999Z' });
    const merged = rec({ ...r, mergedInto: '0190a000-0000-7000-8000-0000000000ff' });
    expect(of(merged, audit, RECORDED).filter((o) => o.state !== 'met')).toEqual([]);
  });

  it('flags a deadline counted through a year without a calendar', () => {
    const r = rec({ recordedAt: '2099-06-01T02:00:00.000Z', urgency: 'routine' });
    expect(one(r, [], '2099-06-01T02:00:00Z', 'response').missingCalendarYears).toEqual([2099]);
  });

  it('an invalid record is never asked for a rating', () => {
    expect(canRate(rec({ status: 'closed', validity: 'invalid', invalidReason: '虚假信息' }))).toMatchObject({ ok: false, error: { code: 'invalid_transition' } });
    expect(canRate(rec({ status: 'done', validity: 'valid' })).ok).toBe(true);
    expect(canRate(rec({ status: 'done', validity: 'valid', satisfaction: [{ rating: 'satisfied', at: RECORDED, cycle: 1 }] }))).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });
});
