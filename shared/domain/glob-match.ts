/*
 * Glob matching for survey targeting and helpdesk adapter URLs, shared so there is one matcher: `*`
 * stays within one segment, `**` crosses segments (`/**` at the end and `**` + `/` in the middle
 * also match zero segments). It is a dynamic programme over (pattern, text), never a backtracking
 * RegExp, so no pattern an admin or a served adapter definition carries can stall a server or a tab.
 */

const STAR = 1;
const GLOBSTAR = 2;
/** `**` followed by `/`: zero or more whole segments. */
const DIRS = 3;
/** `/**` at the end: nothing, or `/` and anything. */
const SUFFIX = 4;
type Token = string | 1 | 2 | 3 | 4;

const tokenize = (p: string): Token[] => {
  const out: Token[] = [];
  let i = 0;
  while (i < p.length) {
    if (p.startsWith('/**', i) && i + 3 === p.length) {
      out.push(SUFFIX);
      i += 3;
    } else if (p.startsWith('**/', i) && (i === 0 || p[i - 1] === '/')) {
      out.push(DIRS);
      i += 3;
    } else if (p.startsWith('**', i)) {
      out.push(GLOBSTAR);
      while (p[i] === '*') i++;
    } else {
      out.push(p[i] === '*' ? STAR : (p[i] as string));
      i++;
    }
  }
  return out;
};

/**
 * Whether `text` matches the glob `pattern` (`*` within a segment, `**` across segments), segments
 * ending at `separator` (`/` in paths and URLs, `.` in host names); O(pattern × text).
 */
export function globMatch(pattern: string, text: string, separator = '/'): boolean {
  const n = text.length;
  let row = new Uint8Array(n + 1);
  row[0] = 1;
  for (const tok of tokenize(pattern)) {
    const next = new Uint8Array(n + 1);
    let run = 0;
    let any = 0;
    for (let j = 0; j <= n; j++) {
      const prev = j > 0 ? text[j - 1] : '';
      let v = 0;
      if (typeof tok === 'string') v = j > 0 && row[j - 1] && prev === tok ? 1 : 0;
      else if (tok === STAR) v = row[j] || (j > 0 && next[j - 1] && prev !== separator) ? 1 : 0;
      else if (tok === GLOBSTAR) v = row[j] || (j > 0 && next[j - 1]) ? 1 : 0;
      else if (tok === DIRS) v = row[j] || (prev === '/' && run) ? 1 : 0;
      else v = row[j] || run ? 1 : 0;
      next[j] = v;
      any |= v;
      // `run` holds, for the next position, whether an earlier start point lets DIRS / SUFFIX span to it.
      if (tok === DIRS) run |= row[j] as number;
      else if (tok === SUFFIX && row[j] && text[j] === '/') run = 1;
    }
    if (!any) return false;
    row = next;
  }
  return row[n] === 1;
}
