import { Readability } from '@mozilla/readability';
import { LIMITS } from '../../shared/schemas/common';
import { maskBounded } from '../../shared/capture/bounded';
import { blockText } from '../../shared/capture/text';

const MAIN = 'main, [role="main"], article';
// Readability costs about 12 ms per 1,000 elements in Chromium (more on app-like pages, where it
// retries); the clip must stay inside its 300 ms budget, so larger pages use the main region's text.
const MAX_ELEMENTS = 4_000;

const tidy = (text: string): string =>
  text
    .split('\n')
    .map((line) => line.replace(/[\s\u00a0]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');

/**
 * The page's main text, masked and bounded: Readability on a clone (it rewrites the DOM it reads),
 * else the text of the main region or body. `article: false` skips Readability: on a helpdesk
 * ticket the conversation is already in the ticket, and Readability is slowest on app pages.
 */
export function readableText(doc: Document, options: { article?: boolean } = {}): string | undefined {
  let text = '';
  if (options.article !== false && doc.getElementsByTagName('*').length <= MAX_ELEMENTS) {
    try {
      const clone = doc.cloneNode(true) as Document;
      text = tidy(new Readability(clone, { maxElemsToParse: MAX_ELEMENTS }).parse()?.textContent ?? '');
    } catch {
      text = '';
    }
  }
  if (!text) {
    const region = doc.querySelector(MAIN) ?? doc.body;
    text = region ? blockText(region) : '';
  }
  // An article's titled names are public figures; a ticket page's text is the customer's.
  const masked = maskBounded(text, LIMITS.readableText, options.article === false ? undefined : { scope: 'article' });
  return masked || undefined;
}
