import type { RecordSummary } from '../../shared/schemas/record';
import { Card, ActionFailure, type SectionProps } from './record-parts';
import { Pill } from './labels';
import { askedBy } from '../../shared/domain/asked-by';

/** A record's number as a link to its page. */
function RecordLink({ r, onOpen }: { r: RecordSummary; onOpen(number: string): void }) {
  return (
    <a href={`/records/${encodeURIComponent(r.recordNumber)}`} class="mono" onClick={(e) => (e.preventDefault(), onOpen(r.recordNumber))}>
      {r.recordNumber}
    </a>
  );
}

/**
 * Duplicates: who else asked ("asked by N customers": merged records and linked requesters), each merged record with an undo, and similar
 * records (shared similarity) to merge here, or to make the survivor this record is merged into.
 */
export function RecordDuplicates({ model, t, onOpen }: SectionProps & { onOpen(number: string): void }) {
  const detail = model.detail.value!;
  const r = detail.record;
  const canMerge = model.allowed('record.merge');
  const busy = model.busy.value !== null;
  const asked = askedBy(r, detail.duplicates.length);
  return (
    <Card id="duplicates" title={t('console.rec.duplicates')} aside={<span class="pill pill-asked" data-testid="asked-by">{asked === 1 ? t('console.rec.askedByOne') : t('console.rec.askedBy', { count: asked })}</span>}>
      {r.mergedInto && (
        <div class="banner banner-info">
          {t('console.rec.mergedInto')}{' '}
          {canMerge && (
            <button type="button" class="button button-small" disabled={busy} onClick={() => model.run('unmerge', () => model.api.unmerge(r.id))}>
              {t('console.rec.undoMerge')}
            </button>
          )}
        </div>
      )}
      {detail.duplicates.length > 0 && (
        <ul class="dup-list" aria-label={t('console.rec.merged')}>
          {detail.duplicates.map((d) => (
            <li key={d.id}>
              <RecordLink r={d} onOpen={onOpen} />
              <span class="dup-text">{d.problem}</span>
              {canMerge && (
                <button type="button" class="button button-small" disabled={busy} onClick={() => model.run('unmerge', () => model.api.unmerge(d.id))} aria-label={t('console.rec.undoMergeOf', { number: d.recordNumber })}>
                  {t('console.rec.undoMerge')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <h3>{t('console.rec.similar')}</h3>
      {model.similar.value.length === 0 ? (
        <p class="muted">{t('console.rec.noSimilar')}</p>
      ) : (
        <ul class="dup-list">
          {model.similar.value.map(({ record: s, score }) => (
            <li key={s.id}>
              <span class="dup-head">
                <RecordLink r={s} onOpen={onOpen} />
                <Pill kind="status" code={s.status} t={t} />
                <span class="muted">{t('console.rec.similarity', { percent: Math.round(score * 100) })}</span>
              </span>
              <span class="dup-text">{s.problem}</span>
              {canMerge && !r.mergedInto && (
                <span class="form-actions">
                  <button type="button" class="button button-small" disabled={busy} onClick={() => model.run('merge', () => model.api.merge(s.id, r.id))} aria-label={t('console.rec.mergeHereOf', { number: s.recordNumber })}>
                    {t('console.rec.mergeHere')}
                  </button>
                  <button type="button" class="button button-small button-quiet" disabled={busy} onClick={() => model.run('merge', () => model.api.merge(r.id, s.id))} aria-label={t('console.rec.mergeIntoOf', { number: s.recordNumber })}>
                    {t('console.rec.mergeInto')}
                  </button>
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      <ActionFailure t={t} error={model.error.value} action="merge" />
      <ActionFailure t={t} error={model.error.value} action="unmerge" />
    </Card>
  );
}
