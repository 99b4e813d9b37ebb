import type { Locale } from '../../../shared/schemas/common';
import { t } from '../../i18n/t';
import type { FailedClip } from '../../records/failed-clip';

/** Props: the failed clips and what the agent can do with each. */
export interface FailedClipsProps {
  locale: Locale;
  items: FailedClip[];
  busy: boolean;
  onRetry: (id: string) => void;
  onDismiss: (id: string) => void;
}

/** Presses that gave no draft: what was pressed on which page, why it failed, retry or dismiss. */
export function FailedClips({ locale, items, busy, onRetry, onDismiss }: FailedClipsProps) {
  if (items.length === 0) return null;
  return (
    <section class="failed-clips" data-testid="failed-clips">
      <h2>{t(locale, 'ext.failed.title')}</h2>
      <ul>
        {items.map((clip) => (
          <li key={clip.id} data-testid="failed-clip" data-failed-id={clip.id} data-reason={clip.reason}>
            <p class="clip-title" dir="auto">
              {clip.title || clip.url || t(locale, 'ext.failed.unknown_page')}
            </p>
            <p class="field-error">{t(locale, 'ext.failed.reason', { trigger: t(locale, `ext.failed.trigger.${clip.trigger}`), reason: clip.detail })}</p>
            <p class="hint">{t(locale, 'ext.failed.what_to_do')}</p>
            <button type="button" disabled={busy} onClick={() => onRetry(clip.id)} data-testid="failed-retry">
              {t(locale, 'ext.failed.retry')}
            </button>{' '}
            <button type="button" class="quiet" onClick={() => onDismiss(clip.id)} data-testid="failed-dismiss">
              {t(locale, 'ext.failed.dismiss')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
