/*
 * Text extraction that keeps paragraph breaks (textContent glues `<p>a</p><p>b</p>` into "ab")
 * and never reads script, style or template contents.
 */

const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'HEAD']);
const BLOCK = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DIV', 'DL', 'DT', 'FIELDSET', 'FIGCAPTION',
  'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN',
  'NAV', 'OL', 'P', 'PRE', 'SECTION', 'TABLE', 'TR', 'UL',
]);

const walk = (node: Node, out: string[]): void => {
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === 3) out.push(child.nodeValue ?? '');
    else if (child.nodeType === 1) {
      const tag = (child as Element).tagName.toUpperCase();
      if (SKIP.has(tag)) continue;
      if (tag === 'BR') {
        out.push('\n');
        continue;
      }
      const block = BLOCK.has(tag);
      if (block) out.push('\n');
      walk(child, out);
      if (block) out.push('\n');
    }
  }
};

/** Text of an element with block boundaries as line breaks, spaces collapsed, blank lines dropped. */
export function blockText(node: Node): string {
  const out: string[] = [];
  walk(node, out);
  return out
    .join('')
    .split('\n')
    .map((line) => line.replace(/[\s\u00a0]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

/** Text of an element on one line: all whitespace collapsed to single spaces. */
export function lineText(node: Node): string {
  return blockText(node).replace(/\s+/g, ' ').trim();
}

/** Collapse whitespace of a string to single spaces. */
export function oneLine(text: string): string {
  return text.replace(/[\s\u00a0]+/g, ' ').trim();
}

/** Cut text to `max` characters (by UTF-16 units, never splitting a surrogate pair), trimmed. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text.trim();
  let end = max;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return text.slice(0, end).trim();
}
