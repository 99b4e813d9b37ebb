import { describe, expect, it } from 'vitest';
import { maskText, maskTextWith } from '../../../shared/domain/masking';
import { maskRecord } from '../../../shared/domain/record-masking';
import { MUST_KEEP, MUST_MASK, leaksIn } from '../../fixtures/masking/corpus';
import { recordInput } from '../../server/support/fixtures';

const text = (r: ReturnType<typeof maskText>): string => (r.ok ? r.value : `error: ${r.error.code}`);

describe('the masking corpora through the shared masker', () => {
  it.each(MUST_MASK.map((e) => [e.text, e] as const))('masks %s', (_, entry) => {
    expect(leaksIn(text(maskText(entry.text)), entry)).toEqual([]);
    if (!entry.customerOnly) expect(leaksIn(text(maskTextWith(entry.text, { scope: 'article' })), entry)).toEqual([]);
  });

  it.each(MUST_KEEP.map((e) => [e.text, e] as const))('keeps %s', (_, entry) => {
    expect(text(maskTextWith(entry.text, { scope: 'article' }))).toBe(entry.text);
    if (!entry.articleOnly) expect(text(maskText(entry.text))).toBe(entry.text);
  });

  it('masks the customer’s own names wherever they appear, bare or titled', () => {
    const people = ['王小明', 'Jane Doe'];
    expect(text(maskTextWith('王小明说导出失败，Jane Doe 也是', { people }))).toBe('*说导出失败，* 也是');
    expect(text(maskTextWith('据报道王小明先生已收到', { scope: 'article', people }))).toBe('据报道*先生已收到');
  });
});

describe('maskRecord', () => {
  it('masks the names as names, the contact as a contact and every text, the clip page as an article', () => {
    const doc = maskRecord(
      recordInput({
        customerKind: 'individual',
        customerName: '王小明',
        contactPerson: 'Mrs. Brown',
        contact: '+49 30 1234567',
        problem: '王小明 13812345678',
        origin: {
          kind: 'extension',
          clip: {
            capturedAt: '2025-09-30T02:00:00.000Z',
            page: { url: 'https://news.example.com/a', title: 'Dr. Fauci: call 13812345678', metadata: { 'og:title': 'a@b.cn' }, readableText: 'Mr. Biden and 王小明' },
            ticket: { system: 'zendesk', url: 'https://x.zendesk.com/1', requester: '王小明', tags: [], missingFields: [], messages: [{ role: 'customer', author: '王小明', text: '我叫王小明' }] },
          },
        },
      }),
    );
    expect(doc).toMatchObject({ customerName: '*', contactPerson: 'Ms *', contact: '+493****4567', problem: '* 138****5678' });
    const clip = doc.origin.kind === 'extension' ? doc.origin.clip : undefined;
    expect(clip?.page).toMatchObject({ title: 'Dr. Fauci: call 138****5678', metadata: { 'og:title': '***@***' }, readableText: 'Mr. Biden and *' });
    expect(clip?.ticket).toMatchObject({ requester: '*', messages: [{ author: '*', text: '我叫*' }] });
    expect(maskRecord(doc)).toEqual(doc);
  });

  it('keeps a company name, masks a person-shaped name without a kind, and cuts a masked page title to its limit', () => {
    expect(maskRecord(recordInput({ customerKind: undefined, customerName: 'Acme Ltd' })).customerName).toBe('Acme Ltd');
    expect(maskRecord(recordInput({ customerKind: undefined, customerName: 'Jane Doe' })).customerName).toBe('*');
    const page = { url: 'https://app.example.com/', title: 'a@b.cn '.repeat(143), userAgent: 'UA', screen: { w: 1, h: 1 } };
    const doc = maskRecord(recordInput({ origin: { kind: 'widget', page, locale: 'en', reporter: { kind: 'anonymous', secretHash: 'a'.repeat(64) } } as never }));
    expect(doc.origin.kind === 'widget' && doc.origin.page.title).toHaveLength(1000);
  });
});
