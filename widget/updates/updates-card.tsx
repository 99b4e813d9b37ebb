import { useState } from 'preact/hooks';
import type { Satisfaction } from '../../shared/schemas/enums';
import type { RecordChange } from '../../shared/schemas/sync';
import type { extend } from '../box/extend';
import type * as satisfaction from '../../shared/i18n/messages/satisfaction';
import type * as enumPublic from '../../shared/i18n/messages/enum-public';
import type * as words from './messages';
import type { Rated } from './updates-model';

/** The card's translator: its own words and the satisfaction area, then the box's. */
export type UpdatesT = ReturnType<typeof extend<typeof satisfaction.en & typeof enumPublic.en & typeof words.en>>;

/**
 * The three answers of DOMAIN.md §8, in order. Kept here rather than imported from shared codes: a
 * module shared with the box would put it in the chunk every first open downloads.
 */
export const SATISFACTIONS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const satisfies readonly Satisfaction[];

/** Props of the updates card. */
export interface UpdatesCardProps {
  items: RecordChange[];
  rated: Rated;
  t: UpdatesT;
  onRate(recordId: string, rating: Satisfaction, comment: string): Promise<void>;
  onDismiss(): void;
}

/** Props of one rating form. */
interface RatingProps {
  change: RecordChange;
  t: UpdatesT;
  onRate: UpdatesCardProps['onRate'];
}

/** 满意 / 基本满意 / 不满意 with an optional comment, for one done record. */
function Rating({ change, t, onRate }: RatingProps) {
  const [rating, setRating] = useState<Satisfaction | undefined>();
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState(false);
  const id = change.recordId;
  const submit = (e: Event) => {
    e.preventDefault();
    if (!rating) return setMissing(true);
    void onRate(id, rating, comment);
  };
  return (
    <form class="f" noValidate onSubmit={submit}>
      <fieldset role="radiogroup" aria-invalid={missing ? 'true' : undefined} aria-describedby={missing ? `m-${id}` : undefined}>
        <legend>{t('satisfaction.prompt')}</legend>
        {SATISFACTIONS.map((s) => (
          <label class="o" key={s}>
            <input type="radio" name={`r-${id}`} value={s} checked={rating === s} onChange={() => (setRating(s), setMissing(false))} />
            {t(`enum.satisfaction.${s}`)}
          </label>
        ))}
      </fieldset>
      {missing && (
        <p id={`m-${id}`} class="err" role="alert">
          {t('widget.rating_required')}
        </p>
      )}
      <label for={`c-${id}`}>{t('satisfaction.comment')}</label>
      <textarea id={`c-${id}`} rows={2} maxLength={10_000} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
      <button type="submit" class="btn pri">
        {t('widget.rate')}
      </button>
    </form>
  );
}

/** News about the reporter's own records, and the satisfaction question for done ones (DOMAIN.md §8). */
export function UpdatesCard({ items, rated, t, onRate, onDismiss }: UpdatesCardProps) {
  return (
    <section class="card" part="card" aria-labelledby="u-title">
      <div class="h">
        <h2 id="u-title">{t('widget.updates')}</h2>
        <button type="button" class="x" aria-label={t('ui.close')} onClick={onDismiss}>
          <span aria-hidden="true">×</span>
        </button>
      </div>
      {items.map((c) => {
        const said = c.lastCommunication;
        const mine = rated[c.recordId];
        return (
          <article key={c.recordId} aria-label={t('widget.update_label', { number: c.recordNumber })}>
            <p>
              <strong>{t('widget.update_label', { number: c.recordNumber })}</strong> · {t(`widget.status.${c.status}`)}
            </p>
            {said && <p>{said.message}</p>}
            {said?.expectedVersion && !said.message.includes(said.expectedVersion) && <p>{t('widget.expected_version', { version: said.expectedVersion })}</p>}
            {c.satisfactionRequested && !mine && <Rating change={c} t={t} onRate={onRate} />}
            {mine && (
              <p role="status">
                {t('satisfaction.thanks')} {mine === 'dissatisfied' ? t('satisfaction.dissatisfied_follow_up') : ''}
              </p>
            )}
          </article>
        );
      })}
    </section>
  );
}
