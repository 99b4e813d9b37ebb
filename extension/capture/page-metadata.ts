import { maskBounded } from './bounded';
import { lineText, oneLine } from './text';

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
    const source = script.textContent ?? '';
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

/** OpenGraph (`og:*`, `article:*`), description and schema.org (JSON-LD, then microdata) as `schema:*`, masked and bounded. */
export function readMetadata(doc: Document): Meta {
  const meta: Meta = {};
  openGraph(doc, meta);
  jsonLd(doc, meta);
  microdata(doc, meta);
  return meta;
}
