import { describe, expect, it } from 'vitest';
import { readableText } from '../../../extension/capture/readable-text';

const paragraphs = [
  'The export button in the reports module has done nothing since the last release, for every customer we asked.',
  'Pressing it a second time opens an empty dialog, and the download never starts, even after a minute of waiting.',
  'Support staff have written it down in three tickets this week; the workaround of printing the page is not liked.',
];

/** An article page with navigation around it, as news and documentation sites have. */
const page = () =>
  new DOMParser().parseFromString(
    `<html><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
     <main><article><h1>Export is broken</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article></main>
     <footer>© Example</footer></body></html>`,
    'text/html',
  );

describe('readable text of a page', () => {
  it('keeps each paragraph on its own line and says Readability found it', () => {
    const { text, source } = readableText(page(), { clock: () => 0 });
    expect(source).toBe('readability');
    for (const p of paragraphs) expect(text!.split('\n')).toContain(p);
    expect(text).not.toContain('Home');
  });

  it('past its time budget Readability gives way to the main region, and the fallback is recorded', () => {
    let t = 0;
    // Every step Readability takes costs 50 ms on this clock: the 250 ms budget runs out mid-parse.
    const { text, source } = readableText(page(), { clock: () => (t += 50), budgetMs: 250 });
    expect(source).toBe('budget_fallback');
    expect(text!.split('\n')).toEqual(['Export is broken', ...paragraphs]);
  });

  it('a ticket page skips Readability and takes the main text', () => {
    expect(readableText(page(), { article: false }).source).toBe('main_text');
  });
});
