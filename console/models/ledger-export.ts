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

/** What to export: the records a query matches, or a hand-picked selection of ids (up to 1,000). */
export type LedgerTarget = { query: RecordQuery } | { ids: readonly string[] };

/**
 * Download the ledger of a view or a selection: the server streams it, the model counts what arrived (a large
 * export shows progress instead of a frozen page) and hands the finished file to `save`.
 */
export const LedgerExport = createModel((fetcher: typeof fetch, save: (file: Blob, name: string) => void, unsafeHeaders: () => Record<string, string> = () => ({})) => {
  const status = signal<ExportState>({ state: 'idle' });

  const run = async (format: LedgerFormat, target: LedgerTarget, lang: string) => {
    if (status.peek().state === 'receiving') return;
    status.value = { state: 'receiving', format, bytes: 0 };
    try {
      // A selection goes in a POST body: a thousand ids would overflow a URL.
      const res =
        'ids' in target
          ? await fetcher(`/api/v1/exports/ledger.${format}`, {
              method: 'POST',
              credentials: 'same-origin',
              headers: { 'content-type': 'application/json', ...unsafeHeaders() },
              body: JSON.stringify({ ids: target.ids, lang }),
            })
          : await fetcher(`/api/v1/exports/ledger.${format}?${queryString({ ...target.query, lang })}`, { credentials: 'same-origin' });
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
