import { describe, it, expect } from 'vitest';
import { BatchEnvelope, BatchResponse, ChangesPage, ItemResult } from '../../../shared/schemas/sync';
import { RecordInput } from '../../../shared/schemas/record';
import { recordInput } from './fixtures';
import { issuesOf, pathsAndCodes } from './helpers';

describe('BatchEnvelope', () => {
  it('lets a batch through with an invalid item so that item can be rejected on its own', () => {
    const { problem: _p, ...broken } = recordInput;
    const envelope = BatchEnvelope.parse({ items: [recordInput, { ...broken, id: '0190a6f2-7c3e-7b1a-9c2d-000000000002' }] });
    const results = envelope.items.map((item) => RecordInput.safeParse(item).success);
    expect(results).toEqual([true, false]);
    expect(envelope.items[1]).toMatchObject({ department: 'CS' });
  });
  it('still needs 1–100 items, each with an id', () => {
    expect(pathsAndCodes(issuesOf(BatchEnvelope, { items: [] }))).toEqual([{ path: ['items'], code: 'too_small' }]);
    expect(pathsAndCodes(issuesOf(BatchEnvelope, { items: [{ problem: 'x' }] }))).toEqual([{ path: ['items', 0, 'id'], code: 'invalid_type' }]);
  });
});

describe('ItemResult and BatchResponse', () => {
  it('answers each item as accepted, duplicate or rejected', () => {
    const body = {
      results: [
        { id: recordInput.id, status: 'accepted', recordNumber: 'CS-20240520-002', version: 1 },
        { id: '0190a6f2-7c3e-7b1a-9c2d-000000000003', status: 'duplicate', recordNumber: 'CS-20240520-001', version: 3 },
        {
          id: '0190a6f2-7c3e-7b1a-9c2d-000000000002',
          status: 'rejected',
          error: { code: 'validation_failed', message: 'Invalid record', errors: [{ path: ['problem'], code: 'invalid_type', message: 'Expected string' }] },
        },
      ],
    };
    expect(BatchResponse.parse(body)).toEqual(body);
  });
  it('needs a record number when accepted and an error when rejected', () => {
    expect(pathsAndCodes(issuesOf(ItemResult, { id: 'x', status: 'accepted', version: 1 }))).toEqual([{ path: ['recordNumber'], code: 'invalid_type' }]);
    expect(pathsAndCodes(issuesOf(ItemResult, { id: 'x', status: 'rejected' }))).toEqual([{ path: ['error'], code: 'invalid_type' }]);
    expect(pathsAndCodes(issuesOf(ItemResult, { id: 'x', status: 'queued' }))).toEqual([{ path: ['status'], code: 'invalid_union' }]);
  });
});

describe('ChangesPage', () => {
  it('parses a page telling a reporter their suggestion was adopted and asking for a rating', () => {
    const page = {
      items: [
        {
          recordId: recordInput.id,
          recordNumber: 'CS-20240520-002',
          status: 'done',
          validity: 'valid',
          version: 7,
          changedAt: '2024-06-14T09:00:00Z',
          cycle: 1,
          lastCommunication: { kind: 'done', message: '导出问题已在 3.8.0 修复', expectedVersion: '3.8.0', at: '2024-06-14T09:00:00Z' },
          satisfaction: null,
          satisfactionRequested: true,
        },
      ],
      nextCursor: 'eyJ0IjoiMjAyNC0wNi0xNFQwOTowMDowMFoifQ',
      hasMore: false,
    };
    expect(ChangesPage.parse(page)).toEqual(page);
    expect(pathsAndCodes(issuesOf(ChangesPage, { ...page, nextCursor: null }))).toEqual([{ path: ['nextCursor'], code: 'invalid_type' }]);
  });
});
