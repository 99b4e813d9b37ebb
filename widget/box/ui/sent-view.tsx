import type { SentState } from '../box-model';
import type { T } from '../i18n';

/** Props of the after-submit view. */
export interface SentViewProps {
  sent: SentState;
  t: T;
  onAnother(): void;
  onClose(): void;
}

/**
 * What became of the submission, said honestly: received (with its number), saved on this device
 * and to be sent later (with the reason it could not go now), or being sent by another tab.
 */
export function SentView({ sent, t, onAnother, onClose }: SentViewProps) {
  const { state, recordNumber, error } = sent;
  return (
    <div class="sent" role="status">
      <h3 tabIndex={-1} data-focus>
        {state === 'synced' ? t('ui.thanks') : error ? t('ui.saved_offline') : t('ui.sending')}
      </h3>
      <p>
        {state === 'synced'
          ? t('widget.number', { number: recordNumber ?? '' })
          : error
            ? t.error(error.code)
            : t('ui.will_be_sent')}
      </p>
      <div class="ft">
        <button type="button" class="btn" onClick={onAnother}>
          {t('widget.send_another')}
        </button>
        <button type="button" class="btn pri" onClick={onClose}>
          {t('ui.close')}
        </button>
      </div>
    </div>
  );
}
