/** Most characters one XLSX cell holds (Excel's limit; longer text makes the file unreadable). */
export const XLSX_CELL_MAX = 32_767;

/**
 * `text` cut to what one cell holds, ending with a visible marker that says how many characters were
 * left out (the full text stays in the record and in the CSV ledger). Never splits a surrogate pair.
 */
export function fitCell(text: string, marker: (omitted: number) => string, max: number = XLSX_CELL_MAX): string {
  if (text.length <= max) return text;
  // The marker's length depends on the count it shows: settle it in two passes.
  let keep = max - marker(text.length).length;
  keep = max - marker(text.length - keep).length;
  const code = text.charCodeAt(keep - 1);
  if (code >= 0xd800 && code <= 0xdbff) keep -= 1;
  return `${text.slice(0, keep)}${marker(text.length - keep)}`;
}
