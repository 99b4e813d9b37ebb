import { describe, it, expect } from 'vitest';
import * as z from 'zod/mini';
import * as schemas from '../../../shared/schemas';

/*
 * The server builds its OpenAPI document with z.toJSONSchema. Cross-field rules (refinements)
 * are left out of the JSON Schema, so the document is slightly looser than the server.
 */
const documented = {
  RecordInput: schemas.RecordInput,
  Record: schemas.Record,
  RecordPatch: schemas.RecordPatch,
  RecordSummary: schemas.RecordSummary,
  RecordConflictProblem: schemas.RecordConflictProblem,
  SubmissionInput: schemas.SubmissionInput,
  Clip: schemas.Clip,
  Campaign: schemas.Campaign,
  Survey: schemas.Survey,
  SurveyResponse: schemas.SurveyResponse,
  BatchRequest: schemas.BatchRequest,
  SubmissionBatchRequest: schemas.SubmissionBatchRequest,
  BatchResponse: schemas.BatchResponse,
  ChangesPage: schemas.ChangesPage,
  Problem: schemas.Problem,
};

type Json = { type?: string; required?: string[]; properties?: { [k: string]: Json }; anyOf?: Json[]; oneOf?: Json[]; items?: Json; const?: unknown; maxLength?: number };

describe('z.toJSONSchema', () => {
  for (const [name, schema] of Object.entries(documented)) {
    it(`converts ${name} for input and output without throwing`, () => {
      const out = z.toJSONSchema(schema) as Json;
      const input = z.toJSONSchema(schema, { io: 'input' }) as Json;
      expect(out.type).toBe('object');
      expect(input.type).toBe('object');
    });
  }

  it('keeps required fields, bounds and the origin union of RecordInput', () => {
    const json = z.toJSONSchema(schemas.RecordInput) as Json;
    expect(json.required).toEqual(expect.arrayContaining(['id', 'department', 'category', 'problem', 'contactConsent', 'origin']));
    expect(json.required).not.toContain('contact');
    expect(json.properties?.problem?.maxLength).toBe(100_000);
    const kinds = (json.properties?.origin?.oneOf ?? json.properties?.origin?.anyOf ?? []).map((o) => o.properties?.kind?.const);
    expect(kinds).toEqual(['widget', 'extension', 'manual']);
  });

  it('documents the honeypot as an empty string', () => {
    const json = z.toJSONSchema(schemas.SubmissionInput) as Json;
    expect(json.properties?.website?.const).toBe('');
  });
});
