import { unsafePatternReason } from '../../shared/schemas/adapter';

const compiled = new Map<string, RegExp | null>();

/** Longest input a definition's regex is ever run on. */
export const MAX_REGEX_INPUT = 4_096;

/** Compile an adapter regex once; unsafe or invalid sources (definitions not parsed first) give null. */
export function adapterRegExp(source: string): RegExp | null {
  let re = compiled.get(source);
  if (re === undefined) {
    re = unsafePatternReason(source) === null ? new RegExp(source, 'u') : null;
    compiled.set(source, re);
  }
  return re;
}

/** Run an adapter regex on bounded input; the value is group `value` (or `id`), else group 1, else the match. */
export function applyPattern(source: string, input: string, group = 'value'): string | null {
  const re = adapterRegExp(source);
  if (!re) return null;
  const match = re.exec(input.slice(0, MAX_REGEX_INPUT));
  if (!match) return null;
  return match.groups?.[group] ?? match[1] ?? match[0];
}
