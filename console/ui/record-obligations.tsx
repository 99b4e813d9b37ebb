import { Card, TimeLeftText, when, type SectionProps } from './record-parts';
import { textOf } from '../i18n';

/** Every obligation of the record (DOMAIN.md §12): what is due, by when, its state in colour and words, and what met it. */
export function RecordObligations({ model, t, locale, timeZone, now }: SectionProps) {
  const obligations = model.detail.value!.obligations;
  return (
    <Card id="obligations" title={t('console.rec.obligations')}>
      {obligations.length === 0 ? (
        <p class="muted">{t('console.rec.noObligations')}</p>
      ) : (
        <ul class="obligations">
          {obligations.map((o) => (
            <li key={`${o.kind}-${o.startsAt}`} class={`obligation is-${o.state}`}>
              <span class="obligation-head">
                <strong>{textOf(t, `obligation.kind.${o.kind}`)}</strong>
                <span class={`pill pill-obligation-${o.state}`}>{textOf(t, `obligation.state.${o.state}`)}</span>
              </span>
              <span class="muted">{t('console.rec.dueAt', { at: when(o.dueAt, locale, timeZone) })}</span>
              {o.state === 'met' ? (
                <span class="muted">
                  {o.metBy ? textOf(t, `obligation.act.${o.metBy.act}`) : ''} · {when(o.metAt, locale, timeZone)}
                  {o.late ? ` · ${t('obligation.late')}` : ''}
                </span>
              ) : (
                <TimeLeftText t={t} due={o.dueAt} now={now()} />
              )}
              {o.missingCalendarYears?.length ? <span class="hint">{t('obligation.missing_calendar', { years: o.missingCalendarYears.join(', ') })}</span> : null}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
