import { createModel, signal } from '@preact/signals';
import { queryString, type RecordQuery } from '../api/client';

/** The ledger formats the server exports (DOMAIN.md §9). */
export type LedgerFormat = 'xlsx' | 'csv';

/** Where an export stands: idle, receiving (bytes so far), done (file name) or failed. */
export type ExportState =
  | { state: 'idle' }
  | { state: 'receiving'; format: LedgerFormat; bytes: number }
  | { state: 'done'; format: LedgerFormat; bytes: number; fileName: string }
  | { state: 'failed'; format: LedgerFormat };

const FILE_NAME = /filename="([^"]+)"/;

/**
 * Download the ledger of a view: the server streams it, the model counts what arrived (a large
 * export shows progress instead of a frozen page) and hands the finished file to `save`.
 */
export const LedgerExport = createModel((fetcher: typeof fetch, save: (file: Blob, name: string) => void) => {
  const status = signal<ExportState>({ state: 'idle' });

  const run = async (format: LedgerFormat, query: RecordQuery, lang: string) => {
    if (status.peek().state === 'receiving') return;
    status.value = { state: 'receiving', format, bytes: 0 };
    try {
      const qs = queryString({ ...query, lang });
      const res = await fetcher(`/api/v1/exports/ledger.${format}?${qs}`, { credentials: 'same-origin' });
      if (!res.ok || !res.body) throw new Error(String(res.status));
      const reader = res.body.getReader();
      const parts: Uint8Array[] = [];
      let bytes = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parts.push(value);
        bytes += value.byteLength;
        status.value = { state: 'receiving', format, bytes };
      }
      const fileName = FILE_NAME.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `echobox-ledger.${format}`;
      save(new Blob(parts as BlobPart[], { type: res.headers.get('content-type') ?? 'application/octet-stream' }), fileName);
      status.value = { state: 'done', format, bytes, fileName };
    } catch {
      status.value = { state: 'failed', format };
    }
  };

  const reset = () => void (status.value = { state: 'idle' });
  return { status, run, reset };
});

/** An instance of LedgerExport. */
export type LedgerExport = InstanceType<typeof LedgerExport>;
