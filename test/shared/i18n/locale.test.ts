import { describe, it, expect } from 'vitest';
import { DEFAULT_LOCALE, LOCALES, isLocale } from '../../../shared/i18n/locale';

describe('locale', () => {
  it('supports zh-CN and en, with zh-CN the default', () => {
    expect(LOCALES).toEqual(['zh-CN', 'en']);
    expect(DEFAULT_LOCALE).toBe('zh-CN');
  });

  it('recognises only the exact locale codes', () => {
    expect(isLocale('zh-CN')).toBe(true);
    expect(isLocale('en')).toBe(true);
    expect(isLocale('zh-cn')).toBe(false);
    expect(isLocale('en-US')).toBe(false);
    expect(isLocale(null)).toBe(false);
  });
});
