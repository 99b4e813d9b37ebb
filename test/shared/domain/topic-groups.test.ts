import { describe, expect, it } from 'vitest';
import { fingerprint, similarityOfTexts, DEFAULT_SIMILARITY_THRESHOLD } from '../../../shared/domain/similarity';
import { groupBySimilarity } from '../../../shared/domain/topic-groups';

const item = (text: string, askedBy = 1) => ({ item: text, fingerprint: fingerprint(text), askedBy });

describe('groupBySimilarity', () => {
  it('puts paraphrases of one need together and unrelated ones apart, the most asked group first', () => {
    const groups = groupBySimilarity([
      item('Invoices show the wrong tax rate for Hong Kong customers'),
      item('Customer asks for a dark theme in the mobile app'),
      item('导出报表时点击导出按钮没有反应'),
      item('点击导出报表按钮没有反应', 2),
      item('Please add a dark theme to the mobile app'),
    ]);
    expect(groups.map((g) => [g.items, g.askedBy])).toEqual([
      [['点击导出报表按钮没有反应', '导出报表时点击导出按钮没有反应'], 3],
      [['Customer asks for a dark theme in the mobile app', 'Please add a dark theme to the mobile app'], 2],
      [['Invoices show the wrong tax rate for Hong Kong customers'], 1],
    ]);
  });

  it('joins a leader only at the duplicate search\'s threshold, scoring as similarity() does', () => {
    const a = 'export button does nothing';
    const b = 'the export of reports works fine on mobile today';
    expect(similarityOfTexts(a, b)).toBeLessThan(DEFAULT_SIMILARITY_THRESHOLD);
    expect(groupBySimilarity([item(a), item(b)])).toHaveLength(2);
    expect(groupBySimilarity([item(a), item(b)], similarityOfTexts(a, b))).toHaveLength(1);
  });

  it('keeps texts without words each on their own', () => {
    expect(groupBySimilarity([item('!!!'), item('???')]).map((g) => g.items)).toEqual([['!!!'], ['???']]);
  });
});
