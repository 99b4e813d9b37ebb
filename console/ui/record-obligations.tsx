import type { Obligation } from '../../shared/schemas/obligation';
import type { Locale } from '../../shared/i18n/locale';
import { Card, TimeLeftText, ZoneNote, when, type SectionProps } from './record-parts';
import { textOf, type T } from '../i18n';

/** One obligation: kind and state, due instant, and what met it or the time left. */
function ObligationItem({ o, t, locale, timeZone }: { o: Obligation; t: T; locale: Locale; timeZone: string }) {
  return (
    <li class={`obligation is-${o.state}`}>
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
        <TimeLeftText t={t} left={o.timeLeft} />
      )}
      {o.missingCalendarYears?.length ? <span class="hint">{t('obligation.missing_calendar', { years: o.missingCalendarYears.join(', ') })}</span> : null}
    </li>
  );
}

/** Every obligation of the record (DOMAIN.md §12): what is due, by when, its state in colour and words, and what met it. */
export function RecordObligations({ model, t, locale, timeZone }: SectionProps) {
  const obligations = model.detail.value!.obligations;
  // What is still owed comes first; what was met folds away (the history keeps every act).
  const pending = obligations.filter((o) => o.state !== 'met');
  const met = obligations.filter((o) => o.state === 'met');
  return (
    <Card id="obligations" title={t('console.rec.obligations')} aside={<ZoneNote t={t} locale={locale} timeZone={timeZone} />}>
      {obligations.length === 0 && <p class="muted">{t('console.rec.noObligations')}</p>}
      {pending.length > 0 && (
        <ul class="obligations">
          {pending.map((o) => (
            <ObligationItem key={`${o.kind}-${o.startsAt}`} o={o} t={t} locale={locale} timeZone={timeZone} />
          ))}
        </ul>
      )}
      {met.length > 0 && (
        <details class="met-obligations" open={pending.length === 0 && met.length <= 3}>
          <summary>{t('console.rec.metCount', { count: met.length })}</summary>
          <ul class="obligations">
            {met.map((o) => (
              <ObligationItem key={`${o.kind}-${o.startsAt}`} o={o} t={t} locale={locale} timeZone={timeZone} />
            ))}
          </ul>
        </details>
      )}
    </Card>
  );
}
