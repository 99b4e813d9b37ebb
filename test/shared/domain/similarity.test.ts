import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SIMILARITY_THRESHOLD,
  fingerprint,
  fnv1a32,
  rankBySimilarity,
  similarity,
  similarityOfTexts as sim,
} from '../../../shared/domain/similarity';

const anyText = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom('导出报表时点击按钮没有反应', 'Export fails'));

describe('fnv1a32', () => {
  it('is pinned, so stored fingerprints stay comparable across runtimes and releases', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('导出')).toBe(fnv1a32('导出'));
    // Reference values from an independent FNV-1a over UTF-16LE bytes.
    expect([fnv1a32('a'), fnv1a32('导出')]).toEqual([723832900, 1997432941]);
  });
});

describe('fingerprint', () => {
  it('is a sorted, duplicate-free array of 32-bit unsigned integers that survives JSON', () => {
    const f = fingerprint('导出报表时点击导出按钮没反应, then export again and again');
    expect(f.length).toBeGreaterThan(10);
    expect(f.every((h, i) => Number.isInteger(h) && h >= 0 && h <= 0xffffffff && (i === 0 || h > f[i - 1]!))).toBe(true);
    expect(JSON.parse(JSON.stringify(f))).toEqual(f);
  });

  it('folds case, full-width forms, punctuation and spacing between scripts', () => {
    expect(fingerprint('导出excel报表')).toEqual(fingerprint('导出 Ｅｘｃｅｌ 报表!'));
    expect(fingerprint('Export   REPORTS!')).toEqual(fingerprint('export report'));
  });

  it('is empty for text without letters or digits, and for non-strings', () => {
    expect(fingerprint('，。!? ')).toEqual([]);
    expect(fingerprint(null)).toEqual([]);
  });
});

describe('similarity', () => {
  it('finds a Chinese paraphrase much closer than an unrelated complaint', () => {
    const a = '导出报表时点击按钮没有反应';
    const para = sim(a, '点击导出报表按钮没反应');
    const other = sim(a, '登录页面验证码收不到');
    expect(para).toBeGreaterThan(0.5);
    expect(other).toBeLessThan(0.05);
    expect(sim('支付失败导致订单丢失', '付款失败，订单丢了')).toBeGreaterThan(sim('支付失败导致订单丢失', '希望可以自定义主题颜色') + 0.3);
  });

  it('finds an English paraphrase much closer than an unrelated complaint', () => {
    const a = 'Nothing happens when I click the export button on the reports page';
    const para = sim(a, 'Clicking the Export button in Reports does nothing');
    const other = sim(a, 'I never receive the SMS verification code on the login page');
    expect(para).toBeGreaterThan(0.4);
    expect(other).toBeLessThan(0.1);
  });

  it('accepts stored fingerprints that are unsorted or repeat values', () => {
    const f = fingerprint('点击导出报表按钮没反应');
    const messy = [...f].reverse().concat(f.slice(0, 3));
    expect(similarity(messy, f)).toBe(1);
    expect(similarity([], f)).toBe(0);
    expect(similarity(null as unknown as number[], f)).toBe(0);
  });

  it('is 1 on itself, symmetric and within [0, 1]', () => {
    fc.assert(
      fc.property(anyText, anyText, (x, y) => {
        const fx = fingerprint(x);
        const fy = fingerprint(y);
        if (fx.length > 0) expect(similarity(fx, fx)).toBe(1);
        const s = similarity(fx, fy);
        expect(similarity(fy, fx)).toBe(s);
        expect(s >= 0 && s <= 1).toBe(true);
      }),
    );
  });
});

describe('rankBySimilarity', () => {
  const records = [
    { id: 'CS-20240520-001', problem: '登录页面验证码收不到' },
    { id: 'CS-20240520-002', problem: '点击导出报表按钮没反应' },
    { id: 'CS-20240520-003', problem: '导出Excel报表的时候按钮点了没反应' },
    { id: 'CS-20240520-004', problem: '希望可以自定义主题颜色' },
  ].map((r) => ({ ...r, fp: fingerprint(r.problem) }));

  it('returns the similar records best first and drops those under the threshold', () => {
    const ranked = rankBySimilarity(fingerprint('导出报表时点击按钮没有反应'), records, (r) => r.fp);
    expect(ranked.map((m) => m.candidate.id)).toEqual(['CS-20240520-002', 'CS-20240520-003']);
    expect(ranked[0]!.score).toBeGreaterThan(ranked[1]!.score);
    expect(ranked.every((m) => m.score >= DEFAULT_SIMILARITY_THRESHOLD)).toBe(true);
  });

  it('honours threshold and limit', () => {
    const q = fingerprint('导出报表时点击按钮没有反应');
    expect(rankBySimilarity(q, records, (r) => r.fp, { threshold: 0.6 }).map((m) => m.candidate.id)).toEqual(['CS-20240520-002']);
    expect(rankBySimilarity(q, records, (r) => r.fp, { limit: 1 })).toHaveLength(1);
    expect(rankBySimilarity(q, records, (r) => r.fp, { threshold: 0 })).toHaveLength(2);
  });
});
