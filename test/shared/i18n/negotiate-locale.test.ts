import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { negotiateLocale, parseAcceptLanguage } from '../../../shared/i18n/negotiate-locale';
import { DEFAULT_LOCALE, LOCALES } from '../../../shared/i18n/locale';

describe('negotiateLocale', () => {
  it.each([
    [['zh'], 'zh-CN'],
    [['zh-CN'], 'zh-CN'],
    [['zh-cn'], 'zh-CN'],
    [['ZH_CN'], 'zh-CN'],
    [['zh-Hans'], 'zh-CN'],
    [['zh-Hans-CN'], 'zh-CN'],
    [['zh-TW'], 'zh-CN'],
    [['zh-Hant-HK'], 'zh-CN'],
    [['en'], 'en'],
    [['en-US'], 'en'],
    [['en-GB'], 'en'],
    [['EN-us'], 'en'],
    [['fr-FR', 'en-GB', 'zh'], 'en'],
    [['en-US', 'zh-CN'], 'en'],
    [['de', 'ja'], 'zh-CN'],
    [[], 'zh-CN'],
    [['*'], 'zh-CN'],
    [['  en-AU  '], 'en'],
  ] as const)('%j -> %s', (preferred, expected) => {
    expect(negotiateLocale(preferred)).toBe(expected);
  });

  it('chooses only among the supported locales given', () => {
    expect(negotiateLocale(['zh-CN'], ['en'])).toBe('en');
    expect(negotiateLocale(['de'], ['en'])).toBe('en');
    expect(negotiateLocale(['en'], [])).toBe(DEFAULT_LOCALE);
  });

  it('returns the default for garbage without throwing', () => {
    const loose = negotiateLocale as unknown as (p: unknown, s?: unknown) => unknown;
    expect(loose(null)).toBe('zh-CN');
    expect(loose('en')).toBe('zh-CN');
    expect(loose([42, null, {}, 'en'])).toBe('en');
    expect(loose(['x'.repeat(1_000_000)])).toBe('zh-CN');
    expect(loose(['en'], 'nonsense')).toBe('zh-CN');
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (p, s) => {
        expect(LOCALES).toContain(loose(p, s));
      }),
    );
  });

  it('is what a browser sends through navigator.languages', () => {
    expect(negotiateLocale(['zh-CN', 'zh', 'en-US', 'en'])).toBe('zh-CN');
  });
});

describe('parseAcceptLanguage', () => {
  it('orders tags by q-value, keeping header order for equal weights', () => {
    expect(parseAcceptLanguage('en-US,en;q=0.9,zh-CN;q=0.8,zh;q=0.7')).toEqual(['en-US', 'en', 'zh-CN', 'zh']);
    expect(parseAcceptLanguage('zh;q=0.5, en;q=0.9, fr')).toEqual(['fr', 'en', 'zh']);
    expect(parseAcceptLanguage('de, fr')).toEqual(['de', 'fr']);
    expect(parseAcceptLanguage('en; q = 0.3 , zh;Q=0.4')).toEqual(['zh', 'en']);
  });

  it('drops q=0 (not acceptable) and malformed entries', () => {
    expect(parseAcceptLanguage('en;q=0, zh;q=0.1')).toEqual(['zh']);
    expect(parseAcceptLanguage('en;q=2, zh;q=abc, <script>, fr;q=0.5')).toEqual(['fr']);
    expect(parseAcceptLanguage('')).toEqual([]);
    expect(parseAcceptLanguage(undefined)).toEqual([]);
    expect(parseAcceptLanguage(42)).toEqual([]);
    expect(parseAcceptLanguage('en,'.repeat(10_000))).toEqual([]);
  });

  it('feeds negotiateLocale for an Accept-Language header', () => {
    expect(negotiateLocale(parseAcceptLanguage('fr-CH, fr;q=0.9, en;q=0.8, zh;q=0.7'))).toBe('en');
    expect(negotiateLocale(parseAcceptLanguage('en;q=0.1, zh-TW;q=0.8'))).toBe('zh-CN');
    expect(negotiateLocale(parseAcceptLanguage('zh;q=0, en;q=0'))).toBe('zh-CN');
    expect(negotiateLocale(parseAcceptLanguage('*'))).toBe('zh-CN');
  });

  it('never throws and returns tags only', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (h) => {
        for (const tag of parseAcceptLanguage(h)) expect(tag).toMatch(/^([A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*|\*)$/);
      }),
    );
  });
});
