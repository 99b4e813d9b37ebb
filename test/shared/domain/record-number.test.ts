import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEPARTMENT_CODE_PATTERN,
  RECORD_NUMBER_PATTERN,
  formatRecordNumber,
  isDepartmentCode,
  isRecordNumber,
  parseRecordNumber,
  recordNumberAt,
  recordSequenceKey,
} from '../../../shared/domain/record-number';

const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error?.code);

describe('parseRecordNumber', () => {
  it('parses the DOMAIN §4 example', () => {
    expect(parseRecordNumber('CS-20240520-002')).toEqual({
      ok: true,
      value: { department: 'CS', date: '2024-05-20', sequence: 2 },
    });
    expect(parseRecordNumber('SALES2-20240229-1000')).toEqual({
      ok: true,
      value: { department: 'SALES2', date: '2024-02-29', sequence: 1000 },
    });
    expect(isRecordNumber('PM-20251231-999')).toBe(true);
  });

  it.each([
    'CS-20240520-000', // sequence starts at 1
    'CS-20240520-0001', // one spelling only: no extra padding
    'CS-20240520-01', // padded to at least 3
    'CS-20250230-001', // Feb 30
    'CS-20250229-001', // not a leap year
    'CS-20241301-001',
    'cs-20240520-001', // lowercase department
    'C-20240520-001', // department too short
    'ABCDEFGHIJK-20240520-001', // department too long
    '1CS-20240520-001', // must start with a letter
    'C_S-20240520-001',
    'CS-2024052-001',
    'CS-20240520-002\n',
    ' CS-20240520-002',
    'CS20240520002',
    'CS-09990101-001', // years are four digits from 1000
    'CS-20240520-99999999999999999', // beyond a safe integer
    '',
  ])('rejects %j', (input) => {
    const r = parseRecordNumber(input);
    expect(code(r)).toBe('invalid_record_number');
    expect(isRecordNumber(input)).toBe(false);
  });

  it('rejects non-strings and huge strings without throwing', () => {
    for (const input of [null, undefined, 42, {}, ['CS-20240520-002'], new String('CS-20240520-002'), 'CS-20240520-002'.repeat(100_000)]) {
      expect(code(parseRecordNumber(input))).toBe('invalid_record_number');
    }
  });

  it('property: random input never throws', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.string(), fc.stringMatching(/^[A-Za-z0-9]{1,12}-\d{6,9}-\d{1,6}$/)), (input) => {
        const r = parseRecordNumber(input);
        expect(typeof r.ok).toBe('boolean');
      }),
    );
  });
});

describe('formatRecordNumber', () => {
  it('pads the sequence to 3 digits and allows more', () => {
    expect(formatRecordNumber({ department: 'CS', date: '2024-05-20', sequence: 2 })).toEqual({ ok: true, value: 'CS-20240520-002' });
    expect(formatRecordNumber({ department: 'CS', date: '2024-05-20', sequence: 42 })).toEqual({ ok: true, value: 'CS-20240520-042' });
    expect(formatRecordNumber({ department: 'CS', date: '2024-05-20', sequence: 1234 })).toEqual({ ok: true, value: 'CS-20240520-1234' });
  });

  it('rejects bad parts with the field path', () => {
    const bad = formatRecordNumber({ department: 'cs', date: '2024-05-20', sequence: 1 });
    expect(bad.ok ? null : [bad.error.code, bad.error.path]).toEqual(['invalid_record_number', ['department']]);
    const badDate = formatRecordNumber({ department: 'CS', date: '2024-02-30', sequence: 1 });
    expect(badDate.ok ? null : [badDate.error.code, badDate.error.path]).toEqual(['invalid_date', ['date']]);
    for (const sequence of [0, -1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1, '1']) {
      const r = formatRecordNumber({ department: 'CS', date: '2024-05-20', sequence: sequence as number });
      expect(r.ok ? null : [r.error.code, r.error.path]).toEqual(['invalid_record_number', ['sequence']]);
    }
    expect(code(formatRecordNumber(null as never))).toBe('invalid_record_number');
  });
});

describe('record number from an instant', () => {
  it('takes the date in the company zone (Asia/Shanghai by default)', () => {
    const at = new Date('2024-05-19T16:30:00Z');
    expect(recordNumberAt('CS', at, 2)).toEqual({ ok: true, value: 'CS-20240520-002' });
    expect(recordNumberAt('CS', at, 2, 'UTC')).toEqual({ ok: true, value: 'CS-20240519-002' });
    expect(recordNumberAt('CS', at, 2, 'America/New_York')).toEqual({ ok: true, value: 'CS-20240519-002' });
  });

  it('gives the key a store allocates the daily sequence under', () => {
    expect(recordSequenceKey('CS', new Date('2024-05-19T16:30:00Z'))).toEqual({
      ok: true,
      value: { department: 'CS', date: '2024-05-20', prefix: 'CS-20240520' },
    });
    // Two records on the same Shanghai day share a key even across UTC midnight.
    const a = recordSequenceKey('CS', new Date('2024-05-19T17:00:00Z'));
    const b = recordSequenceKey('CS', new Date('2024-05-20T15:59:59Z'));
    expect(a).toEqual(b);
    expect(code(recordSequenceKey('cs', new Date()))).toBe('invalid_record_number');
    expect(code(recordSequenceKey('CS', new Date('x')))).toBe('invalid_date');
    expect(code(recordSequenceKey('CS', new Date(), 'Mars/Base'))).toBe('invalid_time_zone');
  });
});

describe('record number properties', () => {
  const department = fc.stringMatching(/^[A-Z][A-Z0-9]{1,9}$/);
  const date = fc
    .date({ min: new Date('1000-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));
  const sequence = fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER });

  it('format → parse round-trips for any valid parts', () => {
    fc.assert(
      fc.property(department, date, sequence, (dept, d, seq) => {
        const text = formatRecordNumber({ department: dept, date: d, sequence: seq });
        if (!text.ok) throw new Error(text.error.message);
        expect(text.value).toMatch(RECORD_NUMBER_PATTERN);
        expect(parseRecordNumber(text.value)).toEqual({ ok: true, value: { department: dept, date: d, sequence: seq } });
      }),
    );
  });

  it('parse → format is the identity for valid numbers', () => {
    const seqText = fc.stringMatching(/^(00[1-9]|0[1-9]\d|[1-9]\d{2,14})$/);
    fc.assert(
      fc.property(department, date, seqText, (dept, d, seq) => {
        const text = `${dept}-${d.replace(/-/g, '')}-${seq}`;
        const parts = parseRecordNumber(text);
        if (!parts.ok) throw new Error(parts.error.message);
        expect(formatRecordNumber(parts.value)).toEqual({ ok: true, value: text });
      }),
    );
  });

  it('department codes match their pattern', () => {
    expect(DEPARTMENT_CODE_PATTERN.test('CS')).toBe(true);
    expect(isDepartmentCode('R2D2')).toBe(true);
    expect(isDepartmentCode('2D')).toBe(false);
    expect(isDepartmentCode('ABCDEFGHIJ')).toBe(true);
    expect(isDepartmentCode('ABCDEFGHIJK')).toBe(false);
  });
});
