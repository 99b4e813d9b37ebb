import { PassThrough, Readable } from 'node:stream';
import * as ExcelNamespace from 'exceljs';
import { openSheet, xlsxCell } from '../exports/xlsx';
import { ledgerT } from '../exports/ledger-labels';
import type { LedgerColumn } from '../exports/ledger-columns';
import type { Locale } from '../../shared/i18n/locale';

// exceljs is CommonJS with ES-style typings: under Node's ESM loader only `default` exists.
const ExcelJS = (ExcelNamespace as unknown as { default?: typeof ExcelNamespace }).default ?? ExcelNamespace;

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
  const { locale, timeZone } = options;
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Echobox';
  const marker = (omitted: number) => ledgerT(locale, 'ledger.truncated', { count: omitted });
  const write = async () => {
    const sheet = openSheet(workbook, sheetName, columns, locale);
    for (const row of rows) sheet.add(columns.map((c) => xlsxCell(c.kind, c.value(row, locale), timeZone, marker)));
    sheet.sheet.commit();
    await workbook.commit();
  };
  write().catch((error: unknown) => {
    if (out.destroyed) return;
    options.onError(error);
    out.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  return Readable.toWeb(out) as unknown as ReadableStream<Uint8Array>;
}
