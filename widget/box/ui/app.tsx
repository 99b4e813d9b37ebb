import type { ComponentChild } from 'preact';
import type { Signal } from '../../signals';
import type { BoxModel } from '../box-model';
import type { T } from '../i18n';
import { FeedbackForm } from './feedback-form';
import { SentView } from './sent-view';

/** Props of the box's root view. */
export interface AppProps {
  model: BoxModel;
  t: T;
  /** Non-modal cards (updates, surveys) that lazily loaded parts put up. */
  cards: Signal<Record<string, ComponentChild>>;
}

/**
 * The suggestion box dialog and the cards beside the launcher. The <dialog> is opened with
 * showModal() by the box (top layer: above any host z-index or host modal; the page goes inert,
 * which is the focus trap); Esc fires `cancel`, which closes it through the model, and closing a
 * modal dialog gives focus back to what had it before (the launcher, or the host's own button).
 */
export function App({ model, t, cards }: AppProps) {
  const view = model.view.value;
  const sent = model.sent.value;
  const redact = model.redact.value;
  const close = () => model.close();
  return (
    <>
      <dialog
        class="d"
        part="dialog"
        aria-labelledby="title"
        onCancel={(e) => {
          e.preventDefault();
          close();
        }}
        onClose={close}
      >
        {model.isOpen.value && (
          <>
            <div class="h">
              <h2 id="title">{t('ui.feedback')}</h2>
              <button type="button" class="x" aria-label={t('ui.close')} onClick={close}>
                ×
              </button>
            </div>
            {view === 'redact' && redact ? (
              <redact.Redactor image={redact.image} t={t} locale={model.locale} onAttach={(shot) => model.attachScreenshot(shot)} onCancel={() => model.cancelScreenshot()} />
            ) : view === 'sent' && sent ? (
              <SentView sent={sent} t={t} onAnother={() => model.another()} onClose={close} />
            ) : (
              <FeedbackForm
                form={model.form}
                t={t}
                busy={model.busy.value}
                pending={model.pending.value}
                rejected={model.rejected.value}
                shot={model.shot.value}
                onSubmit={() => model.submit()}
                onScreenshot={() => void model.takeScreenshot()}
              />
            )}
          </>
        )}
      </dialog>
      <div class="cards">{Object.values(cards.value)}</div>
    </>
  );
}
