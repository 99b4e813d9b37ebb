import { LEDGER_COLUMNS, columnLabels, type LedgerCellKind, type LedgerCellValue } from './ledger-columns';
import { neutralizeFormula } from './formula-guard';
import { formatWallClock } from './wall-clock';
import type { Locale } from '../../shared/i18n/locale';
import type { Record as EchoRecord } from '../../shared/schemas/record';

/** Media type of the CSV ledger. */
export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';

/** Excel reads a UTF-8 CSV as the local code page (mojibake for Chinese) unless it starts with a BOM. */
const BOM = '\uFEFF';
const NEEDS_QUOTES = /[",\r\n]/;

/** One field quoted per RFC 4180: in double quotes, inner quotes doubled, only when it has to be. */
export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One CRLF-terminated line of fields. */
export function csvLine(fields: readonly string[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

/** A cell as CSV text: instants as `YYYY-MM-DD HH:mm` in the company zone, text made formula-safe. */
export function csvCell(kind: LedgerCellKind, value: LedgerCellValue, timeZone: string): string {
  if (value === null) return '';
  switch (kind) {
    case 'datetime':
      return formatWallClock(String(value), timeZone);
    case 'percent':
      return `${value}%`;
    case 'number':
      return String(value);
    case 'text':
      return neutralizeFormula(String(value));
  }
}

/**
 * The ledger as a CSV byte stream: BOM and header line first, then one line per record as the pages
 * arrive. Pull-based, so a slow client slows the database reads instead of filling memory.
 */
export function ledgerCsvStream(
  pages: AsyncIterable<EchoRecord[]>,
  options: { locale: Locale; timeZone: string; onError: (error: unknown) => void },
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = pages[Symbol.asyncIterator]();
  let started = false;
  let cancelled = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(BOM + csvLine(columnLabels(LEDGER_COLUMNS, options.locale).map(neutralizeFormula))));
        return;
      }
      try {
        const next = await iterator.next();
        // The client went away while the page was read: nothing to send, nothing went wrong.
        if (cancelled) return;
        if (next.done) {
          controller.close();
          return;
        }
        let chunk = '';
        for (const record of next.value) {
          chunk += csvLine(LEDGER_COLUMNS.map((c) => csvCell(c.kind, c.value(record, options.locale), options.timeZone)));
        }
        controller.enqueue(encoder.encode(chunk));
      } catch (error) {
        // Headers are already sent: the client sees a broken download, the server log sees why.
        options.onError(error);
        controller.error(error);
      }
    },
    async cancel() {
      cancelled = true;
      await iterator.return?.();
    },
  });
}
