import type { ClipReader, ReadableSource } from '../../shared/schemas/clip';
import { LIMITS } from '../../shared/schemas/common';
import { maskBounded } from '../../shared/capture/bounded';
import { lineText, oneLine } from '../../shared/capture/text';

// A page's metadata is published text: its authors are public, its contact data is not.
const ARTICLE = { scope: 'article' } as const;
const MAX_KEYS = 100;
const MAX_VALUE = 2_000;
const MAX_JSON_LD_CHARS = 200_000;
// Types whose properties describe the page itself; site-wide nodes (WebSite, BreadcrumbList) come last.
const MAIN_TYPES =
  /^(?:\w*Article|BlogPosting|Report|WebPage|AboutPage|FAQPage|QAPage|Question|HowTo|Product|Event|SoftwareApplication|DiscussionForumPosting|Review|Recipe|Course|JobPosting|Dataset)$/;

type Meta = Record<string, string>;

function put(meta: Meta, key: string, value: unknown): void {
  if (Object.keys(meta).length >= MAX_KEYS || key.length < 1 || key.length > 100 || key in meta) return;
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return;
  const text = maskBounded(oneLine(String(value)), MAX_VALUE, ARTICLE);
  if (text) meta[key] = text;
}

function openGraph(doc: Document, meta: Meta): void {
  for (const el of Array.from(doc.querySelectorAll('meta[property], meta[name]')).slice(0, 300)) {
    const key = (el.getAttribute('property') ?? el.getAttribute('name') ?? '').trim();
    if (/^(?:og|article|profile|book):[\w:.-]+$/i.test(key) || key.toLowerCase() === 'description') {
      put(meta, key.toLowerCase() === 'description' ? 'description' : key, el.getAttribute('content'));
    }
  }
}

/** A JSON-LD value as one string: scalars as is, objects by name/headline/url/@id, lists joined. */
function ldValue(value: unknown, depth = 0): string | undefined {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && depth === 0) {
    const parts = value.slice(0, 10).map((v) => ldValue(v, 1)).filter((v): v is string => !!v);
    return parts.length ? parts.join(', ') : undefined;
  }
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    for (const key of ['name', 'headline', 'text', 'url', '@id']) {
      if (typeof o[key] === 'string' || typeof o[key] === 'number') return String(o[key]);
    }
  }
  return undefined;
}

const typeOf = (node: Record<string, unknown>): string => {
  const type = node['@type'];
  return Array.isArray(type) ? String(type[0] ?? '') : typeof type === 'string' ? type : '';
};

function ldNodes(parsed: unknown, out: Array<Record<string, unknown>>): void {
  if (out.length >= 50) return;
  if (Array.isArray(parsed)) parsed.forEach((p) => ldNodes(p, out));
  else if (parsed && typeof parsed === 'object') {
    const node = parsed as Record<string, unknown>;
    if (Array.isArray(node['@graph'])) ldNodes(node['@graph'], out);
    if (node['@type']) out.push(node);
  }
}

function jsonLd(doc: Document, meta: Meta): void {
  const nodes: Array<Record<string, unknown>> = [];
  for (const script of Array.from(doc.querySelectorAll('script[type="application/ld+json"]')).slice(0, 10)) {
    // Older CMSs wrap the block in a CDATA section (sometimes behind `//`), which JSON.parse refuses.
    const source = (script.textContent ?? '').replace(/^\s*(?:\/\/\s*)?<!\[CDATA\[|(?:\/\/\s*)?\]\]>\s*$/g, '');
    if (source.length > MAX_JSON_LD_CHARS) continue;
    try {
      ldNodes(JSON.parse(source), nodes);
    } catch {
      // A broken block on someone else's page is not our error; the others still count.
    }
  }
  // Only the node describing the page itself: a WebSite or Organization node would otherwise
  // lend it their name and url.
  nodes.sort((a, b) => Number(!MAIN_TYPES.test(typeOf(a))) - Number(!MAIN_TYPES.test(typeOf(b))));
  const main = nodes[0];
  if (!main) return;
  put(meta, 'schema:type', typeOf(main));
  for (const [key, value] of Object.entries(main)) {
    if (!key.startsWith('@')) put(meta, `schema:${key}`, ldValue(value));
  }
}

function microdataValue(el: Element): string | null {
  if (el.hasAttribute('itemscope')) {
    const name = el.querySelector('[itemprop="name"]');
    return name ? lineText(name) : lineText(el);
  }
  for (const attr of ['content', 'datetime']) {
    const v = el.getAttribute(attr);
    if (v !== null) return v;
  }
  const tag = el.tagName.toLowerCase();
  if (tag === 'a' || tag === 'link') return el.getAttribute('href');
  if (tag === 'img' || tag === 'source' || tag === 'audio' || tag === 'video') return el.getAttribute('src');
  return lineText(el);
}

function microdata(doc: Document, meta: Meta): void {
  for (const scope of Array.from(doc.querySelectorAll('[itemscope]:not([itemprop])')).slice(0, 5)) {
    const type = scope.getAttribute('itemtype') ?? '';
    put(meta, 'schema:type', type.split(/[/#]/).pop() ?? '');
    for (const el of Array.from(scope.querySelectorAll('[itemprop]')).slice(0, 200)) {
      // Properties of nested items belong to them, not to the top-level item.
      if (el.parentElement?.closest('[itemscope]') !== scope) continue;
      const names = (el.getAttribute('itemprop') ?? '').split(/\s+/).filter(Boolean);
      const value = microdataValue(el);
      for (const name of names) put(meta, `schema:${name}`, value);
    }
  }
}

/** The page's language and direction as the document declares them (`page:lang`, `page:dir`). */
function language(doc: Document, meta: Meta): void {
  const root = doc.documentElement;
  const lang = root?.getAttribute('lang')?.trim() || doc.querySelector('meta[http-equiv="content-language" i]')?.getAttribute('content')?.trim();
  if (lang && /^[a-z]{2,3}(?:[-_][a-z0-9]{2,8})*$/i.test(lang)) put(meta, 'page:lang', lang.replace('_', '-'));
  // The body's (nearer to the text), the root's, else the first declared inside (an article wrapper).
  const dir = (doc.body?.getAttribute('dir') || root?.getAttribute('dir') || doc.body?.querySelector('[dir]')?.getAttribute('dir') || '').toLowerCase();
  if (dir === 'rtl' || dir === 'ltr') put(meta, 'page:dir', dir);
}

// An author is a name: a profile address is not one.
const isName = (value: string | undefined | null): value is string => !!value && !/^(?:https?:)?\/\//i.test(value.trim()) && value.trim().length <= 200;

/** Who wrote the page: JSON-LD author, `<meta name="author">`, then a `rel=author` link's text (`page:author`). */
function author(doc: Document, meta: Meta): void {
  const candidates = [
    meta['schema:author'],
    doc.querySelector('meta[name="author" i]')?.getAttribute('content'),
    meta['article:author'],
    doc.querySelector('a[rel~="author"], [itemprop="author"] [itemprop="name"]')?.textContent,
  ];
  const found = candidates.find(isName);
  if (found) put(meta, 'page:author', found);
}

/** OpenGraph (`og:*`, `article:*`), description and schema.org (JSON-LD, then microdata) as `schema:*`, masked and bounded. */
export function readMetadata(doc: Document): Meta {
  const meta: Meta = {};
  openGraph(doc, meta);
  jsonLd(doc, meta);
  microdata(doc, meta);
  language(doc, meta);
  author(doc, meta);
  return meta;
}

// Separators sites put between a title and their name ("Title | Site", "Site – Title").
const TITLE_SEPARATOR = /\s+[|\-–—·:»/]\s+/;

/**
 * The title a reader expects: `og:title`, else JSON-LD `headline`, else `<title>`; the site's name
 * (og:site_name, or a short segment the title shares with no other) is stripped from either end.
 */
export function readerTitle(doc: Document, meta: Readonly<Record<string, string>>): string {
  const raw = oneLine(meta['og:title'] || meta['schema:headline'] || doc.title || '');
  const site = oneLine(meta['og:site_name'] || '').toLowerCase();
  const parts = raw.split(TITLE_SEPARATOR);
  if (parts.length < 2) return raw;
  const first = parts[0] ?? '';
  const last = parts.at(-1) ?? '';
  if (site && last.toLowerCase() === site) return raw.slice(0, raw.length - last.length).replace(/\s+[|\-–—·:»/]\s*$/, '');
  if (site && first.toLowerCase() === site) return raw.slice(first.length).replace(/^\s*[|\-–—·:»/]\s+/, '');
  // Without a stated site name, a trailing segment of at most 3 words after " | " or " – " is one.
  const tail = /\s+[|–—·»]\s+([^|–—·»]{1,40})$/.exec(raw);
  if (tail && (tail[1] ?? '').trim().split(/\s+/).length <= 3 && raw.length - tail[0].length >= 10) return raw.slice(0, tail.index);
  return raw;
}

/** The content of the first `<meta name>` among `names` (case-insensitive), in that order. */
function metaNamed(doc: Document, names: readonly string[]): string | undefined {
  const wanted = names.map((n) => n.toLowerCase());
  const found = new Map<string, string>();
  for (const el of Array.from(doc.querySelectorAll('meta[name], meta[property]')).slice(0, 300)) {
    const key = (el.getAttribute('name') ?? el.getAttribute('property') ?? '').trim().toLowerCase();
    const content = el.getAttribute('content')?.trim();
    if (content && wanted.includes(key) && !found.has(key)) found.set(key, content);
  }
  for (const name of wanted) if (found.has(name)) return found.get(name);
  return undefined;
}

const bounded = (value: string | undefined, max: number): string | undefined => {
  const text = value ? maskBounded(oneLine(value), max, ARTICLE) : '';
  return text || undefined;
};

/** The first paragraph of the page's text long enough to say something, as an excerpt. */
const firstParagraph = (text: string | undefined): string | undefined => text?.split('\n').find((line) => line.length >= 40);

/**
 * What a reader sees of the page besides its title, in the order readers (and Readability) trust:
 * description from JSON-LD, og:, `<meta name=description>`, else the text's first paragraph; site
 * name from og:site_name or the JSON-LD publisher; published time from JSON-LD `datePublished`,
 * `article:published_time` or parsely; author, language and direction as readMetadata found them.
 */
export function readerOf(doc: Document, meta: Readonly<Record<string, string>>, text: string | undefined, source: ReadableSource): ClipReader {
  const reader: ClipReader = { readableSource: source };
  const author = bounded(meta['page:author'], LIMITS.title);
  const description = bounded(
    meta['schema:description'] || meta['og:description'] || meta['description'] || metaNamed(doc, ['dc.description', 'dcterm:description', 'twitter:description']) || firstParagraph(text),
    2_000,
  );
  const publisher = meta['schema:publisher'];
  const siteName = bounded(meta['og:site_name'] || (isName(publisher) ? publisher : undefined) || metaNamed(doc, ['application-name']), LIMITS.title);
  const publishedTime = bounded(meta['schema:datePublished'] || meta['article:published_time'] || metaNamed(doc, ['parsely-pub-date', 'dc.date', 'dcterms.created', 'date']), 100);
  if (author) reader.author = author;
  if (description) reader.description = description;
  if (siteName) reader.siteName = siteName;
  if (publishedTime) reader.publishedTime = publishedTime;
  if (meta['page:lang']) reader.lang = meta['page:lang'].slice(0, 35);
  const dir = meta['page:dir'];
  if (dir === 'rtl' || dir === 'ltr') reader.dir = dir;
  return reader;
}
