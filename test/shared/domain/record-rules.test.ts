import { describe, expect, it } from 'vitest';
import { transitionRecord, workflowStateOf } from '../../../shared/domain/record-workflow';
import { editRecord } from '../../../shared/domain/record-edit';
import { logProgress } from '../../../shared/domain/progress';
import { addCommunication } from '../../../shared/domain/communication';
import { decideChangeRequest, fileChangeRequest } from '../../../shared/domain/change-request';
import { isRepeatedRating, rateRecord } from '../../../shared/domain/rating';
import { mergeRecord, unmergeRecord } from '../../../shared/domain/merge';
import { CN_MAINLAND_CALENDAR } from '../../../shared/domain/calendars/cn-mainland';
import type { WorkingDayCalendar } from '../../../shared/domain/calendar';
import type { Record as EchoRecord } from '../../../shared/schemas/record';
import { Record as RecordSchema } from '../../../shared/schemas/record';
import { record as storedFixture } from '../schemas/fixtures';

const CN = CN_MAINLAND_CALENDAR;
const NY: WorkingDayCalendar = { ...CN_MAINLAND_CALENDAR, id: 'cn-in-new-york', timeZone: 'America/New_York' };
/** A calendar that knows no year at all: every deadline counted with it is flagged. */
const BARE: WorkingDayCalendar = { ...CN_MAINLAND_CALENDAR, id: 'bare', years: {} };
const pm = { id: '0190a000-0000-7000-8000-00000000b001', name: '产品 张*' };
const reviewer = { id: pm.id, role: 'reviewer' as const };
const ID = '0190a000-0000-7000-8000-0000000c0001';
/** Recorded 2025-09-30 18:00 Shanghai, the eve of the National Day holiday. */
const RECORDED = '2025-09-30T10:00:00.000Z';

const rec = (overrides: Partial<EchoRecord> = {}): EchoRecord => ({
  ...storedFixture,
  origin: { kind: 'manual' },
  recordedAt: RECORDED,
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

const value = <T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!r.ok) throw new Error(`unexpected failure ${JSON.stringify(r.error)}`);
  return r.value;
};

describe('transitionRecord', () => {
  it('screening sets the response deadline: important at 2025-09-30 18:00 is due at the end of the 调休 Saturday 10-11', () => {
    const next = value(transitionRecord(rec(), { type: 'mark_valid', nature: 'feature_optimisation', urgency: 'important' }, reviewer, null, CN));
    expect(next).toMatchObject({ validity: 'valid', urgency: 'important', dueAt: '2025-10-11T15:59:59.999Z' });
    expect(next.dueCalendarMissing).toBeUndefined();
    expect(RecordSchema.parse(next)).toBeTruthy();
  });

  it('counts in the company zone (America/New_York) and flags a year without a calendar', () => {
    const ny = value(transitionRecord(rec(), { type: 'mark_valid', nature: 'feature_optimisation', urgency: 'important' }, reviewer, null, NY));
    expect(ny.dueAt).toBe('2025-10-12T03:59:59.999Z');
    const bare = value(transitionRecord(rec(), { type: 'mark_valid', nature: 'feature_optimisation', urgency: 'routine' }, reviewer, null, BARE));
    expect(bare.dueCalendarMissing).toEqual([2025]);
  });

  it('refuses what the workflow refuses, unchanged, and starts a new cycle on reopen', () => {
    expect(transitionRecord(rec(), { type: 'start', ownerId: pm.id }, { id: pm.id, role: 'agent' }, pm, CN)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    const rated = rec({
      status: 'done',
      validity: 'valid',
      result: '已修复',
      satisfaction: [{ rating: 'dissatisfied', at: '2025-10-09T01:00:00.000Z', cycle: 1 }],
    });
    const reopened = value(transitionRecord(rated, { type: 'reopen' }, reviewer, null, CN));
    expect(reopened).toMatchObject({ status: 'in_progress', cycle: 2, result: null });
    expect(workflowStateOf(reopened).latestSatisfaction).toBeNull();
  });

  it('sets the owner the caller resolved when handling starts', () => {
    const valid = rec({ validity: 'valid', nature: 'feature_optimisation', urgency: 'routine' });
    expect(value(transitionRecord(valid, { type: 'start', ownerId: pm.id }, reviewer, pm, CN)).owner).toEqual(pm);
  });
});

describe('editRecord', () => {
  const assessment = { customerValue: 5, businessValue: 4, cost: 2, risk: 3, priority: 'P1' as const, handling: 'develop' as const };

  it('suggests P0–P3 with its score and the reasons as codes and values', () => {
    const next = value(editRecord(rec({ validity: 'valid' }), { assessment }, 'reviewer', CN));
    // 2×5 + 2×4 + (6−2) + (6−3) = 25: the top band.
    expect(next.assessment?.score).toBe(25);
    expect(next.suggestedPriority).toEqual({
      level: 'P0',
      score: 25,
      rationale: [
        { code: 'customer_value', rating: 5, points: 10 },
        { code: 'business_value', rating: 4, points: 8 },
        { code: 'cost', rating: 2, points: 4 },
        { code: 'risk', rating: 3, points: 3 },
        { code: 'top_band', score: 25, level: 'P0', min: 25 },
      ],
    });
    expect(RecordSchema.parse(next).suggestedPriority?.level).toBe('P0');
    const lower = value(editRecord(next, { assessment: { ...assessment, customerValue: 3 } }, 'reviewer', CN));
    expect(lower.suggestedPriority?.rationale.at(-1)).toEqual({ code: 'band', score: 21, level: 'P1', min: 20, max: 24 });
    const cleared = value(editRecord(lower, { assessment: null }, 'reviewer', CN));
    expect(cleared.assessment).toBeNull();
    expect(cleared.suggestedPriority).toBeUndefined();
  });

  it('lets only record.assess roles set review fields', () => {
    expect(editRecord(rec(), { urgency: 'urgent', notes: 'x' }, 'agent', CN)).toMatchObject({
      ok: false,
      error: { code: 'forbidden', details: { fields: ['urgency'] } },
    });
    expect(value(editRecord(rec(), { notes: '客户多次提及' }, 'agent', CN)).notes).toBe('客户多次提及');
  });

  it('keeps contact details only with consent', () => {
    const consented = rec({ contact: '138****5678', contactConsent: true });
    expect(editRecord(consented, { contactConsent: false }, 'reviewer', CN)).toMatchObject({
      ok: false,
      error: { code: 'validation_failed', path: ['contact'], details: { guard: 'contact_requires_consent' } },
    });
    const removed = value(editRecord(consented, { contact: null, contactConsent: false }, 'reviewer', CN));
    expect(removed.contact).toBeUndefined();
  });

  it('recounts a valid record’s deadline on a new urgency; null clears a review field, absent keeps', () => {
    const valid = rec({ validity: 'valid', urgency: 'routine', nature: 'feature_optimisation', dueAt: '2025-10-14T15:59:59.999Z' });
    const next = value(editRecord(valid, { urgency: 'urgent' }, 'reviewer', CN));
    expect(next.dueAt).toBe('2025-10-01T10:00:00.000Z');
    expect(value(editRecord(valid, { nature: null }, 'reviewer', CN))).toMatchObject({ nature: null, urgency: 'routine' });
    expect(value(editRecord(rec(), { urgency: 'urgent' }, 'reviewer', CN)).dueAt).toBeNull();
  });
});

describe('logProgress, addCommunication, rateRecord', () => {
  const now = new Date('2025-10-09T02:00:00Z');

  it('logs progress only while in progress, stamped with the clock given', () => {
    expect(logProgress(rec(), { milestone: 'requirement_review', note: '评审中' }, pm, now)).toMatchObject({
      ok: false,
      error: { code: 'invalid_transition', details: { guard: 'not_in_progress', status: 'pending_analysis' } },
    });
    const next = value(logProgress(rec({ status: 'in_progress' }), { milestone: 'requirement_review', note: '评审中' }, pm, now));
    expect(next.progress).toEqual([{ milestone: 'requirement_review', note: '评审中', at: now.toISOString(), by: pm }]);
  });

  it('an adopted message names its version; the id and time are the caller’s', () => {
    expect(addCommunication(rec(), { kind: 'adopted', message: '已收录' }, pm, ID, now)).toMatchObject({
      ok: false,
      error: { code: 'validation_failed', path: ['expectedVersion'], details: { guard: 'version_required' } },
    });
    const next = value(addCommunication(rec(), { kind: 'adopted', message: '已收录', expectedVersion: '2.4' }, pm, ID, now));
    expect(next.communications).toEqual([{ id: ID, kind: 'adopted', message: '已收录', expectedVersion: '2.4', at: now.toISOString(), by: pm }]);
  });

  it('rates a finished record once per cycle, never an invalid one; a repeat is recognised', () => {
    const done = rec({ status: 'done', validity: 'valid' });
    const rated = value(rateRecord(done, { rating: 'dissatisfied', comment: '还是很慢' }, now));
    expect(rated.satisfaction).toEqual([{ rating: 'dissatisfied', comment: '还是很慢', at: now.toISOString(), cycle: 1 }]);
    expect(rateRecord(rated, { rating: 'satisfied' }, now)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(isRepeatedRating(rated, { rating: 'dissatisfied', comment: '还是很慢' })).toBe(true);
    expect(isRepeatedRating(rated, { rating: 'satisfied' })).toBe(false);
    expect(rateRecord(rec({ status: 'closed', validity: 'invalid', invalidReason: '广告' }), { rating: 'satisfied' }, now)).toMatchObject({
      ok: false,
      error: { code: 'invalid_transition' },
    });
  });
});

describe('change requests', () => {
  const body = { reason: '资源不足', adjustedPlan: '延后一周', effectiveAt: '2025-10-13T02:00:00.000Z' };

  it('refuses a filing less than 2 working days ahead and says by when it was due (the 调休 Saturday counts)', () => {
    expect(fileChangeRequest(rec(), body, CN, ID, new Date('2025-10-10T16:30:00Z'))).toMatchObject({
      ok: false,
      error: { code: 'guard_failed', path: ['effectiveAt'], details: { guard: 'change_request_late', dueBy: '2025-10-10T15:59:59.999Z' } },
    });
    const filed = value(fileChangeRequest(rec(), body, CN, ID, new Date('2025-10-10T15:00:00Z')));
    expect(filed.changeRequests).toEqual([{ id: ID, ...body, filedAt: '2025-10-10T15:00:00.000Z', state: 'pending' }]);
  });

  it('flags a lead counted through a year without a calendar, on the refusal and on the request', () => {
    const late = fileChangeRequest(rec(), { ...body, effectiveAt: '2027-01-01T02:00:00.000Z' }, CN, ID, new Date('2026-12-31T02:00:00Z'));
    expect(late).toMatchObject({ ok: false, error: { details: { calendarMissing: [2027] } } });
    const filed = value(fileChangeRequest(rec(), { ...body, effectiveAt: '2027-01-05T02:00:00.000Z' }, CN, ID, new Date('2026-12-31T02:00:00Z')));
    expect(filed.changeRequests[0]?.calendarMissing).toEqual([2027]);
  });

  it('decides a pending request once', () => {
    const filed = value(fileChangeRequest(rec(), body, CN, ID, new Date('2025-10-09T02:00:00Z')));
    const at = new Date('2025-10-09T03:00:00Z');
    expect(decideChangeRequest(filed, '0190a000-0000-7000-8000-0000000c0999', true, pm, at)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const approved = value(decideChangeRequest(filed, ID, true, pm, at));
    expect(approved.changeRequests[0]).toMatchObject({ state: 'approved', decidedBy: pm, decidedAt: at.toISOString() });
    expect(decideChangeRequest(approved, ID, false, pm, at)).toMatchObject({ ok: false, error: { code: 'conflict', details: { state: 'approved' } } });
  });
});

describe('merge', () => {
  const survivor = rec({ id: '0190a000-0000-7000-8000-0000000d0001' });

  it('merges into another record that is not itself merged, once, and unmerges', () => {
    const merged = value(mergeRecord(rec(), survivor));
    expect(merged.mergedInto).toBe(survivor.id);
    expect(mergeRecord(merged, survivor)).toMatchObject({ ok: false, error: { code: 'conflict', details: { guard: 'already_merged' } } });
    expect(mergeRecord(rec(), rec())).toMatchObject({ ok: false, error: { details: { guard: 'merge_into_self' } } });
    expect(mergeRecord(rec(), { ...survivor, mergedInto: ID })).toMatchObject({ ok: false, error: { details: { guard: 'survivor_merged' } } });
    expect(value(unmergeRecord(merged)).mergedInto).toBeNull();
    expect(unmergeRecord(rec())).toMatchObject({ ok: false, error: { code: 'conflict', details: { guard: 'not_merged' } } });
  });
});
