import { openSheet, streamWorkbook } from '../exports/xlsx';
import type { LedgerColumn } from '../exports/ledger-columns';
import type { Locale } from '../../shared/i18n/locale';

/**
 * A meeting report as one XLSX sheet, written by the ledger's sheet writer (frozen bold headings in
 * the reader's language, real dates in the company zone, formula-safe text). A report holds at most
 * a thousand rows already in memory, so it is written in one go.
 */
export function reportXlsxStream<Row>(
  sheetName: string,
  columns: readonly LedgerColumn<Row>[],
  rows: readonly Row[],
  options: { locale: Locale; timeZone: string; onError: (error: unknown) => void },
): ReadableStream<Uint8Array> {
  return streamWorkbook(async (workbook) => {
    const sheet = openSheet(workbook, sheetName, columns, options);
    for (const row of rows) sheet.add(row);
    sheet.commit();
  }, options.onError);
}
