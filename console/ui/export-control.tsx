import type { T } from '../i18n';
import type { LedgerExport, LedgerFormat } from '../models/ledger-export';

/** Props of ExportControl. */
export interface ExportControlProps {
  t: T;
  exporter: LedgerExport;
  onExport(format: LedgerFormat): void;
}

/** Kilobytes or megabytes, for the bytes an export has received. */
const size = (bytes: number) => (bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

/** The ledger export of the current view (需求台账) as Excel or CSV, with what has arrived so far while it streams. */
export function ExportControl({ t, exporter, onExport }: ExportControlProps) {
  const status = exporter.status.value;
  const receiving = status.state === 'receiving';
  return (
    <div class="export-control" role="group" aria-label={t('console.export.title')}>
      <span class="export-label">{t('console.export.title')}</span>
      <button type="button" class="button button-small" disabled={receiving} onClick={() => onExport('xlsx')}>
        Excel
      </button>
      <button type="button" class="button button-small" disabled={receiving} onClick={() => onExport('csv')}>
        CSV
      </button>
      <span class="export-status" role="status">
        {status.state === 'receiving' && t('console.export.receiving', { size: size(status.bytes) })}
        {status.state === 'done' && t('console.export.done', { size: size(status.bytes) })}
        {status.state === 'failed' && <span class="field-error">{t('console.export.failed')}</span>}
      </span>
    </div>
  );
}
