import { RE2JS } from 're2js';
import { unsafePatternReason } from '../schemas/adapter';

const compiled = new Map<string, RE2JS | null>();

/** Longest input a definition's regex is ever run on. */
export const MAX_REGEX_INPUT = 4_096;

/**
 * Compile an adapter regex once with RE2JS, whose matching time is linear in the input whatever
 * the pattern (a served definition must not be able to freeze the tab); sources the schema would
 * refuse (definitions not parsed first) give null.
 */
export function adapterRegExp(source: string): RE2JS | null {
  let re = compiled.get(source);
  if (re === undefined) {
    re = unsafePatternReason(source) === null ? RE2JS.compile(source) : null;
    compiled.set(source, re);
  }
  return re;
}

/** Run an adapter regex on bounded input; the value is group `value` (or `id`), else group 1, else the match. */
export function applyPattern(source: string, input: string, group = 'value'): string | null {
  const re = adapterRegExp(source);
  if (!re) return null;
  const match = re.matcher(input.slice(0, MAX_REGEX_INPUT));
  if (!match.find()) return null;
  const named = group in re.namedGroups() ? match.group(group) : null;
  return named ?? (re.groupCount() > 0 ? match.group(1) : null) ?? match.group(0);
}
