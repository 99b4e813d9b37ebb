import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { globMatch } from '../../../shared/domain/glob-match';
import {
  isSurveyEligible,
  pickSurvey,
  samplingBucket,
  shouldShowSurvey,
  traitsMatch,
  urlMatches,
  type TargetableSurvey,
  type TargetingContext,
} from '../../../shared/domain/survey-targeting';

const DAY = 86_400_000;
const NOW = Date.parse('2025-09-30T10:00:00Z');

/** The export-flow survey of DOMAIN.md §2's example campaign ("improve the export flow"). */
const exportSurvey = (overrides: Partial<TargetableSurvey> = {}): TargetableSurvey => ({
  id: '0199a0b0-0000-7000-8000-000000000001',
  active: true,
  targeting: {
    urlPatterns: ['https://app.example.com/reports/**'],
    traits: { customerType: ['high_value', 'existing'] },
    samplingPercent: 100,
    frequencyCapDays: 30,
  },
  activeWindow: { from: '2025-07-01T00:00:00Z', to: '2025-10-01T00:00:00Z' },
  ...overrides,
});

const ctx = (overrides: Partial<TargetingContext> = {}): TargetingContext => ({
  url: 'https://app.example.com/reports/42/export?tab=excel#top',
  traits: { customerType: 'high_value', customerKind: 'enterprise' },
  now: NOW,
  seed: 'reporter-a',
  history: {},
  ...overrides,
});

describe('globMatch', () => {
  it.each([
    ['https://app.example.com/reports/*', 'https://app.example.com/reports/42', true],
    ['https://app.example.com/reports/*', 'https://app.example.com/reports/42/export', false],
    ['https://app.example.com/reports/**', 'https://app.example.com/reports/42/export', true],
    ['https://app.example.com/reports/**', 'https://app.example.com/reports', true],
    ['https://app.example.com/reports/**', 'https://app.example.com/reportsx', false],
    ['https://app.example.com/**/settings', 'https://app.example.com/settings', true],
    ['https://app.example.com/**/settings', 'https://app.example.com/a/b/settings', true],
    ['https://app.example.com/**/settings', 'https://app.example.com/a/b/settings/x', false],
    ['https://*.example.com/billing', 'https://eu.example.com/billing', true],
    ['https://*.example.com/billing', 'https://evil.com/x.example.com/billing', false],
    ['https://app.example.com/r*s/list', 'https://app.example.com/reports/list', true],
    ['https://app.example.com/**.pdf', 'https://app.example.com/a/b/c.pdf', true],
    ['/reports/*', '/reports/42', true],
  ])('%s ~ %s is %s', (pattern, text, expected) => {
    expect(globMatch(pattern, text)).toBe(expected);
  });

  it('treats regex characters literally', () => {
    expect(globMatch('https://app.example.com/a.b', 'https://app.example.com/axb')).toBe(false);
    expect(globMatch('https://app.example.com/(x)+', 'https://app.example.com/(x)+')).toBe(true);
  });

  it('stays fast on patterns that would make a backtracking RegExp explode', () => {
    const pattern = `/${'*a'.repeat(200)}b`;
    const text = `/${'a'.repeat(2000)}`;
    const started = Date.now();
    expect(globMatch(pattern, text)).toBe(false);
    // A generous bound: the point is polynomial, not exponential (the RegExp form never returns).
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('a pattern without wildcards matches exactly itself (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', '/', '.', '?') }), fc.string({ unit: fc.constantFrom('a', 'b', '/', '.', '?') }), (p, t) => {
        expect(globMatch(p, t)).toBe(p === t);
      }),
    );
  });

  it('`**` matches any text and `*` any text without a slash (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '/', 'é', '?') }), (t) => {
        expect(globMatch('**', t)).toBe(true);
        expect(globMatch('*', t)).toBe(!t.includes('/'));
      }),
    );
  });
});

describe('urlMatches', () => {
  it('matches origin + path, ignoring query and fragment', () => {
    expect(urlMatches(['https://app.example.com/reports/*'], 'https://app.example.com/reports/42?tab=excel#top')).toBe(true);
    expect(urlMatches(['https://app.example.com/reports/*'], 'https://other.example.com/reports/42')).toBe(false);
    expect(urlMatches(['https://app.example.com/reports/*'], 'http://app.example.com/reports/42')).toBe(false);
  });

  it('compares the query only when the pattern has one', () => {
    const pattern = ['https://app.example.com/reports?tab=*'];
    expect(urlMatches(pattern, 'https://app.example.com/reports?tab=excel')).toBe(true);
    expect(urlMatches(pattern, 'https://app.example.com/reports?view=1')).toBe(false);
    expect(urlMatches(pattern, 'https://app.example.com/reports')).toBe(false);
  });

  it('treats an origin alone as its home page, hosts case-insensitively', () => {
    expect(urlMatches(['https://App.Example.com'], 'https://app.example.com/')).toBe(true);
    expect(urlMatches(['https://app.example.com'], 'https://app.example.com/reports')).toBe(false);
  });

  it('matches non-ASCII paths written plainly in the pattern', () => {
    expect(urlMatches(['https://app.example.com/报表/*'], 'https://app.example.com/%E6%8A%A5%E8%A1%A8/导出')).toBe(true);
  });

  it('lets path-only patterns match on any origin, and an empty list every page', () => {
    expect(urlMatches(['/checkout/**'], 'https://shop.example.com/checkout/pay')).toBe(true);
    expect(urlMatches([], 'https://anything.example.org/x')).toBe(true);
  });

  it('refuses what is not an http(s) URL, without throwing', () => {
    expect(urlMatches([], 'not a url')).toBe(false);
    expect(urlMatches([], 'javascript:alert(1)')).toBe(false);
    expect(urlMatches(null as unknown as string[], 'https://a.example.com/')).toBe(false);
    expect(urlMatches(['/x'], 42 as unknown as string)).toBe(false);
  });
});

describe('traitsMatch', () => {
  it('needs every listed trait, any of its values', () => {
    const wanted = { customerType: ['high_value' as const, 'existing' as const], customerKind: ['enterprise' as const] };
    expect(traitsMatch(wanted, { customerType: 'existing', customerKind: 'enterprise' })).toBe(true);
    expect(traitsMatch(wanted, { customerType: 'new', customerKind: 'enterprise' })).toBe(false);
    expect(traitsMatch(wanted, { customerType: 'existing' })).toBe(false);
    expect(traitsMatch(wanted, undefined)).toBe(false);
  });

  it('lets anyone through when nothing is listed', () => {
    expect(traitsMatch(undefined, undefined)).toBe(true);
    expect(traitsMatch({}, { plan: 'pro' })).toBe(true);
  });

  it('matches industry and plan by exact value', () => {
    expect(traitsMatch({ industry: ['制造业'], plan: ['pro', 'enterprise'] }, { industry: '制造业', plan: 'pro' })).toBe(true);
    expect(traitsMatch({ plan: ['pro'] }, { plan: 'Pro' })).toBe(false);
  });
});

describe('samplingBucket', () => {
  it('is stable per (survey, seed) and within 0..99', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.string(), (id, seed) => {
        const b = samplingBucket(id, seed);
        expect(Number.isInteger(b) && b >= 0 && b < 100).toBe(true);
        expect(samplingBucket(id, seed)).toBe(b);
      }),
    );
  });

  it('spreads reporters evenly: about 30% fall under 30', () => {
    let under = 0;
    for (let i = 0; i < 10_000; i++) if (samplingBucket('0199a0b0-0000-7000-8000-000000000001', `reporter-${i}`) < 30) under++;
    expect(under).toBeGreaterThan(2_800);
    expect(under).toBeLessThan(3_200);
  });

  it('samples different reporters for different surveys', () => {
    const seeds = Array.from({ length: 200 }, (_, i) => `r${i}`);
    const a = seeds.map((s) => samplingBucket('survey-a', s) < 50);
    const b = seeds.map((s) => samplingBucket('survey-b', s) < 50);
    expect(a).not.toEqual(b);
  });
});

describe('isSurveyEligible', () => {
  it('admits an active survey on a matching page for a matching visitor', () => {
    expect(isSurveyEligible(exportSurvey(), ctx())).toEqual({ show: true, reason: 'eligible' });
  });

  it.each([
    ['inactive', exportSurvey({ active: false }), ctx()],
    ['not_started', exportSurvey(), ctx({ now: Date.parse('2025-06-30T23:59:59Z') })],
    ['ended', exportSurvey(), ctx({ now: Date.parse('2025-10-01T00:00:00Z') })],
    ['url_mismatch', exportSurvey(), ctx({ url: 'https://app.example.com/billing' })],
    ['traits_mismatch', exportSurvey(), ctx({ traits: { customerType: 'potential' } })],
    ['invalid_input', exportSurvey({ activeWindow: { from: 'yesterday' } }), ctx()],
    ['invalid_input', null as unknown as TargetableSurvey, ctx()],
    ['invalid_input', exportSurvey(), ctx({ now: Number.NaN })],
  ])('says %s', (reason, survey, context) => {
    expect(isSurveyEligible(survey, context)).toEqual({ show: false, reason });
  });

  it('keeps an open-ended window open', () => {
    const open = exportSurvey({ activeWindow: { from: '2025-01-01T00:00:00Z' } });
    expect(isSurveyEligible(open, ctx({ now: Date.parse('2030-01-01T00:00:00Z') })).show).toBe(true);
  });
});

describe('shouldShowSurvey', () => {
  it('never shows a survey again once answered on this device', () => {
    const s = exportSurvey();
    expect(shouldShowSurvey(s, ctx({ history: { [s.id]: { answeredAt: NOW - 400 * DAY } } }))).toEqual({
      show: false,
      reason: 'answered',
    });
  });

  it('waits frequencyCapDays after the survey was shown (dismissed)', () => {
    const s = exportSurvey();
    const shown = (daysAgo: number) => ctx({ history: { [s.id]: { shownAt: NOW - daysAgo * DAY } } });
    expect(shouldShowSurvey(s, shown(29.9))).toEqual({ show: false, reason: 'frequency_capped' });
    expect(shouldShowSurvey(s, shown(30))).toEqual({ show: true, reason: 'eligible' });
    expect(shouldShowSurvey(s, shown(-1))).toEqual({ show: false, reason: 'frequency_capped' });
  });

  it('ignores history of other surveys and garbage history', () => {
    const s = exportSurvey();
    expect(shouldShowSurvey(s, ctx({ history: { other: { answeredAt: NOW } } })).show).toBe(true);
    expect(shouldShowSurvey(s, ctx({ history: { [s.id]: 'x' as never } })).show).toBe(true);
    expect(shouldShowSurvey(s, ctx({ history: undefined })).show).toBe(true);
  });

  it('samples by bucket: 0% shows nobody, 100% everybody, 37% exactly the buckets under 37', () => {
    const at = (samplingPercent: number) => exportSurvey({ targeting: { ...exportSurvey().targeting, samplingPercent } });
    for (let i = 0; i < 300; i++) {
      const seed = `reporter-${i}`;
      expect(shouldShowSurvey(at(0), ctx({ seed })).reason).toBe('not_sampled');
      expect(shouldShowSurvey(at(100), ctx({ seed })).show).toBe(true);
      const sampled = samplingBucket(at(37).id, seed) < 37;
      expect(shouldShowSurvey(at(37), ctx({ seed })).show).toBe(sampled);
    }
  });

  it('reports the server rules first', () => {
    expect(shouldShowSurvey(exportSurvey({ active: false }), ctx()).reason).toBe('inactive');
  });
});

describe('pickSurvey', () => {
  const a = exportSurvey({ id: '0199a0b0-0000-7000-8000-00000000000a' });
  const b = exportSurvey({
    id: '0199a0b0-0000-7000-8000-00000000000b',
    targeting: { urlPatterns: [], samplingPercent: 100, frequencyCapDays: 7 },
  });

  it('picks the first survey the rules admit, in list order', () => {
    expect(pickSurvey([a, b], ctx())?.id).toBe(a.id);
    expect(pickSurvey([b, a], ctx())?.id).toBe(b.id);
  });

  it('skips answered, capped and mismatched surveys', () => {
    expect(pickSurvey([a, b], ctx({ history: { [a.id]: { answeredAt: NOW - DAY } } }))?.id).toBe(b.id);
    expect(pickSurvey([a, b], ctx({ url: 'https://app.example.com/home' }))?.id).toBe(b.id);
    expect(
      pickSurvey([a, b], ctx({ history: { [a.id]: { answeredAt: NOW }, [b.id]: { shownAt: NOW - DAY } } })),
    ).toBeUndefined();
  });

  it('returns nothing for an empty or broken list', () => {
    expect(pickSurvey([], ctx())).toBeUndefined();
    expect(pickSurvey(null as unknown as TargetableSurvey[], ctx())).toBeUndefined();
  });
});
