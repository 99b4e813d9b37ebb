import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Window } from 'happy-dom';

// Not `new URL(…, import.meta.url)`: under happy-dom the global URL is the DOM's, not Node's.
/** Folder of the offline helpdesk fixture pages (also served by the e2e static server). */
export const FIXTURE_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/helpdesk/');

/** Fixture page names (without .html). */
export const fixtureNames = (): string[] =>
  readdirSync(FIXTURE_DIR)
    .filter((f) => f.endsWith('.html'))
    .map((f) => f.slice(0, -5))
    .sort();

/** Raw HTML of one fixture. */
export const fixtureHtml = (name: string): string => readFileSync(`${FIXTURE_DIR}${name}.html`, 'utf8');

/** The address the page has in the real product, from the fixture's `Real URL:` comment. */
export function fixtureUrl(name: string): string {
  const found = /Real URL: (\S+)/.exec(fixtureHtml(name));
  if (!found?.[1]) throw new Error(`${name}.html has no "Real URL:" comment`);
  return found[1];
}

/**
 * Load a fixture into a Document at `url` (default: its real address), as the content script
 * would see it. Scripts never run and relative assets are not fetched.
 */
export function loadFixture(name: string, url = fixtureUrl(name)): Document {
  const window = new Window({
    url,
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      handleDisabledFileLoadingAsSuccess: true,
    },
  });
  window.document.write(fixtureHtml(name));
  return window.document as unknown as Document;
}
