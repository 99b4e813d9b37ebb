import { describe, expect, it } from 'vitest';
import { buildSubmission, loadMasking, type Draft, type Envelope } from '../../../widget/box/submission';
import { MUST_KEEP, MUST_MASK, leaksIn } from '../../fixtures/masking/corpus';

const envelope: Envelope = {
  id: '01927b3e-7c1a-7000-8000-000000000001',
  submittedAt: new Date('2025-09-30T09:00:00.000Z'),
  page: { url: 'https://app.example.com/reports', title: '报表', userAgent: 'Mozilla/5.0', screen: { w: 1280, h: 800 } },
  reporter: { kind: 'anonymous', secretHash: 'a'.repeat(64) },
  locale: 'zh-CN',
};

const draft = (text: string): Draft => ({
  category: 'product_defect',
  scenario: text,
  problem: text,
  expectedSolution: text,
  contact: '',
  contactConsent: false,
});

// What the person types into the suggestion box is customer text: titled names are masked there too.
describe('the masking corpora through the widget’s submission', () => {
  it.each(MUST_MASK.map((e) => [e.text, e] as const))('masks %s', async (_, entry) => {
    const s = buildSubmission(draft(entry.text), envelope, await loadMasking());
    for (const field of [s.scenario, s.problem, s.expectedSolution]) expect(leaksIn(field ?? '', entry)).toEqual([]);
  });

  it.each(MUST_KEEP.filter((e) => !e.articleOnly).map((e) => [e.text] as const))('keeps %s', async (text) => {
    const s = buildSubmission(draft(text), envelope, await loadMasking());
    expect([s.scenario, s.problem, s.expectedSolution]).toEqual([text, text, text]);
  });

  it('masks the page title and the contact with the same masker', async () => {
    const s = buildSubmission(
      { ...draft('x'), contact: '+49 30 1234567', contactConsent: true },
      { ...envelope, page: { ...envelope.page, title: 'Account of 13812345678' } },
      await loadMasking(),
    );
    expect(s).toMatchObject({ contact: '+493****4567', page: { title: 'Account of 138****5678' } });
  });
});
