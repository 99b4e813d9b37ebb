import { Readability } from '@mozilla/readability';
import { LIMITS } from '../../shared/schemas/common';
import type { ReadableSource } from '../../shared/schemas/clip';
import { maskBounded } from '../../shared/capture/bounded';
import { blockText } from '../../shared/capture/text';

const MAIN = 'main, [role="main"], article';
/**
 * Readability's share of a clip's time. It costs about 12 ms per 1,000 elements in Chromium, more
 * on app-like pages where it retries; past the budget the main region's text is taken instead.
 */
export const READABILITY_BUDGET_MS = 150;

/** Thrown inside Readability when its budget is spent; caught right here. */
class BudgetSpent extends Error {}

/** Readability's per-node steps: each checks the budget, so a long parse stops within one step. */
const STEPPED = ['_getNextNode', '_getInnerText'] as const;

/** Options of readableText. */
export interface ReadableOptions {
  /** false skips Readability: on a helpdesk ticket the conversation is already in the ticket. */
  article?: boolean;
  budgetMs?: number;
  /** Milliseconds of a monotonic clock (tests pass their own). */
  clock?: () => number;
}

/** Readability on a clone (it rewrites the DOM it reads), as block text, or why there is none. */
function readability(doc: Document, budgetMs: number, clock: () => number): string | 'budget' {
  const deadline = clock() + budgetMs;
  try {
    const clone = doc.cloneNode(true) as Document;
    // The serializer hands back the article element itself, so its paragraphs stay lines.
    const reader = new Readability<Element>(clone, { serializer: (el) => el as Element });
    const steps = reader as unknown as Record<(typeof STEPPED)[number], (...args: unknown[]) => unknown>;
    for (const name of STEPPED) {
      const step = steps[name].bind(reader);
      steps[name] = (...args) => {
        if (clock() > deadline) throw new BudgetSpent();
        return step(...args);
      };
    }
    const content = reader.parse()?.content;
    return content ? blockText(content) : '';
  } catch (error) {
    return error instanceof BudgetSpent ? 'budget' : '';
  }
}

/**
 * The page's main text, masked and bounded, with where it came from: Readability's article
 * within its time budget, else the text of the main region or body (recorded as a budget fallback
 * when the budget ran out). Paragraphs and other blocks stay separate lines.
 */
export function readableText(doc: Document, options: ReadableOptions = {}): { text?: string; source: ReadableSource } {
  let text = '';
  let source: ReadableSource = 'main_text';
  if (options.article !== false) {
    const read = readability(doc, options.budgetMs ?? READABILITY_BUDGET_MS, options.clock ?? (() => performance.now()));
    if (read === 'budget') source = 'budget_fallback';
    else if (read) {
      text = read;
      source = 'readability';
    }
  }
  if (!text) {
    const region = doc.querySelector(MAIN) ?? doc.body;
    text = region ? blockText(region) : '';
  }
  // An article's titled names are public figures; a ticket page's text is the customer's.
  const masked = maskBounded(text, LIMITS.readableText, options.article === false ? undefined : { scope: 'article' });
  return masked ? { text: masked, source } : { source };
}
