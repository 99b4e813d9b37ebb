import { describe, expect, it } from 'vitest';
import { indexTokens, queryTsquery } from '../../server/store/search-tokens';

describe('search tokens', () => {
  it('indexes words, CJK characters and CJK bigrams, lowercased and deduplicated, in reading order', () => {
    expect(indexTokens('导出报表 Export-PDF', 'WEB-20250930-007', '导出')).toEqual([
      '导',
      '出',
      '报',
      '表',
      '导出',
      '出报',
      '报表',
      'export',
      'pdf',
      'web',
      '20250930',
      '007',
    ]);
  });

  it('splits mixed runs inside one segment and folds full-width forms', () => {
    expect(indexTokens('ＡＢＣ报表v2版本')).toEqual(['abc', '报', '表', '报表', 'v2', '版', '本', '版本']);
    expect(indexTokens('', null, undefined, '!!! ,,,')).toEqual([]);
  });

  it('stops at 4000 tokens and cuts long words at 100 characters', () => {
    const words = Array.from({ length: 5000 }, (_, i) => `w${i}`).join(' ');
    expect(indexTokens(words)).toHaveLength(4000);
    expect(indexTokens('x'.repeat(150))).toEqual(['x'.repeat(100)]);
    // One unbroken run of Chinese longer than any argument list still indexes (up to the cap).
    expect(indexTokens('报表导出'.repeat(100_000))).toHaveLength(4 + 4);
    expect(indexTokens('一二三四五六七八九十'.repeat(50_000).split('').reverse().join(''))).toHaveLength(10 + 10);
  });

  it('queries CJK by bigrams (a lone character by itself) and the last word as a prefix', () => {
    expect(queryTsquery('导出报表 export rep')).toBe("'导出' & '出报' & '报表' & 'export' & 'rep':*");
    expect(queryTsquery('表')).toBe("'表'");
    expect(queryTsquery("o'neil")).toBe("'o' & 'neil':*");
    expect(queryTsquery('   ')).toBe('');
  });
});
