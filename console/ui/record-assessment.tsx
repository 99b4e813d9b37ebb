import { useState } from 'preact/hooks';
import { HANDLINGS, PRIORITIES, type Handling, type Priority } from '../../shared/schemas/enums';
import { ASSESSMENT_DIMENSIONS, suggestPriority, type AssessmentDimension } from '../../shared/domain/priority';
import { ActionFailure, Card, EnumSelect, Labelled, type SectionProps } from './record-parts';
import { Pill } from './labels';
import { textOf } from '../i18n';

const SCALE = [1, 2, 3, 4, 5] as const;

/**
 * The assessment meeting's output (DOMAIN.md §6): the four dimensions rated 1–5, the suggested
 * priority with its reasoning (shared/domain/priority), the final P0–P3 with a reason when it
 * differs, proposed handling (a reason for not now) and the responsible department.
 */
export function RecordAssessment({ model, t }: SectionProps) {
  const r = model.record.value!;
  const a = r.assessment;
  const [ratings, setRatings] = useState<Partial<Record<AssessmentDimension, number>>>(
    a ? { customerValue: a.customerValue, businessValue: a.businessValue, cost: a.cost, risk: a.risk } : {},
  );
  const [priority, setPriority] = useState<string>(a?.priority ?? '');
  const [priorityReason, setPriorityReason] = useState(a?.priorityReason ?? '');
  const [handling, setHandling] = useState<string>(a?.handling ?? '');
  const [notNowReason, setNotNowReason] = useState(a?.notNowReason ?? '');
  const [department, setDepartment] = useState(r.responsibleDepartment ?? '');
  const editable = model.reviews.value && r.validity === 'valid' && r.status !== 'closed';
  const busy = model.busy.value !== null;
  const suggested = suggestPriority(ratings);
  const suggestion = suggested.ok ? suggested.value : null;
  const chosen = (priority || suggestion?.priority || '') as Priority | '';
  const differs = suggestion !== null && chosen !== '' && chosen !== suggestion.priority;
  const departmentValid = /^[A-Z][A-Z0-9]{1,9}$/.test(department);
  const ready =
    suggestion !== null && chosen !== '' && handling !== '' && (!differs || priorityReason.trim() !== '') && (handling !== 'not_now' || notNowReason.trim() !== '') && departmentValid;

  const save = () =>
    model.save('assess', {
      assessment: {
        customerValue: ratings.customerValue!,
        businessValue: ratings.businessValue!,
        cost: ratings.cost!,
        risk: ratings.risk!,
        priority: chosen as Priority,
        ...(differs ? { priorityReason: priorityReason.trim() } : {}),
        handling: handling as Handling,
        ...(handling === 'not_now' ? { notNowReason: notNowReason.trim() } : {}),
      },
      responsibleDepartment: department,
    });

  return (
    <Card id="assessment" title={t('console.rec.assessment')} aside={a ? <Pill kind="priority" code={a.priority} t={t} /> : undefined}>
      {!editable && !a && <p class="muted">{r.validity === 'valid' ? t('console.rec.notAssessed') : t('console.rec.assessAfterScreening')}</p>}
      {(editable || a) && (
        <>
          <div class="dimensions" role="group" aria-label={t('console.rec.dimensions')}>
            {ASSESSMENT_DIMENSIONS.map((dimension) => (
              <fieldset key={dimension} class="dimension" disabled={!editable || busy}>
                <legend>{textOf(t, `field.${dimension}`)}</legend>
                <div class="scale">
                  {SCALE.map((n) => (
                    <label key={n} class={ratings[dimension] === n ? 'is-on' : ''}>
                      <input type="radio" name={`dim-${dimension}`} value={n} checked={ratings[dimension] === n} onChange={() => setRatings({ ...ratings, [dimension]: n })} />
                      <span>{n}</span>
                    </label>
                  ))}
                </div>
              </fieldset>
            ))}
          </div>
          <p class="hint">{t('priority.scale')}</p>
          <div class="suggestion" aria-live="polite">
            {suggestion ? (
              <>
                <div class="suggestion-head">
                  <span class="muted">{t('console.rec.suggested')}</span>
                  <Pill kind="priority" code={suggestion.priority} t={t} />
                  <span class="muted">{t('priority.score', { score: suggestion.score })}</span>
                </div>
                <p>{textOf(t, `priority.${suggestion.priority}`)}</p>
                <p class="hint">{t('priority.formula')}</p>
              </>
            ) : (
              <p class="muted">{t('console.rec.rateAll')}</p>
            )}
          </div>
          {editable && (
            <>
              <div class="form-grid form-grid-3">
                <Labelled id="assess-priority" label={t('console.rec.finalPriority')}>
                  <select id="assess-priority" value={chosen} disabled={busy || !suggestion} onChange={(e) => setPriority((e.target as HTMLSelectElement).value)}>
                    {PRIORITIES.map((p) => (
                      <option key={p} value={p}>
                        {p}
                        {p === suggestion?.priority ? ` · ${t('console.rec.suggested')}` : ''}
                      </option>
                    ))}
                  </select>
                </Labelled>
                <Labelled id="assess-handling" label={t('field.handling')}>
                  <EnumSelect id="assess-handling" t={t} name="handling" codes={HANDLINGS} value={handling} onChange={setHandling} disabled={busy} />
                </Labelled>
                <Labelled id="assess-department" label={t('field.responsibleDepartment')} hint={t('console.rec.departmentHint')}>
                  <input id="assess-department" value={department} maxLength={10} disabled={busy} aria-invalid={department !== '' && !departmentValid} onInput={(e) => setDepartment((e.target as HTMLInputElement).value.toUpperCase())} />
                </Labelled>
              </div>
              {differs && (
                <Labelled id="assess-priority-reason" label={t('console.rec.priorityReason', { suggested: suggestion!.priority })}>
                  <textarea id="assess-priority-reason" rows={2} value={priorityReason} disabled={busy} onInput={(e) => setPriorityReason((e.target as HTMLTextAreaElement).value)} />
                </Labelled>
              )}
              {handling === 'not_now' && (
                <Labelled id="assess-not-now" label={t('console.rec.notNowReason')}>
                  <textarea id="assess-not-now" rows={2} value={notNowReason} disabled={busy} onInput={(e) => setNotNowReason((e.target as HTMLTextAreaElement).value)} />
                </Labelled>
              )}
              <div class="form-actions">
                <button type="button" class="button button-primary" disabled={busy || !ready} onClick={save}>
                  {t('console.rec.saveAssessment')}
                </button>
              </div>
              <ActionFailure t={t} error={model.error.value} action="assess" />
            </>
          )}
          {!editable && a && (
            <p class="muted">
              {textOf(t, `enum.handling.${a.handling}`)} · {r.responsibleDepartment ?? '—'}
              {a.priorityReason ? ` · ${a.priorityReason}` : ''}
              {a.notNowReason ? ` · ${a.notNowReason}` : ''}
            </p>
          )}
        </>
      )}
    </Card>
  );
}
