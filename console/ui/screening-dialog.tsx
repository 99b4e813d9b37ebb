import { useState } from 'preact/hooks';
import { NATURES, URGENCIES } from '../../shared/schemas/codes';
import type { Nature, Urgency } from '../../shared/schemas/enums';
import type { BulkAction } from '../../shared/schemas/bulk';
import type { T } from '../i18n';
import { enumLabel } from './labels';
import { Modal } from './modal';

/** Props of ScreeningDialog. */
export interface ScreeningDialogProps {
  t: T;
  /** valid (1): nature and urgency; invalid (3): the reason, which DOMAIN.md §5 requires. */
  verdict: 'valid' | 'invalid';
  /** How many records the verdict applies to. */
  count: number;
  /** Nature and urgency of the one record screened, to start from. */
  nature?: Nature | null;
  urgency?: Urgency | null;
  onSubmit(action: BulkAction): void;
  onClose(): void;
}

/** Screening (初步筛选) of the focused or picked records: valid with nature and urgency, or invalid with a reason. */
export function ScreeningDialog({ t, verdict, count, nature, urgency, onSubmit, onClose }: ScreeningDialogProps) {
  const [chosenNature, setNature] = useState<Nature>(nature ?? NATURES[0]);
  const [chosenUrgency, setUrgency] = useState<Urgency>(urgency ?? 'routine');
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const submit = (e: Event) => {
    e.preventDefault();
    if (verdict === 'valid') {
      onSubmit({ type: 'transition', transition: { type: 'mark_valid', nature: chosenNature, urgency: chosenUrgency } });
    } else if (reason.trim()) {
      onSubmit({ type: 'transition', transition: { type: 'mark_invalid', reason: reason.trim() } });
    } else setMissing(true);
  };
  return (
    <Modal labelledBy="screening-title" onClose={onClose}>
      <form class="stack" onSubmit={submit} noValidate>
        <div>
          <h2 id="screening-title">{t(verdict === 'valid' ? 'workflow.action.mark_valid' : 'workflow.action.mark_invalid')}</h2>
          <p class="muted">{t('console.triage.appliesTo', { count })}</p>
        </div>
        {verdict === 'valid' ? (
          <div class="form-row">
            <label class="field grow">
              <span>{t('field.nature')}</span>
              <select value={chosenNature} onChange={(e) => setNature(e.currentTarget.value as Nature)}>
                {NATURES.map((code) => (
                  <option key={code} value={code}>
                    {enumLabel(t, 'nature', code)}
                  </option>
                ))}
              </select>
            </label>
            <label class="field grow">
              <span>{t('field.urgency')}</span>
              <select value={chosenUrgency} onChange={(e) => setUrgency(e.currentTarget.value as Urgency)}>
                {URGENCIES.map((code) => (
                  <option key={code} value={code}>
                    {enumLabel(t, 'urgency', code)}
                  </option>
                ))}
              </select>
            </label>
          </div>
        ) : (
          <label class="field">
            <span>{t('console.triage.reason')}</span>
            <input
              type="text"
              value={reason}
              maxLength={2000}
              autoFocus
              aria-invalid={missing ? 'true' : undefined}
              aria-describedby={missing ? 'reason-error' : 'reason-hint'}
              placeholder={t('console.triage.reasonPlaceholder')}
              onInput={(e) => (setReason(e.currentTarget.value), setMissing(false))}
            />
            {missing ? (
              <span id="reason-error" class="field-error">
                {t('workflow.guard.reason_required')}
              </span>
            ) : (
              <span id="reason-hint" class="hint">
                {t('console.triage.reasonHint')}
              </span>
            )}
          </label>
        )}
        <div class="dialog-actions">
          <button type="button" class="button button-quiet" onClick={onClose}>
            {t('console.triage.cancel')}
          </button>
          <button type="submit" class="button button-primary" autoFocus={verdict === 'valid'}>
            {t(verdict === 'valid' ? 'workflow.action.mark_valid' : 'workflow.action.mark_invalid')}
            <kbd aria-hidden="true">↵</kbd>
          </button>
        </div>
      </form>
    </Modal>
  );
}
