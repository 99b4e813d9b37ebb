import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  createTranslator,
  hasMessage,
  interpolate,
  mergeCatalogs,
  type Translation,
} from '../../../shared/i18n/translator';
import * as coaching from '../../../shared/i18n/messages/coaching';
import * as ui from '../../../shared/i18n/messages/ui';
import * as errorPublic from '../../../shared/i18n/messages/error-public';
import type { Locale } from '../../../shared/i18n/locale';

const en = {
  'demo.greet': 'Hello {name}',
  'demo.pair': '{a} and {b}, again {a}',
  'demo.en_only': 'Only in English',
  'demo.plain': 'Plain',
} as const;
const zhCN = {
  'demo.greet': '你好,{name}',
  'demo.pair': '{b}与{a},再次{a}',
  // Deliberately missing at runtime to exercise the en fallback.
  'demo.en_only': undefined as unknown as string,
  'demo.plain': '普通',
} as const satisfies Record<keyof typeof en, string>;
const t = createTranslator({ en, zhCN });

describe('createTranslator', () => {
  it('translates into the requested locale and substitutes parameters', () => {
    expect(t('en', 'demo.greet', { name: '*先生' })).toBe('Hello *先生');
    expect(t('zh-CN', 'demo.greet', { name: '*女士' })).toBe('你好,*女士');
    expect(t('zh-CN', 'demo.pair', { a: 1, b: 'x' })).toBe('x与1,再次1');
    expect(t('zh-CN', 'demo.plain')).toBe('普通');
  });

  it('leaves a missing parameter visible instead of throwing', () => {
    const loose = t as unknown as (l: Locale, k: string, p?: unknown) => string;
    expect(loose('en', 'demo.greet')).toBe('Hello {name}');
    expect(loose('en', 'demo.pair', { a: 'A' })).toBe('A and {b}, again A');
    expect(loose('en', 'demo.greet', { name: null })).toBe('Hello {name}');
    expect(loose('en', 'demo.greet', 'not an object')).toBe('Hello {name}');
  });

  it('falls back to en, then to the key itself', () => {
    const loose = t as unknown as (l: unknown, k: unknown) => string;
    expect(t('zh-CN', 'demo.en_only')).toBe('Only in English');
    expect(loose('zh-CN', 'demo.unknown')).toBe('demo.unknown');
    expect(loose('fr', 'demo.plain')).toBe('Plain');
    expect(loose('zh-CN', 'toString')).toBe('toString');
    expect(loose('zh-CN', '__proto__')).toBe('__proto__');
  });

  it('does not substitute placeholders inside parameter values twice', () => {
    expect(t('en', 'demo.pair', { a: '{b}', b: 'B' })).toBe('{b} and B, again {b}');
  });

  it('never throws and always returns a string, whatever arrives at runtime', () => {
    const loose = t as unknown as (l: unknown, k: unknown, p?: unknown) => unknown;
    // A key that refuses conversion to text (found by fast-check, seed 111314219).
    expect(loose([], { toString: [] }, {})).toBe('');
    fc.assert(
      fc.property(fc.anything(), fc.anything(), fc.anything(), (l, k, p) => {
        expect(typeof loose(l, k, p)).toBe('string');
      }),
    );
  });

  it('rejects wrong keys and parameters at compile time', () => {
    // These lines are checked by `tsc`; at runtime they still produce visible text.
    // @ts-expect-error unknown key
    expect(t('en', 'demo.nope')).toBe('demo.nope');
    // @ts-expect-error a message with a placeholder needs its parameter
    expect(t('en', 'demo.greet')).toBe('Hello {name}');
    // @ts-expect-error every placeholder must be given
    expect(t('en', 'demo.pair', { a: 1 })).toBe('1 and {b}, again 1');
    // @ts-expect-error only supported locales
    expect(t('de', 'demo.plain')).toBe('Plain');
  });
});

describe('Translation<typeof en>', () => {
  it('rejects a translation that lacks a key, adds one, or drops a placeholder (checked by tsc)', () => {
    const small = { 'x.a': 'Hi {name}', 'x.b': 'Bye' } as const;
    // @ts-expect-error missing key x.b
    const missing = { 'x.a': '嗨 {name}' } as const satisfies Translation<typeof small>;
    // @ts-expect-error extra key
    const extra = { 'x.a': '嗨 {name}', 'x.b': '再见', 'x.c': '多余' } as const satisfies Translation<typeof small>;
    // @ts-expect-error placeholder dropped
    const dropped = { 'x.a': '嗨', 'x.b': '再见' } as const satisfies Translation<typeof small>;
    const fine = { 'x.a': '{name},嗨', 'x.b': '再见' } as const satisfies Translation<typeof small>;
    expect([missing, extra, dropped, fine].length).toBe(4);
  });
});

describe('interpolate', () => {
  it('returns messages without placeholders unchanged', () => {
    fc.assert(
      fc.property(fc.string().filter((s) => !/\{\w+\}/.test(s)), fc.dictionary(fc.string(), fc.string()), (m, p) => {
        expect(interpolate(m, p)).toBe(m);
      }),
    );
  });

  it('substitutes every occurrence of a given parameter', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]\w{0,8}$/), fc.string(), (name, value) => {
        const out = interpolate(`<{${name}}|{${name}}>`, { [name]: value });
        expect(out).toBe(`<${value}|${value}>`);
      }),
    );
  });
});

describe('hasMessage and mergeCatalogs', () => {
  it('lets a bundle translate just the areas it imports', () => {
    const small = createTranslator(mergeCatalogs(ui, coaching));
    expect(small('zh-CN', 'ui.submit')).toBe('提交');
    expect(small('en', 'coaching.which_step')).toBe('Which step exactly is inconvenient?');
    // @ts-expect-error an area that was not merged is not a key
    expect(small('en', 'error.network_error')).toBe('error.network_error');
  });

  it('narrows keys that come from data', () => {
    const catalog = mergeCatalogs(errorPublic);
    expect(hasMessage(catalog, 'error.timeout')).toBe(true);
    expect(hasMessage(catalog, 'error.nope')).toBe(false);
    expect(hasMessage(catalog, 'hasOwnProperty')).toBe(false);
    expect(hasMessage(catalog, 42)).toBe(false);
    // An error code read from a problem+json body: unknown codes go to the generic message.
    const fromWire: unknown = 'rate_limited';
    const key = `error.${String(fromWire)}`;
    const text = createTranslator(catalog)('en', hasMessage(catalog, key) ? key : 'error.internal');
    expect(text).toContain('will be sent automatically');
  });
});
