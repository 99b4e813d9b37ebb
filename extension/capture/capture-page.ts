import type { AdapterDefinition } from '../../shared/schemas/adapter';
import type { Clip, ClipPage } from '../../shared/schemas/clip';
import { LIMITS } from '../../shared/schemas/common';
import { maskBounded } from '../../shared/capture/bounded';
import { extractTicket, type TicketExtraction } from '../../shared/capture/extract-ticket';
import { readMetadata, readerOf, readerTitle } from './page-metadata';
import { readableText } from './readable-text';
import { adapterMatchesUrl, parseUrl } from './url-match';
import { oneLine } from '../../shared/capture/text';

/** What the caller (content script or scripting.executeScript) passes in. */
export interface CaptureOptions {
  /** The page address (location.href); adapters match on it. */
  url: string;
  /** Definitions to try, e.g. BUILTIN_ADAPTERS or the server's cached catalog. */
  adapters: readonly AdapterDefinition[];
  /** The text the agent selected (window.getSelection().toString()). */
  selection?: string;
  now?: Date;
}

/** A clip without its screenshot (added later by the background), which adapter made the ticket, and the gaps. */
export interface CaptureResult {
  clip: Omit<Clip, 'screenshot'>;
  /**
   * Id of the adapter that recognised the page, null for a generic page. An adapter can recognise
   * a page yet find nothing usable: then `clip.ticket` is absent and every field is missing.
   */
  adapterId: string | null;
  /** Ticket fields the adapter looked for and could not find (empty on generic pages). */
  missingFields: string[];
}

function hasMarker(doc: Document, selectors: readonly string[] | undefined): boolean {
  return (selectors ?? []).some((selector) => {
    try {
      return doc.querySelector(selector) !== null;
    } catch {
      return false;
    }
  });
}

/**
 * Adapters whose URL patterns match, then those recognised by a product marker on another host;
 * the one that finds most fields wins (ties: URL match first, then list order).
 */
export function bestTicket(doc: Document, href: string, adapters: readonly AdapterDefinition[]): TicketExtraction | null {
  const url = parseUrl(href);
  if (!url) return null;
  // A definition that skipped validation must cost its own result only, never the clip.
  const guarded = <T>(run: () => T, fallback: T): T => {
    try {
      return run();
    } catch {
      return fallback;
    }
  };
  const byUrl = adapters.filter((a) => guarded(() => adapterMatchesUrl(a, url), false));
  const byMarker = adapters.filter((a) => !byUrl.includes(a) && guarded(() => hasMarker(doc, a.detect), false));
  let best: TicketExtraction | null = null;
  for (const adapter of [...byUrl, ...byMarker]) {
    const result = guarded<TicketExtraction | null>(() => extractTicket(doc, href, adapter), null);
    if (!result) continue;
    const better =
      !best || (result.ticket && !best.ticket) || (!!result.ticket === !!best.ticket && result.found > best.found);
    if (better) best = result;
  }
  return best;
}

// A page's own text is published: titled names in it are public figures, its contact data is still masked.
const ARTICLE = { scope: 'article' } as const;

function canonicalOf(doc: Document, href: string): string | undefined {
  const raw = doc.querySelector('link[rel~="canonical"]')?.getAttribute('href');
  if (!raw) return undefined;
  try {
    const url = new URL(raw, href);
    return /^https?:$/.test(url.protocol) && url.href.length <= LIMITS.url ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Capture a page (and, on a helpdesk ticket, the ticket) into a clip. Pure over the given
 * document: it never changes it (Readability reads a clone) and never throws. Personal data in
 * every text (title, selection, readable text, metadata, ticket) is masked before it returns.
 */
export function capturePage(doc: Document, options: CaptureOptions): CaptureResult {
  const href = options.url;
  const metadata = readMetadata(doc);
  const title = maskBounded(readerTitle(doc, metadata), LIMITS.line, ARTICLE);
  const page: ClipPage = { url: href, title, metadata };
  const canonicalUrl = canonicalOf(doc, href);
  if (canonicalUrl) page.canonicalUrl = canonicalUrl;
  const extraction = bestTicket(doc, href, options.adapters);
  // On a ticket the selection is the customer's words; elsewhere it is the page's.
  const scope = extraction?.ticket ? undefined : ARTICLE;
  const selection = options.selection ? maskBounded(options.selection.trim(), LIMITS.text, scope) : '';
  if (selection) page.selection = selection;
  const { text, source } = readableText(doc, { article: !extraction?.ticket });
  if (text) page.readableText = text;
  page.reader = readerOf(doc, metadata, text, source);

  const now = options.now && Number.isFinite(options.now.getTime()) ? options.now : new Date();
  const clip: Omit<Clip, 'screenshot'> = { page, capturedAt: now.toISOString() };
  if (extraction?.ticket) clip.ticket = extraction.ticket;
  return {
    clip,
    adapterId: extraction?.adapterId ?? null,
    missingFields: extraction ? [...extraction.missingFields] : [],
  };
}
