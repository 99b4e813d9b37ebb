import { LIMITS } from '../../../shared/schemas/common';
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  Record,
  RecordConflictProblem,
  RecordInput,
  RecordPatch,
  RecordSummary,
  latestSatisfaction,
  toRecordSummary,
} from '../../../shared/schemas/record';
import { BatchRequest } from '../../../shared/schemas/record-create';
import { clip, record, recordInput } from './fixtures';
import { issuesOf, pathsAndCodes, wire } from './helpers';

describe('RecordInput', () => {
  it('parses CS-20240520-002 as clipped by support, unchanged after a trip over the wire', () => {
    const parsed = RecordInput.parse(wire(recordInput));
    expect(parsed).toEqual(recordInput);
    expect(parsed.scenario).toBe('Reports module, after pressing Export');
    expect(parsed.origin.kind === 'extension' && parsed.origin.clip.ticket?.system).toBe('zendesk');
  });

  it('parses a manual record with only the required fields', () => {
    const minimal = {
      id: '0190a6f2-7c3e-7b1a-9c2d-000000000001',
      department: 'SALES',
      source: 'sales',
      channel: 'call',
      contactConsent: false,
      category: 'feature_request',
      problem: '批量导出 (bulk export)',
      attachments: [],
      initiator: { name: '销售 赵*' },
      recordedAt: '2024-05-21T08:00:00Z',
      origin: { kind: 'manual' },
    };
    expect(RecordInput.parse(minimal)).toEqual(minimal);
  });

  it('parses a widget origin with page context and reporter traits', () => {
    const widget = {
      ...recordInput,
      source: 'customer_self',
      channel: 'suggestion_box',
      origin: {
        kind: 'widget',
        page: { url: 'https://app.example.com/reports', title: 'Reports', userAgent: 'Mozilla/5.0', screen: { w: 1440, h: 900 } },
        locale: 'en',
        reporter: { userId: 'u-1842', traits: { customerType: 'existing', plan: 'pro' } },
        siteKey: 'pk_live_3f9a2c7d',
      },
    };
    expect(RecordInput.safeParse(widget).success).toBe(true);
  });

  it('names the missing problem by its path', () => {
    const { problem: _omitted, ...rest } = recordInput;
    expect(pathsAndCodes(issuesOf(RecordInput, rest))).toEqual([{ path: ['problem'], code: 'invalid_type' }]);
  });

  it('treats a whitespace-only problem as empty', () => {
    expect(pathsAndCodes(issuesOf(RecordInput, { ...recordInput, problem: '   ' }))).toEqual([{ path: ['problem'], code: 'too_small' }]);
  });

  it('refuses contact without consent, and reports it together with other errors', () => {
    const issues = issuesOf(RecordInput, { ...recordInput, contactConsent: false, problem: undefined });
    expect(pathsAndCodes(issues)).toEqual(
      expect.arrayContaining([
        { path: ['problem'], code: 'invalid_type' },
        { path: ['contact'], code: 'contact_requires_consent' },
      ]),
    );
    expect(issues).toHaveLength(2);
  });

  it('accepts no contact without consent', () => {
    const { contact: _c, ...rest } = recordInput;
    expect(RecordInput.safeParse({ ...rest, contactConsent: false }).success).toBe(true);
  });

  it('refuses unknown enum codes, oversize text and wrong types at their paths', () => {
    const issues = issuesOf(RecordInput, {
      ...recordInput,
      category: 'complaint',
      urgency: 'asap', // not an input field: stripped, not an error
      expectedSolution: 'x'.repeat(LIMITS.text + 1),
      attachments: [{ ...recordInput.attachments[0], size: '184233' }],
      recordedAt: 'yesterday',
      department: 'cs',
    });
    expect(pathsAndCodes(issues)).toEqual(
      expect.arrayContaining([
        { path: ['category'], code: 'invalid_value' },
        { path: ['expectedSolution'], code: 'too_big' },
        { path: ['attachments', 0, 'size'], code: 'invalid_type' },
        { path: ['recordedAt'], code: 'invalid_format' },
        { path: ['department'], code: 'invalid_format' },
      ]),
    );
    expect(issues).toHaveLength(5);
  });

  it('reports an unknown origin kind at origin.kind and a bad clip field deep inside', () => {
    expect(pathsAndCodes(issuesOf(RecordInput, { ...recordInput, origin: { kind: 'email' } }))).toEqual([
      { path: ['origin', 'kind'], code: 'invalid_union' },
    ]);
    const badClip = { ...clip, ticket: { ...clip.ticket, system: 'servicenow' } };
    expect(pathsAndCodes(issuesOf(RecordInput, { ...recordInput, origin: { kind: 'extension', clip: badClip } }))).toEqual([
      { path: ['origin', 'clip', 'ticket', 'system'], code: 'invalid_value' },
    ]);
  });

  it('bounds the number of attachments', () => {
    const many = Array.from({ length: 21 }, (_, i) => ({ ...recordInput.attachments[0], id: `0190a6f2-8000-7000-8000-0000000000${String(i).padStart(2, '0')}` }));
    expect(pathsAndCodes(issuesOf(RecordInput, { ...recordInput, attachments: many }))).toEqual([{ path: ['attachments'], code: 'too_big' }]);
  });

  it('never throws, whatever it is given (property)', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        expect(typeof RecordInput.safeParse(value).success).toBe('boolean');
        expect(typeof Record.safeParse(value).success).toBe('boolean');
        expect(typeof RecordPatch.safeParse(value).success).toBe('boolean');
      }),
    );
  });
});

describe('Record', () => {
  it('parses the stored record with assessment, task order, progress and communications', () => {
    expect(Record.parse(wire(record))).toEqual(record);
  });

  it('is still a record before screening: server fields null, histories empty', () => {
    const fresh = {
      ...record,
      status: 'pending_analysis',
      validity: 'unscreened',
      nature: null,
      urgency: null,
      dueAt: null,
      owner: null,
      responsibleDepartment: null,
      assessment: null,
      taskOrder: null,
      progress: [],
      communications: [],
      version: 1,
    };
    expect(Record.safeParse(fresh).success).toBe(true);
    const { owner: _o, ...withoutOwner } = fresh;
    expect(pathsAndCodes(issuesOf(Record, withoutOwner))).toEqual([{ path: ['owner'], code: 'invalid_type' }]);
  });

  it('requires the reason for not now and for an invalid record', () => {
    const notNow = { ...record, assessment: { ...record.assessment, handling: 'not_now' } };
    expect(pathsAndCodes(issuesOf(Record, notNow))).toEqual([{ path: ['assessment', 'notNowReason'], code: 'reason_required' }]);
    const ok = { ...record, assessment: { ...record.assessment, handling: 'not_now', notNowReason: '超出产品定位' } };
    expect(Record.safeParse(ok).success).toBe(true);
    const invalid = { ...record, status: 'closed', validity: 'invalid' };
    expect(pathsAndCodes(issuesOf(Record, invalid))).toEqual([{ path: ['invalidReason'], code: 'reason_required' }]);
  });

  it('checks assessment dimensions are integers 1–5 and priority P0–P3', () => {
    const bad = { ...record, assessment: { ...record.assessment, cost: 6, risk: 2.5, priority: 'P4' } };
    expect(pathsAndCodes(issuesOf(Record, bad))).toEqual([
      { path: ['assessment', 'cost'], code: 'too_big' },
      { path: ['assessment', 'risk'], code: 'invalid_type' },
      { path: ['assessment', 'priority'], code: 'invalid_value' },
    ]);
  });

  it('needs who decided a change request that is no longer pending', () => {
    const cr = {
      id: '0190a6f2-a000-7000-8000-000000000001',
      reason: '资源不足',
      adjustedPlan: 'Ship in 3.9.0',
      filedAt: '2024-05-27T02:00:00Z',
      effectiveAt: '2024-05-30T02:00:00Z',
      state: 'approved',
    };
    expect(pathsAndCodes(issuesOf(Record, { ...record, changeRequests: [cr] }))).toEqual([
      { path: ['changeRequests', 0, 'decidedAt'], code: 'decision_required' },
    ]);
    const decided = { ...cr, decidedBy: record.owner, decidedAt: '2024-05-28T02:00:00Z' };
    expect(Record.safeParse({ ...record, changeRequests: [decided, { ...cr, state: 'pending' }] }).success).toBe(true);
  });

  it('serves a version conflict with the current record', () => {
    const body = {
      type: 'https://echobox.dev/problems/version_conflict',
      title: 'Version conflict',
      status: 409,
      code: 'version_conflict',
      current: record,
    };
    expect(RecordConflictProblem.parse(wire(body)).current.version).toBe(4);
    expect(RecordConflictProblem.safeParse({ ...body, current: { id: record.id, version: 4 } }).success).toBe(false);
  });
});

describe('RecordPatch', () => {
  it('takes editable fields and null to clear', () => {
    const patch = { owner: { id: '0190a000-0000-7000-8000-00000000b002', name: '研发 李*' }, scenario: null, urgency: 'urgent' };
    expect(RecordPatch.parse(patch)).toEqual(patch);
  });

  it('refuses workflow fields, an empty patch and contact without consent', () => {
    expect(pathsAndCodes(issuesOf(RecordPatch, { status: 'done', notes: 'x' }))).toEqual([{ path: [], code: 'unrecognized_keys' }]);
    expect(pathsAndCodes(issuesOf(RecordPatch, {}))).toEqual([{ path: [], code: 'empty_patch' }]);
    expect(pathsAndCodes(issuesOf(RecordPatch, { contact: '138****5678' }))).toEqual([{ path: ['contact'], code: 'contact_requires_consent' }]);
    expect(RecordPatch.safeParse({ contact: '138****5678', contactConsent: true }).success).toBe(true);
    expect(RecordPatch.safeParse({ contact: null, contactConsent: false }).success).toBe(true);
  });

  it('does not let a required field be cleared', () => {
    expect(pathsAndCodes(issuesOf(RecordPatch, { problem: null }))).toEqual([{ path: ['problem'], code: 'invalid_type' }]);
  });
});

describe('summaries and batches', () => {
  it('projects a record onto a valid list row with its latest confirmation', () => {
    const rated = {
      ...record,
      status: 'done' as const,
      cycle: 2,
      satisfaction: [
        { rating: 'dissatisfied' as const, at: '2024-06-20T02:00:00Z', cycle: 1 },
        { rating: 'basically_satisfied' as const, at: '2024-07-02T02:00:00Z', cycle: 2, comment: '基本解决' },
      ],
    };
    const row = toRecordSummary(rated);
    expect(RecordSummary.parse(row)).toEqual(row);
    expect(row).toMatchObject({ recordNumber: 'CS-20240520-002', priority: 'P0', customerConfirmation: 'basically_satisfied', cycle: 2 });
    expect(toRecordSummary(record).customerConfirmation).toBeNull();
  });

  it('picks the latest satisfaction by cycle, then time', () => {
    expect(latestSatisfaction([])).toBeNull();
    const a = { rating: 'satisfied' as const, at: '2024-06-01T00:00:00Z', cycle: 1 };
    const b = { rating: 'dissatisfied' as const, at: '2024-05-01T00:00:00Z', cycle: 2 };
    expect(latestSatisfaction([b, a])).toBe(b);
    const c = { ...a, rating: 'dissatisfied' as const, at: '2024-06-02T00:00:00Z' };
    expect(latestSatisfaction([c, a])).toBe(c);
  });

  it('batches 1 to 100 records', () => {
    expect(BatchRequest.safeParse({ items: [recordInput] }).success).toBe(true);
    expect(pathsAndCodes(issuesOf(BatchRequest, { items: [] }))).toEqual([{ path: ['items'], code: 'too_small' }]);
    expect(pathsAndCodes(issuesOf(BatchRequest, { items: Array(101).fill(recordInput) }))).toEqual([{ path: ['items'], code: 'too_big' }]);
  });
});
