import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { capturePage } from '../../../extension/capture/capture-page';

/*
 * Saved pages of real sites with what a reader expects of them, from mozilla/readability's test
 * pages (Apache-2.0): test/fixtures/readability/<site>/source.html and expected-metadata.json.
 */
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/readability/');
const SITES = readdirSync(ROOT).filter((name) => !name.includes('.')).sort();

interface Expected {
  title: string;
  byline: string | null;
  dir: string | null;
  lang?: string | null;
  excerpt: string | null;
  siteName: string | null;
  publishedTime: string | null;
}

const pageOf = (site: string) => {
  const html = readFileSync(`${ROOT}${site}/source.html`, 'utf8');
  const doc = new DOMParser().parseFromString(html, 'text/html');
  return capturePage(doc, { url: `https://${site}.example.com/article`, adapters: [], now: new Date('2025-10-01T00:00:00Z') }).clip.page;
};
const expected = (site: string) => JSON.parse(readFileSync(`${ROOT}${site}/expected-metadata.json`, 'utf8')) as Expected;
const norm = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

// Where our title differs from Readability's and is not compared: the page names itself differently
// in og:title or JSON-LD than in <title>, or carries a site affix our heuristic does not know.
const TITLE_DIFFERS = new Set(['ehow-1', 'guardian-1', 'theverge', 'yahoo-4']);
// Pages that state their author as data (JSON-LD, meta author, rel=author) the way Readability's byline reads.
const AUTHOR_AS_DATA = new Set(['aclu', 'ars-1', 'engadget', 'guardian-1', 'lemonde-1', 'lifehacker-post-comment-load', 'medium-1', 'theverge']);

describe('page metadata on saved pages of real sites (mozilla/readability test pages)', () => {
  it('has at least 20 sites, a right-to-left one and a large one among them', () => {
    expect(SITES.length).toBeGreaterThanOrEqual(20);
    expect(SITES.filter((s) => expected(s).dir === 'rtl').length).toBeGreaterThan(0);
    expect(SITES.some((s) => statSync(`${ROOT}${s}/source.html`).size > 1_000_000)).toBe(true);
  });

  it.each(SITES)('%s: title without site affixes, author, language and direction', (site) => {
    const page = pageOf(site);
    const want = expected(site);
    expect(page.metadata['page:dir'] ?? null).toBe(want.dir);
    if (want.lang) expect(page.metadata['page:lang']).toBe(want.lang);
    if (!TITLE_DIFFERS.has(site)) expect(norm(page.title)).toBe(norm(want.title));
    const author = page.metadata['page:author'];
    if (author) expect(author).not.toMatch(/^(?:https?:)?\/\//);
    if (AUTHOR_AS_DATA.has(site)) expect(author).toBe(want.byline);
  });
});

describe('what a reader sees of a saved page besides its title (mozilla/readability test pages)', () => {
  it.each(SITES)('%s: site name, published time, description, language and direction on the clip', (site) => {
    const { reader } = pageOf(site);
    const want = expected(site);
    expect(reader?.dir ?? null).toBe(want.dir);
    if (want.lang) expect(reader?.lang).toBe(want.lang);
    // A site "name" that is an address is not one.
    if (want.siteName && !/^https?:/.test(want.siteName)) expect(norm(reader?.siteName)).toBe(norm(want.siteName));
    // The same instant may be stated twice on a page, in two offsets (guardian-1): compared as instants.
    const instant = (s: string | null | undefined) => (Number.isNaN(Date.parse(s ?? '')) ? s : Date.parse(s!));
    if (want.publishedTime) expect(instant(reader?.publishedTime)).toBe(instant(want.publishedTime));
    expect(reader?.description).toBeTruthy();
    if (reader?.author) expect(reader.author).not.toMatch(/^(?:https?:)?\/\//);
  });

  it('counts the pages that state a site name and a published time', () => {
    expect(SITES.filter((s) => expected(s).siteName).length).toBeGreaterThanOrEqual(15);
    expect(SITES.filter((s) => expected(s).publishedTime).length).toBeGreaterThanOrEqual(8);
  });
});
