import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { isStorableInstant, storableText } from '../../../shared/schemas/storable';
import { IsoDateTime, LocalDate, LongText } from '../../../shared/schemas/common';

describe('storable text', () => {
  it('drops controls but tab, newline and carriage return', () => {
    expect(storableText('a\u0000b\u0001c\u001fd\u007fe\u0085f\u009f\tg\nh\r')).toBe('abcdef\tg\nh\r');
  });

  it('keeps surrogate pairs and replaces lone halves with U+FFFD', () => {
    expect(storableText('😀 \ud83d x\ude00 \ude00\ud83d')).toBe('😀 \ufffd x\ufffd \ufffd\ufffd');
  });

  it('is what every text field parses to, and text of controls alone counts as empty', () => {
    expect(z.parse(LongText, '  Export\u0000 fails \ud800 ')).toBe('Export fails \ufffd');
    expect(z.safeParse(LongText, '\u0000\u0007').success).toBe(false);
  });
});

describe('storable instants', () => {
  it('holds 1970 through 2999 and refuses the rest with date_out_of_range', () => {
    expect(isStorableInstant('1970-01-01')).toBe(true);
    expect(isStorableInstant('2999-12-31T23:59:59.999Z')).toBe(true);
    expect(isStorableInstant('1969-12-31T23:59:59.999Z')).toBe(false);
    expect(isStorableInstant('3000-01-01')).toBe(false);
    const parsed = z.safeParse(IsoDateTime, '0000-01-01T00:00:00Z');
    expect(parsed.success ? [] : parsed.error.issues.map((i) => (i as { params?: { code?: string } }).params?.code)).toEqual(['date_out_of_range']);
    expect(z.safeParse(LocalDate, '9999-12-31').success).toBe(false);
  });
});
