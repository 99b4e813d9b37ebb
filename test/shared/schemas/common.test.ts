import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  DepartmentCode,
  HttpUrl,
  Id,
  IsoDateTime,
  LIMITS,
  LocalDate,
  Locale,
  LongText,
  RecordNumber,
  ShortText,
  requiredText,
} from '../../../shared/schemas/common';
import { issuesOf } from './helpers';

describe('Id', () => {
  it('accepts a UUIDv7 and a v4, and stores them lowercase', () => {
    expect(Id.parse('0190a6f2-7c3e-7b1a-9c2d-5e8f1a2b3c4d')).toBe('0190a6f2-7c3e-7b1a-9c2d-5e8f1a2b3c4d');
    expect(Id.parse('9F1C6B2E-3A4D-4E5F-8A9B-0C1D2E3F4A5B')).toBe('9f1c6b2e-3a4d-4e5f-8a9b-0c1d2e3f4a5b');
  });
  it('rejects what is not a UUID', () => {
    for (const bad of ['', 'CS-20240520-002', '0190a6f2-7c3e-7b1a-9c2d-5e8f1a2b3c4', 42, null]) {
      expect(Id.safeParse(bad).success).toBe(false);
    }
  });
  it('accepts every UUID and normalises case (property)', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.boolean(), (uuid, upper) => {
        expect(Id.parse(upper ? uuid.toUpperCase() : uuid)).toBe(uuid.toLowerCase());
      }),
    );
  });
});

describe('dates', () => {
  it('IsoDateTime takes toISOString() output and refuses local or date-only strings', () => {
    expect(IsoDateTime.safeParse(new Date(Date.UTC(2024, 4, 20, 2, 6)).toISOString()).success).toBe(true);
    expect(IsoDateTime.safeParse('2024-05-20 10:06').success).toBe(false);
    expect(IsoDateTime.safeParse('2024-05-20').success).toBe(false);
  });
  it('LocalDate checks the day exists', () => {
    expect(LocalDate.safeParse('2024-02-29').success).toBe(true);
    expect(LocalDate.safeParse('2025-02-29').success).toBe(false);
    expect(LocalDate.safeParse('2025-13-01').success).toBe(false);
  });
});

describe('department code and record number', () => {
  it('accepts DOMAIN.md examples', () => {
    expect(DepartmentCode.safeParse('CS').success).toBe(true);
    expect(DepartmentCode.safeParse('SALES2').success).toBe(true);
    expect(RecordNumber.safeParse('CS-20240520-002').success).toBe(true);
    expect(RecordNumber.safeParse('CS-20240520-1234').success).toBe(true);
  });
  it('refuses malformed ones', () => {
    for (const bad of ['cs', 'C', '2CS', 'ABCDEFGHIJK', 'C-S']) expect(DepartmentCode.safeParse(bad).success).toBe(false);
    for (const bad of ['CS-20240520-02', 'cs-20240520-002', 'CS-20241320-002', 'CS-20240532-002', 'CS-2024052-002', 'CS20240520002']) {
      expect(RecordNumber.safeParse(bad).success).toBe(false);
    }
  });
});

describe('bounded text', () => {
  it('trims and refuses whitespace-only text', () => {
    expect(ShortText.parse('  *先生  ')).toBe('*先生');
    expect(issuesOf(ShortText, ' \n\t ')[0]?.code).toBe('too_small');
  });
  it('enforces the title and text bounds', () => {
    expect(ShortText.safeParse('x'.repeat(LIMITS.title)).success).toBe(true);
    expect(issuesOf(ShortText, 'x'.repeat(LIMITS.title + 1))[0]).toMatchObject({ code: 'too_big', limit: 200 });
    expect(LongText.safeParse('字'.repeat(LIMITS.text)).success).toBe(true);
    expect(issuesOf(LongText, 'x'.repeat(LIMITS.text + 1))[0]).toMatchObject({ code: 'too_big', limit: 100_000 });
  });
  it('yields trimmed text within the bound, or rejects (property)', () => {
    const schema = requiredText(20);
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        const r = schema.safeParse(s);
        expect(r.success).toBe(s.trim().length >= 1 && s.trim().length <= 20);
        if (r.success) expect(r.data).toBe(s.trim());
      }),
    );
  });
});

describe('HttpUrl and Locale', () => {
  it('takes http and https only', () => {
    expect(HttpUrl.safeParse('https://app.example.com/reports?tab=1').success).toBe(true);
    expect(HttpUrl.safeParse('http://localhost:5173/').success).toBe(true);
    for (const bad of ['javascript:alert(1)', 'data:text/html,hi', 'ftp://x.example.com/', '/relative', `https://e.com/${'a'.repeat(LIMITS.url)}`]) {
      expect(HttpUrl.safeParse(bad).success).toBe(false);
    }
  });
  it('knows zh-CN and en', () => {
    expect(Locale.safeParse('zh-CN').success).toBe(true);
    expect(Locale.safeParse('zh-cn').success).toBe(false);
  });
});
