import { describe, expect, it } from 'vitest';
import * as ExcelNamespace from 'exceljs';
import { PassThrough, Readable } from 'node:stream';
import { openSheet, streamWorkbook, xlsxCell } from '../../server/exports/xlsx';
import type { LedgerColumn } from '../../server/exports/ledger-columns';
import { ledgerT } from '../../server/exports/ledger-labels';

// exceljs is CommonJS with ES-style typings: under Node's ESM loader only `default` exists.
const ExcelJS = (ExcelNamespace as unknown as { default?: typeof ExcelNamespace }).default ?? ExcelNamespace;

/*
 * The ledger writes data rows as XML of its own instead of through exceljs' cell objects (a 100k-row
 * export's time and garbage). A reader must see exactly what exceljs' own row writer gives it: the
 * same values, types and number formats, whatever the text holds.
 */

type Row = { text: string | null; count: number | null; share: number | null; at: string | null };
const COLUMNS: readonly LedgerColumn<Row>[] = [
  { key: 'text', label: 'field.problem', kind: 'text', width: 30, value: (r) => r.text },
  { key: 'count', label: 'ledger.progressCount', kind: 'number', width: 10, value: (r) => r.count },
  { key: 'share', label: 'field.reproductionRate', kind: 'percent', width: 10, value: (r) => r.share },
  { key: 'at', label: 'field.recordedAt', kind: 'datetime', width: 17, value: (r) => r.at },
];
const ROWS: Row[] = [
  { text: `<b onclick="x()">Tom & Jerry's</b>`, count: 0, share: 12.5, at: '2025-09-30T10:00:00.000Z' },
  { text: 'a\u0001b\u000bc\td\re\nf\u007fg', count: -3, share: 0, at: '2025-12-31T15:59:59.999Z' },
  { text: '', count: null, share: null, at: null },
  { text: '=HYPERLINK("http://evil.example")', count: 1.5, share: 100, at: '2024-02-29T00:00:00.000Z' },
  { text: null, count: 42, share: 33.3, at: '2025-01-01T00:00:00.000Z' },
  { text: '需求 😀 \u202Eevil', count: 7, share: 0.1, at: '2026-06-30T23:59:00.000Z' },
  { text: 'x'.repeat(40_000), count: null, share: null, at: null },
];
const OPTIONS = { locale: 'en' as const, timeZone: 'Asia/Shanghai' };

async function bytesOf(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  return Buffer.from(await new Response(stream).arrayBuffer());
}

/** The same sheet through exceljs' own rows: a cell object per value, the column's style on each. */
async function referenceBytes(): Promise<Buffer> {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const done = bytesOf(Readable.toWeb(out) as unknown as ReadableStream<Uint8Array>);
  const sheet = workbook.addWorksheet('Sheet');
  const styles = COLUMNS.map((c) => (c.kind === 'datetime' ? { numFmt: 'yyyy-mm-dd hh:mm' } : c.kind === 'percent' ? { numFmt: '0.0%' } : {}));
  sheet.columns = COLUMNS.map((c, i) => ({ key: c.key, width: c.width, style: styles[i] as object }));
  sheet.addRow(COLUMNS.map((c) => c.key)).commit();
  const marker = (count: number) => ledgerT(OPTIONS.locale, 'ledger.truncated', { count });
  for (const row of ROWS) {
    const added = sheet.addRow(COLUMNS.map((c) => xlsxCell(c.kind, c.value(row, OPTIONS.locale), OPTIONS.timeZone, marker)));
    added.eachCell({ includeEmpty: true }, (cell, n) => {
      cell.style = styles[n - 1] as typeof cell.style;
    });
    added.commit();
  }
  sheet.commit();
  await workbook.commit();
  return done;
}

/** Every data cell as a reader sees it: address, type, value and number format. */
async function cells(bytes: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const seen: Array<[string, number, unknown, string | undefined]> = [];
  workbook.worksheets[0]?.eachRow((row, n) => {
    if (n === 1) return;
    row.eachCell({ includeEmpty: true }, (cell) => {
      seen.push([cell.address, cell.type, cell.value instanceof Date ? cell.value.toISOString() : cell.value, cell.numFmt]);
    });
  });
  return seen;
}

describe('XLSX data rows', () => {
  it('read back exactly as exceljs’ own rows: escaped markup, dropped control characters, empty and null cells, numbers, percentages and dates', async () => {
    const ours = await bytesOf(
      streamWorkbook(async (workbook) => {
        const sheet = openSheet(workbook, 'Sheet', COLUMNS, OPTIONS);
        for (const row of ROWS) sheet.add(row);
        sheet.commit();
      }, (error) => {
        throw error;
      }),
    );
    const expected = await cells(await referenceBytes());
    expect(expected.length).toBeGreaterThan(ROWS.length * 2);
    expect(await cells(ours)).toEqual(expected);
  });
});
