import type { T } from '../i18n';
import { errorText, textOf } from '../i18n';
import type { BulkRun } from '../models/triage';
import type { BulkItemResult } from '../../shared/schemas/bulk';

/** Props of BulkProgress. */
export interface BulkProgressProps {
  t: T;
  run: BulkRun;
  onDismiss(): void;
}

/** Why one record was refused, in the reader's language: the workflow guard when there is one, else the error code. */
const refusal = (t: T, r: BulkItemResult): string => {
  if (r.guard) {
    const text = textOf(t, `workflow.guard.${r.guard}`);
    if (text !== `workflow.guard.${r.guard}`) return text;
  }
  return errorText(t, r.code ?? 'internal');
};

/** The label of what a run did. */
const kindLabel = (t: T, kind: string): string =>
  kind === 'assign' ? t('console.triage.assign') : kind === 'merge' ? t('console.triage.duplicate') : textOf(t, `workflow.action.${kind}`);

/** Progress of a bulk run (a bar and "120 of 250"), then its outcome with every refused record and why. */
export function BulkProgress({ t, run, onDismiss }: BulkProgressProps) {
  const done = run.results.length;
  const ok = run.results.filter((r) => r.status === 'ok').length;
  const refused = run.results.filter((r) => r.status === 'refused');
  return (
    <section class={`bulk-progress${run.finished ? ' is-finished' : ''}`} aria-labelledby="bulk-progress-title" data-testid="bulk-progress">
      <div class="bulk-progress-head">
        <h2 id="bulk-progress-title">{kindLabel(t, run.kind)}</h2>
        <p role="status" class="bulk-progress-text">
          {run.finished
            ? t('console.triage.finished', { ok, refused: refused.length })
            : run.total === null
              ? t('console.triage.working', { done })
              : t('console.triage.progress', { done, total: run.total })}
        </p>
        {run.finished && (
          <button type="button" class="button button-quiet button-small" onClick={onDismiss}>
            {t('console.triage.dismiss')}
          </button>
        )}
      </div>
      <progress max={run.total ?? undefined} value={run.total === null && !run.finished ? undefined : run.finished ? (run.total ?? done) : done} aria-labelledby="bulk-progress-title" />
      {run.error && (
        <p class="banner banner-error" role="alert">
          {errorText(t, run.error)}
        </p>
      )}
      {refused.length > 0 && (
        <ul class="bulk-refused" aria-label={t('console.triage.refusedList')}>
          {refused.map((r) => (
            <li key={r.id}>
              <span class="bulk-refused-number">{r.recordNumber ?? r.id}</span>
              <span>{refusal(t, r)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
