import { readFileSync } from 'node:fs';

/**
 * Read a JSON configuration file an environment variable names (ECHOBOX_ADAPTERS_FILE,
 * ECHOBOX_CALENDARS_FILE) before anything starts: `fail(why)` builds the error that stops the start
 * with the variable and the file named; a byte order mark is dropped as editors write one.
 */
export function readJsonConfigFile(variable: string, path: string): { json: unknown; fail: (why: string) => Error } {
  const fail = (why: string) => new Error(`${variable}: ${path} ${why}`);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw fail(`cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
  }
  try {
    return { json: JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text), fail };
  } catch (error) {
    throw fail(`is not valid JSON (${(error as Error).message}).`);
  }
}
