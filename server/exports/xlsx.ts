import { PassThrough, Readable, type Writable } from 'node:stream';
import * as ExcelNamespace from 'exceljs';
import {
  LEDGER_COLUMNS,
  PROGRESS_COLUMNS,
  columnLabels,
  type LedgerCellKind,
  type LedgerCellValue,
  type LedgerColumn,
  type ProgressRow,
} from './ledger-columns';
import { ledgerT } from './ledger-labels';
import { neutralizeFormula } from './formula-guard';
import { fitCell } from './cell-limit';
import { wallClock } from './wall-clock';
import type { Locale } from '../../shared/i18n/locale';
import type { Record as EchoRecord } from '../../shared/schemas/record';

// exceljs is CommonJS with ES-style typings: under Node's ESM loader only `default` exists.
const ExcelJS = (ExcelNamespace as unknown as { default?: typeof ExcelNamespace }).default ?? ExcelNamespace;

/** Media type of the XLSX ledger. */
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const NUMBER_FORMATS: Partial<Record<LedgerCellKind, string>> = {
  datetime: 'yyyy-mm-dd hh:mm',
  percent: '0.0%',
};

type Cell = string | number | Date | null;

/**
 * A cell as XLSX holds it: instants as real dates in the company zone, percentages as fractions, text
 * made formula-safe and cut to a cell's 32,767 characters with `marker` saying how much was left out.
 */
export function xlsxCell(kind: LedgerCellKind, value: LedgerCellValue, timeZone: string, marker: (omitted: number) => string = (n) => `… [+${n}]`): Cell {
  if (value === null) return null;
  switch (kind) {
    case 'datetime':
      return wallClock(String(value), timeZone);
    case 'percent':
      return Number(value) / 100;
    case 'number':
      return Number(value);
    case 'text':
      return fitCell(neutralizeFormula(String(value)), marker);
  }
}

/** exceljs' streaming workbook writer. */
export type Workbook = InstanceType<typeof ExcelJS.stream.xlsx.WorkbookWriter>;
type Worksheet = ReturnType<Workbook['addWorksheet']>;

/**
 * A sheet with a frozen bold header row, column widths and number formats set before any row is
 * written, and `add(values)` to write one data row. Every data cell gets its column's one style
 * object: exceljs gives each new cell a fresh copy, which its style table then serialises to find
 * again, cell by cell (a sixth of a 100k-row export's time); a shared object it finds by identity.
 */
export function openSheet<Row>(workbook: Workbook, name: string, columns: readonly LedgerColumn<Row>[], locale: Locale) {
  const sheet: Worksheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1, xSplit: 1 }] });
  const styles = columns.map((c) => {
    const numFmt = NUMBER_FORMATS[c.kind];
    return numFmt ? { numFmt } : {};
  });
  sheet.columns = columns.map((c, i) => ({ key: c.key, width: c.width, ...(NUMBER_FORMATS[c.kind] ? { style: styles[i] } : {}) }));
  const header = sheet.addRow(columnLabels(columns, locale).map(neutralizeFormula));
  header.font = { bold: true };
  header.commit();
  return {
    sheet,
    /**
     * Wait until the zip has taken in what was written: exceljs' sheet buffer writes into the zip
     * without heeding backpressure, so a sheet produced faster than it is compressed (a busy
     * machine) would pile up uncompressed in memory.
     */
    async settled(out: PassThrough) {
      const pipes = (sheet as unknown as { stream?: { pipes?: Writable[] } }).stream?.pipes ?? [];
      for (const pipe of pipes) await drained(pipe);
      await drained(out);
    },
    add(values: Cell[]) {
      const row = sheet.addRow(values);
      row.eachCell({ includeEmpty: true }, (cell, column) => {
        cell.style = styles[column - 1] as typeof cell.style;
      });
      row.commit();
    },
  };
}

/** Resolve once the stream has room again (or is gone), so rows wait for a slow client. */
async function drained(stream: Writable): Promise<void> {
  // The zip's own streams come from the readable-stream package, which may lack writableNeedDrain.
  const needDrain = stream.writableNeedDrain ?? (stream as { _writableState?: { needDrain?: boolean } })._writableState?.needDrain;
  if (stream.destroyed || !needDrain) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
  });
}

/**
 * The ledger as an XLSX byte stream from exceljs' streaming writer: rows are committed as the pages
 * arrive and zipped straight into the response. A streaming writer finishes one sheet before the
 * next, so the progress log (second sheet) reads the store again through `progressPages`.
 */
export function ledgerXlsxStream(
  pages: AsyncIterable<EchoRecord[]>,
  progressPages: () => AsyncIterable<EchoRecord[]>,
  options: { locale: Locale; timeZone: string; onError: (error: unknown) => void },
): ReadableStream<Uint8Array> {
  const { locale, timeZone } = options;
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Echobox';

  const marker = (omitted: number) => ledgerT(locale, 'ledger.truncated', { count: omitted });
  const write = async () => {
    const ledger = openSheet(workbook, ledgerT(locale, 'ledger.sheet'), LEDGER_COLUMNS, locale);
    for await (const page of pages) {
      if (out.destroyed) return;
      for (const record of page) {
        ledger.add(LEDGER_COLUMNS.map((c) => xlsxCell(c.kind, c.value(record, locale), timeZone, marker)));
      }
      await ledger.settled(out);
    }
    ledger.sheet.commit();

    const progress = openSheet(workbook, ledgerT(locale, 'ledger.progressSheet'), PROGRESS_COLUMNS, locale);
    for await (const page of progressPages()) {
      if (out.destroyed) return;
      for (const record of page) {
        for (const entry of record.progress) {
          const row: ProgressRow = { record, entry };
          progress.add(PROGRESS_COLUMNS.map((c) => xlsxCell(c.kind, c.value(row, locale), timeZone, marker)));
        }
      }
      await progress.settled(out);
    }
    progress.sheet.commit();
    await workbook.commit();
  };

  write().catch((error: unknown) => {
    // A destroyed stream means the client went away (only this handler destroys it otherwise).
    if (out.destroyed) return;
    // Headers are already sent: the client sees a broken download, the server log sees why.
    options.onError(error);
    out.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  return Readable.toWeb(out) as unknown as ReadableStream<Uint8Array>;
}
