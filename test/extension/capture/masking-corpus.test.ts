import { describe, expect, it } from 'vitest';
import { capturePage } from '../../../extension/capture/capture-page';
import { maskFree } from '../../../shared/capture/mask';
import { BUILTIN_ADAPTERS } from '../../../shared/adapters/builtin';
import { MUST_KEEP, MUST_MASK, leaksIn } from '../../fixtures/masking/corpus';

/** Clip a plain article page whose paragraph, title and selection are `text`. */
function clipArticle(text: string) {
  const doc = document.implementation.createHTMLDocument('');
  doc.title = text;
  const p = doc.createElement('p');
  p.textContent = text;
  doc.body.append(p);
  return capturePage(doc, { url: 'https://news.example.com/story', adapters: BUILTIN_ADAPTERS, selection: text }).clip.page;
}

describe('the masking corpora through the extension', () => {
  // A page's own text is an article: contact data goes, public figures stay.
  it.each(MUST_MASK.filter((e) => !e.customerOnly).map((e) => [e.text, e] as const))('masks %s on a clipped page', (_, entry) => {
    const page = clipArticle(entry.text);
    for (const field of [page.title, page.selection, page.readableText]) expect(leaksIn(field ?? '', entry)).toEqual([]);
  });

  it.each(MUST_KEEP.map((e) => [e.text] as const))('keeps %s on a clipped page', (text) => {
    const page = clipArticle(text);
    expect(page.selection).toBe(text);
    expect(page.title).toBe(text);
  });

  // Ticket messages and subjects are the customer's words: titled names go too.
  it.each(MUST_MASK.map((e) => [e.text, e] as const))('masks %s in ticket text', (_, entry) => {
    expect(leaksIn(maskFree(entry.text), entry)).toEqual([]);
  });

  it.each(MUST_KEEP.filter((e) => !e.articleOnly).map((e) => [e.text] as const))('keeps %s in ticket text', (text) => {
    expect(maskFree(text)).toBe(text);
  });
});
