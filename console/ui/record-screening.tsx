import { useState } from 'preact/hooks';
import { NATURES, URGENCIES, type Nature, type Urgency } from '../../shared/schemas/enums';
import { ActionFailure, Card, EnumSelect, Item, Labelled, TimeLeftText, ZoneNote, when, type SectionProps } from './record-parts';
import { Pill, enumLabel } from './labels';
import { textOf } from '../i18n';

/** Screening (valid / invalid with reason), nature and urgency, and the response due as a date and time left. */
export function RecordScreening({ model, t, locale, timeZone }: SectionProps) {
  const r = model.record.value!;
  const actions = model.detail.value!.actions;
  const [nature, setNature] = useState<string>(r.nature ?? '');
  const [urgency, setUrgency] = useState<string>(r.urgency ?? '');
  const [reason, setReason] = useState('');
  const busy = model.busy.value !== null;
  const canValid = actions.includes('mark_valid');
  const canInvalid = actions.includes('mark_invalid');
  const editable = model.reviews.value && r.validity === 'valid' && r.status !== 'closed';
  const response = model.detail.value!.obligations.find((o) => o.kind === 'response');
  const changed = nature !== (r.nature ?? '') || urgency !== (r.urgency ?? '');
  const markValid = () =>
    model.run('screen', () => model.api.transition(r.id, { type: 'mark_valid', nature: nature as Nature, urgency: urgency as Urgency }));
  const save = () => model.save('classify', { nature: (nature || null) as Nature | null, urgency: (urgency || null) as Urgency | null });
  return (
    <Card id="screening" title={t('console.rec.screening')} aside={<Pill kind="validity" code={r.validity} t={t} />}>
      <dl class="facts">
        {r.validity === 'invalid' && <Item label={t('field.invalidReason')}>{r.invalidReason}</Item>}
        <Item label={t('field.nature')}>{enumLabel(t, 'nature', r.nature)}</Item>
        <Item label={t('field.urgency')}>{enumLabel(t, 'urgency', r.urgency)}</Item>
        <Item label={t('console.rec.responseDue')}>
          {r.dueAt ? (
            <>
              <span class="due">
                <span>{when(r.dueAt, locale, timeZone)}</span>
                {response?.state === 'met' ? <span class="time-left is-met">{t('obligation.state.met')}</span> : <TimeLeftText t={t} left={response?.timeLeft} />}
              </span>
              <ZoneNote t={t} locale={locale} timeZone={timeZone} />
            </>
          ) : null}
        </Item>
      </dl>
      {(canValid || editable) && (
        <div class="form-grid form-grid-2">
          <Labelled id="screen-nature" label={t('field.nature')}>
            <EnumSelect id="screen-nature" t={t} name="nature" codes={NATURES} value={nature} onChange={setNature} disabled={busy} />
          </Labelled>
          <Labelled id="screen-urgency" label={t('field.urgency')} hint={urgency ? textOf(t, `deadline.${urgency}`) : t('deadline.working_days')}>
            <EnumSelect id="screen-urgency" t={t} name="urgency" codes={URGENCIES} value={urgency} onChange={setUrgency} disabled={busy} />
          </Labelled>
        </div>
      )}
      <div class="form-actions">
        {canValid && (
          <button type="button" class="button button-primary" disabled={busy} onClick={markValid}>
            {t('workflow.action.mark_valid')}
          </button>
        )}
        {editable && (
          <button type="button" class="button" disabled={busy || !changed} onClick={save}>
            {t('console.rec.saveClassification')}
          </button>
        )}
      </div>
      <ActionFailure t={t} error={model.error.value} action="screen" />
      <ActionFailure t={t} error={model.error.value} action="classify" />
      {canInvalid && (
        <details class="invalid-box">
          <summary>{t('console.rec.markInvalidOpen')}</summary>
          <Labelled id="screen-reason" label={t('field.invalidReason')} hint={t('console.rec.invalidHint')}>
            <textarea id="screen-reason" rows={2} value={reason} onInput={(e) => setReason((e.target as HTMLTextAreaElement).value)} />
          </Labelled>
          <button
            type="button"
            class="button button-danger"
            disabled={busy || reason.trim() === ''}
            onClick={() => model.run('invalid', () => model.api.transition(r.id, { type: 'mark_invalid', reason }))}
          >
            {t('workflow.action.mark_invalid')}
          </button>
          <ActionFailure t={t} error={model.error.value} action="invalid" />
        </details>
      )}
    </Card>
  );
}
