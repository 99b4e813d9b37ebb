import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { formatDate, formatDateTime, formatTimeZoneName } from '../../../shared/i18n/format-date';

// DOMAIN.md §11: an important record made at 2025-09-30 18:00 in Shanghai is due at the end of Oct 11.
const MADE = '2025-09-30T10:00:00Z';
const DUE = new Date('2025-10-11T15:59:59.999Z');

describe('formatDate', () => {
  it('writes the calendar date in the company time zone', () => {
    expect(formatDate(DUE, 'zh-CN', 'Asia/Shanghai')).toBe('2025年10月11日');
    expect(formatDate(DUE, 'en', 'Asia/Shanghai')).toBe('Oct 11, 2025');
    expect(formatDate(DUE, 'en', 'UTC')).toBe('Oct 11, 2025');
    expect(formatDate('2025-10-11T16:30:00Z', 'en', 'Asia/Shanghai')).toBe('Oct 12, 2025');
    expect(formatDate('2025-10-11T16:30:00Z', 'en', 'America/New_York')).toBe('Oct 11, 2025');
  });

  it('accepts ISO strings, epoch milliseconds and Date objects alike', () => {
    const ms = Date.parse(MADE);
    expect(formatDate(ms, 'zh-CN', 'Asia/Shanghai')).toBe(formatDate(MADE, 'zh-CN', 'Asia/Shanghai'));
    expect(formatDate(new Date(ms), 'zh-CN', 'Asia/Shanghai')).toBe('2025年9月30日');
  });

  it('gives an empty string for an unusable instant, and UTC for an unknown zone, without throwing', () => {
    expect(formatDate('not a date', 'en', 'UTC')).toBe('');
    expect(formatDate(new Date(NaN), 'en', 'UTC')).toBe('');
    expect(formatDate(null as unknown as string, 'en', 'UTC')).toBe('');
    expect(formatDate('2025-10-11T23:30:00Z', 'en', 'Mars/Olympus')).toBe('Oct 11, 2025');
    expect(formatDate(DUE, 'xx-!!' as never, 'UTC')).toBe('2025年10月11日');
  });
});

describe('formatDateTime', () => {
  it('adds the 24-hour local time', () => {
    expect(formatDateTime(MADE, 'zh-CN', 'Asia/Shanghai')).toBe('2025年9月30日 18:00');
    const en = formatDateTime(MADE, 'en', 'Asia/Shanghai');
    expect(en).toContain('Sep 30, 2025');
    expect(en).toContain('18:00');
    expect(formatDateTime(MADE, 'en', 'UTC')).toContain('10:00');
  });

  it('never throws on any input', () => {
    fc.assert(
      fc.property(fc.anything(), fc.string(), fc.constantFrom('zh-CN', 'en'), (i, tz, l) => {
        expect(typeof formatDateTime(i as string, l as 'en', tz)).toBe('string');
      }),
    );
  });
});

describe('formatTimeZoneName', () => {
  it("names a zone in the reader's language, and falls back to the id for one the runtime does not know", () => {
    expect(formatTimeZoneName('en', 'Asia/Shanghai')).toBe('China Standard Time');
    expect(formatTimeZoneName('zh-CN', 'Asia/Shanghai')).toBe('中国标准时间');
    expect(formatTimeZoneName('en', 'Not/AZone')).toBe('Not/AZone');
  });
});
