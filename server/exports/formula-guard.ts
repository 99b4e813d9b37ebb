/*
 * Ledger text comes from customers and the public widget. A spreadsheet program may run a cell that
 * starts like a formula (CSV injection, OWASP), so such text gets a leading apostrophe: the reader
 * still sees the words, and nothing is evaluated.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

/** `text` made inert for spreadsheets: a leading apostrophe when it starts with = + - @ tab or CR. */
export function neutralizeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}
