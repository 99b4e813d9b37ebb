import type { T } from '../i18n';
import type { Triage } from '../models/triage';

/** The dialogs the bar (and the keys 1, 2, 3, a) open. */
export type TriageDialogKind = 'valid' | 'invalid' | 'duplicate' | 'assign';

/** Props of BulkBar. */
export interface BulkBarProps {
  t: T;
  triage: Triage;
  onDialog(kind: TriageDialogKind): void;
  onStart(): void;
  onClose(): void;
  onExport(): void;
}

/**
 * The selection bar: how many records are picked (or that every matching one is), and the actions
 * on them: screen, duplicate of, assign, start, close, export. It replaces the keyboard hint while
 * something is picked, like Linear's.
 */
export function BulkBar({ t, triage, onDialog, onStart, onClose, onExport }: BulkBarProps) {
  const all = triage.allMatching.value;
  const count = triage.count.value;
  const busy = triage.run.value !== null && !triage.run.value.finished;
  return (
    <div class="bulk-bar" role="toolbar" aria-label={t('console.triage.toolbar')}>
      <span class="bulk-count" aria-live="polite">
        {all
          ? count === null
            ? t('console.triage.countingAll')
            : t('console.triage.pickedAll', { count })
          : t('console.triage.picked', { count: count ?? 0 })}
      </span>
      {!all && (
        <button type="button" class="button button-quiet button-small" onClick={() => void triage.pickAllMatching()}>
          {t('console.triage.pickAll')}
          <kbd aria-hidden="true">*</kbd>
        </button>
      )}
      <span class="bulk-sep" aria-hidden="true" />
      <button type="button" class="button button-small" disabled={busy} onClick={() => onDialog('valid')}>
        {t('workflow.action.mark_valid')} <kbd aria-hidden="true">1</kbd>
      </button>
      <button type="button" class="button button-small" disabled={busy || all} onClick={() => onDialog('duplicate')}>
        {t('console.triage.duplicate')} <kbd aria-hidden="true">2</kbd>
      </button>
      <button type="button" class="button button-small" disabled={busy} onClick={() => onDialog('invalid')}>
        {t('workflow.action.mark_invalid')} <kbd aria-hidden="true">3</kbd>
      </button>
      <button type="button" class="button button-small" disabled={busy} onClick={() => onDialog('assign')}>
        {t('console.triage.assign')} <kbd aria-hidden="true">a</kbd>
      </button>
      <button type="button" class="button button-small" disabled={busy} onClick={onStart}>
        {t('workflow.action.start')}
      </button>
      <button type="button" class="button button-small" disabled={busy} onClick={onClose}>
        {t('workflow.action.close')}
      </button>
      {all && (
        <button type="button" class="button button-small" onClick={onExport}>
          {t(all ? 'console.export.button' : 'console.export.selection')}
        </button>
      )}
      <button type="button" class="button button-quiet button-small bulk-clear" onClick={triage.clear}>
        {t('console.triage.clear')} <kbd aria-hidden="true">Esc</kbd>
      </button>
    </div>
  );
}
