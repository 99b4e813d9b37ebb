import { PassThrough, Readable, type Writable } from 'node:stream';
import * as ExcelNamespace from 'exceljs';
import {
  LEDGER_COLUMNS,
  PROGRESS_COLUMNS,
  columnLabels,
  type LedgerCellKind,
  type LedgerCellValue,
  type LedgerColumn,
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

/** What of exceljs' streaming sheet the row writer reaches past the typings for. */
interface SheetInternals {
  /** The sheet's part of the zip (exceljs' StreamBuf), piped into the zip entry. */
  stream: { write(chunk: Buffer): unknown; pipes?: Writable[] };
}
/** exceljs' style table, which hands out the cell style ids (`s="…"`). */
interface StyleTable {
  addStyleModel(style: object, cellType: number): number;
}

/** exceljs' value types (`Enums.ValueType`), as its style table asks for them. */
const VALUE_TYPE = { Number: 2, String: 3, Date: 4 } as const;
const CELL_TYPE: Record<LedgerCellKind, number> = { text: VALUE_TYPE.String, number: VALUE_TYPE.Number, percent: VALUE_TYPE.Number, datetime: VALUE_TYPE.Date };

/** Excel's serial day of 1970-01-01 (the 1900 date system), as exceljs counts. */
const EXCEL_EPOCH_DAYS = 25_569;
const DAY_MS = 86_400_000;

/** Characters XML text may not hold as they are (exceljs' set): markup is escaped, control characters dropped. */
const XML_UNSAFE = /[<>&'"\x7F\x00-\x08\x0B\x0C\x0E-\x1F]/;
const XML_UNSAFE_ALL = new RegExp(XML_UNSAFE.source, 'g');
const XML_ESCAPES: { [ch: string]: string } = { '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' };
const xmlText = (text: string) => (XML_UNSAFE.test(text) ? text.replace(XML_UNSAFE_ALL, (ch) => XML_ESCAPES[ch] ?? '') : text);

/** A column's letters in A1 notation (1 → A, 27 → AA). */
function columnLetters(n: number): string {
  let letters = '';
  for (let rest = n; rest > 0; rest = Math.floor((rest - 1) / 26)) letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  return letters;
}

/**
 * Rows are encoded into buffers of this many bytes and handed to the zip a buffer at a time. Encoding
 * row by row keeps each string small: one long string of concatenated rows cost a fifth of an
 * export's time to flatten and encode at once.
 */
const CHUNK_BYTES = 64 * 1024;
/** Most UTF-8 bytes one UTF-16 code unit takes. */
const UTF8_MAX = 3;

/**
 * A sheet with a frozen bold header row, column widths and number formats (exceljs writes those),
 * and `add(row)` to write one data row. Data rows are written as the XML exceljs itself would write
 * for them (inline strings, dates as serial days with the column's number format), straight into the
 * sheet's zip entry: exceljs' own path builds a row, a cell, a value and a model object per cell and
 * re-serialises it, which was most of a 100k-record export's time and the garbage that grew its heap.
 */
export function openSheet<Row>(
  workbook: Workbook,
  name: string,
  columns: readonly LedgerColumn<Row>[],
  options: { locale: Locale; timeZone: string },
) {
  const { locale, timeZone } = options;
  const sheet: Worksheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1, xSplit: 1 }] });
  const styles = columns.map((c) => {
    const numFmt = NUMBER_FORMATS[c.kind];
    return numFmt ? { numFmt } : undefined;
  });
  sheet.columns = columns.map((c, i) => ({ key: c.key, width: c.width, ...(styles[i] ? { style: styles[i] } : {}) }));
  const header = sheet.addRow(columnLabels(columns, locale).map(neutralizeFormula));
  header.font = { bold: true };
  header.commit();

  const table = (workbook as unknown as { styles: StyleTable }).styles;
  // A data cell's style attribute, from the same table as the header's: formatted columns only.
  const styleAttrs = columns.map((c, i) => {
    const style = styles[i];
    const id = style ? table.addStyleModel(style, CELL_TYPE[c.kind]) : 0;
    return id ? ` s="${id}"` : '';
  });
  const letters = columns.map((_, i) => columnLetters(i + 1));
  const rowOpen = `" spans="1:${columns.length}" x14ac:dyDescent="0.25">`;
  const marker = (omitted: number) => ledgerT(locale, 'ledger.truncated', { count: omitted });
  const target = (sheet as unknown as SheetInternals).stream;
  let number = 1;
  let chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  let used = 0;
  const flush = () => {
    if (used === 0) return;
    // The zip keeps the buffer until it has read it: a new one for the next rows.
    target.write(chunk.subarray(0, used));
    chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    used = 0;
  };
  const put = (xml: string) => {
    const most = xml.length * UTF8_MAX;
    if (used + most > CHUNK_BYTES) flush();
    if (most > CHUNK_BYTES) target.write(Buffer.from(xml));
    else used += chunk.write(xml, used);
  };

  return {
    /** Write one data row. */
    add(row: Row) {
      number += 1;
      let xml = `<row r="${number}${rowOpen}`;
      for (let i = 0; i < columns.length; i++) {
        const column = columns[i] as LedgerColumn<Row>;
        const value = xlsxCell(column.kind, column.value(row, locale), timeZone, marker);
        const ref = `<c r="${letters[i]}${number}"${styleAttrs[i]}`;
        if (value === null) {
          // exceljs keeps an empty cell only where it carries a format.
          if (styleAttrs[i]) xml += `${ref}/>`;
        } else if (typeof value === 'string') {
          xml += `${ref} t="str"><v>${xmlText(value)}</v></c>`;
        } else if (typeof value === 'number') {
          xml += `${ref}><v>${value}</v></c>`;
        } else {
          xml += `${ref}><v>${EXCEL_EPOCH_DAYS + value.getTime() / DAY_MS}</v></c>`;
        }
      }
      put(`${xml}</row>`);
    },
    /**
     * Wait until the zip has taken in what was written: the sheet's buffer writes into the zip
     * without heeding backpressure, so a sheet produced faster than it is compressed (a busy
     * machine) would pile up uncompressed in memory.
     */
    async settled(out: PassThrough) {
      flush();
      for (const pipe of target.pipes ?? []) await drained(pipe);
      await drained(out);
    },
    /** Finish the sheet (a streaming workbook writes one sheet after the other). */
    commit() {
      flush();
      sheet.commit();
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
 * A workbook streamed as it is written: `write` fills it (stopping early once `out` is destroyed, as
 * when the client went away), then it is committed. A failure after the headers were sent goes to
 * `onError` and cuts the download short.
 */
export function streamWorkbook(write: (workbook: Workbook, out: PassThrough) => Promise<void>, onError: (error: unknown) => void): ReadableStream<Uint8Array> {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Echobox';
  const run = async () => {
    await write(workbook, out);
    if (!out.destroyed) await workbook.commit();
  };
  run().catch((error: unknown) => {
    // A destroyed stream means the client went away (only this handler destroys it otherwise).
    if (out.destroyed) return;
    // Headers are already sent: the client sees a broken download, the server log sees why.
    onError(error);
    out.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  return Readable.toWeb(out) as unknown as ReadableStream<Uint8Array>;
}

/**
 * The ledger as an XLSX byte stream from exceljs' streaming writer: rows are committed as the pages
 * arrive and zipped straight into the response. A streaming writer finishes one sheet before the
 * next, so the progress log (second sheet) reads the store again through `progressPages`, for the
 * records the ledger saw with progress entries only (by id, in ledger order): not a second scan of
 * every matching record for the few that have a progress log.
 */
export function ledgerXlsxStream(
  pages: AsyncIterable<EchoRecord[]>,
  progressPages: (ids: readonly string[]) => AsyncIterable<EchoRecord[]>,
  options: { locale: Locale; timeZone: string; onError: (error: unknown) => void },
): ReadableStream<Uint8Array> {
  const { locale } = options;
  return streamWorkbook(async (workbook, out) => {
    const ledger = openSheet(workbook, ledgerT(locale, 'ledger.sheet'), LEDGER_COLUMNS, options);
    const withProgress: string[] = [];
    for await (const page of pages) {
      if (out.destroyed) return;
      for (const record of page) {
        ledger.add(record);
        if (record.progress.length > 0) withProgress.push(record.id);
      }
      await ledger.settled(out);
    }
    ledger.commit();

    const progress = openSheet(workbook, ledgerT(locale, 'ledger.progressSheet'), PROGRESS_COLUMNS, options);
    for await (const page of progressPages(withProgress)) {
      if (out.destroyed) return;
      for (const record of page) {
        for (const entry of record.progress) progress.add({ record, entry });
      }
      await progress.settled(out);
    }
    progress.commit();
  }, options.onError);
}
