import { useState } from 'preact/hooks';
import { COMMUNICATION_KINDS, SATISFACTIONS, type CommunicationKind, type Satisfaction } from '../../shared/schemas/enums';
import type { ObligationKind } from '../../shared/schemas/obligation';
import type { Record as EchoRecord } from '../../shared/schemas/record';
import { DEFAULT_LOCALE, type Locale } from '../../shared/i18n/locale';
import * as communication from '../../shared/i18n/messages/communication';
import { createTranslator } from '../../shared/i18n/translator';
import { formatDate } from '../../shared/i18n/format-date';
import { ActionFailure, Card, EnumSelect, Labelled, TimeLeftText, when, type SectionProps } from './record-parts';
import { textOf } from '../i18n';

/** Templates in the customer's language, whichever language the console shows: both languages of this one area. */
const translate = createTranslator(communication);

const value = (e: Event) => (e.target as HTMLInputElement | HTMLTextAreaElement).value;

/** The message an obligation asks for (DOMAIN.md §12); the response is met by any message. */
const KIND_FOR: Partial<Record<ObligationKind, CommunicationKind>> = {
  response: 'adopted',
  adoption_notice: 'adopted',
  not_adopted_notice: 'not_adopted',
  dissatisfied_follow_up: 'second_contact',
  post_release_follow_up: 'release_follow_up',
};

/** Why a suggestion is not adopted: the two the templates name, or the person's own words. */
const REASONS = ['technical_limits', 'outside_positioning'] as const;

/** The language the customer spoke: the widget's, else the company's default. */
const customerLocale = (r: EchoRecord): Locale => (r.origin.kind === 'widget' ? r.origin.locale : DEFAULT_LOCALE);

/** Parameters of a kind's template as the form collects them. */
interface Params {
  version: string;
  reason: string;
  progress: string;
  releaseAt: string;
  result: string;
}

/** The template of `kind` in the customer's language, with what the person filled in so far. */
function template(kind: CommunicationKind, p: Params, lang: Locale): string {
  const reason = (REASONS as readonly string[]).includes(p.reason) ? translate(lang, `communication.reason.${p.reason as (typeof REASONS)[number]}`) : p.reason;
  // A picked date is a calendar day, the same in every zone: shown as that day, never shifted.
  const releaseAt = p.releaseAt ? formatDate(`${p.releaseAt}T12:00:00Z`, lang, 'UTC') : '…';
  switch (kind) {
    case 'adopted':
      return translate(lang, 'communication.adopted', { version: p.version || '…' });
    case 'not_adopted':
      return translate(lang, 'communication.not_adopted', { reason: reason || '…' });
    case 'defect_progress':
      return translate(lang, 'communication.defect_progress', { progress: p.progress || '…', releaseAt });
    case 'done':
      return translate(lang, 'communication.done', { result: p.result || '…' });
    case 'second_contact':
      return translate(lang, 'communication.second_contact');
    case 'release_follow_up':
      return translate(lang, 'communication.release_follow_up', { version: p.version || '…' });
  }
}

/**
 * Reporting back (DOMAIN.md §8): each open message obligation with a button that starts its template
 * in the customer's language, the composer, the messages sent (each next to the obligation it met),
 * and the customer's satisfaction across handling cycles.
 */
export function RecordCommunications({ model, t, locale, timeZone }: SectionProps) {
  const r = model.record.value!;
  const obligations = model.detail.value!.obligations;
  const busy = model.busy.value !== null;
  const api = model.api;
  const lang = customerLocale(r);
  const [kind, setKind] = useState<string>('');
  const [params, setParams] = useState<Params>({ version: '', reason: 'technical_limits', progress: '', releaseAt: '', result: r.result ?? '' });
  const [message, setMessage] = useState('');
  const [edited, setEdited] = useState(false);
  const [rating, setRating] = useState('');
  const [comment, setComment] = useState('');
  const canSend = model.allowed('record.transition') && r.validity !== 'unscreened';
  const due = obligations.filter((o) => o.state !== 'met' && KIND_FOR[o.kind]);

  const choose = (next: string, p: Params = params) => {
    setKind(next);
    setEdited(false);
    setMessage(next ? template(next as CommunicationKind, p, lang) : '');
  };
  const setParam = (key: keyof Params, v: string) => {
    const p = { ...params, [key]: v };
    setParams(p);
    if (!edited && kind) setMessage(template(kind as CommunicationKind, p, lang));
  };
  const send = () =>
    void model
      .run('communicate', () =>
        api.communicate(r.id, { kind: kind as CommunicationKind, message: message.trim(), ...(kind === 'adopted' || kind === 'release_follow_up' ? { expectedVersion: params.version.trim() } : {}) }),
      )
      .then((ok) => ok && choose(''));
  const needsVersion = kind === 'adopted' || kind === 'release_follow_up';

  return (
    <Card id="communications" title={t('console.rec.communications')} aside={<span class="muted">{t('console.rec.customerLanguage', { language: lang === 'en' ? 'English' : '中文' })}</span>}>
      {due.length > 0 && (
        <ul class="due-list">
          {due.map((o) => (
            <li key={`${o.kind}-${o.startsAt}`} class={`due-item is-${o.state}`}>
              <span class="due-what">
                <strong>{textOf(t, `obligation.kind.${o.kind}`)}</strong>
                <span class="muted">{when(o.dueAt, locale, timeZone)}</span>
                <TimeLeftText t={t} left={o.timeLeft} />
              </span>
              {canSend && (
                <button type="button" class="button button-small" disabled={busy} onClick={() => choose(KIND_FOR[o.kind]!)}>
                  {t('console.rec.writeKind', { kind: textOf(t, `enum.communicationKind.${KIND_FOR[o.kind]}`) })}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canSend && (
        <div class="composer">
          <div class="form-row">
            <Labelled id="comm-kind" label={t('console.rec.messageKind')}>
              <EnumSelect id="comm-kind" t={t} name="communicationKind" codes={COMMUNICATION_KINDS} value={kind} onChange={(k) => choose(k)} disabled={busy} />
            </Labelled>
            {needsVersion && (
              <Labelled id="comm-version" label={t('console.rec.version')}>
                <input id="comm-version" value={params.version} maxLength={50} disabled={busy} onInput={(e) => setParam('version', value(e))} />
              </Labelled>
            )}
            {kind === 'not_adopted' && (
              <Labelled id="comm-reason" label={t('console.rec.notAdoptedReason')}>
                <select id="comm-reason" value={params.reason} disabled={busy} onChange={(e) => setParam('reason', value(e))}>
                  {REASONS.map((code) => (
                    <option key={code} value={code}>
                      {translate(locale, `communication.reason.${code}`)}
                    </option>
                  ))}
                </select>
              </Labelled>
            )}
            {kind === 'defect_progress' && (
              <>
                <Labelled id="comm-progress" label={t('console.rec.fixProgress')}>
                  <input id="comm-progress" value={params.progress} disabled={busy} onInput={(e) => setParam('progress', value(e))} />
                </Labelled>
                <Labelled id="comm-release" label={t('console.rec.releaseAt')}>
                  <input id="comm-release" type="date" value={params.releaseAt} disabled={busy} onInput={(e) => setParam('releaseAt', value(e))} />
                </Labelled>
              </>
            )}
            {kind === 'done' && (
              <Labelled id="comm-result" label={t('field.result')}>
                <input id="comm-result" value={params.result} disabled={busy} onInput={(e) => setParam('result', value(e))} />
              </Labelled>
            )}
          </div>
          {kind && (
            <>
              <Labelled id="comm-message" label={t('console.rec.message')} hint={t('console.rec.templateHint')}>
                <textarea id="comm-message" rows={3} lang={lang} value={message} disabled={busy} onInput={(e) => (setMessage(value(e)), setEdited(true))} />
              </Labelled>
              <div class="form-actions">
                <button type="button" class="button button-primary" disabled={busy || !message.trim() || (needsVersion && !params.version.trim())} onClick={send}>
                  {t('console.rec.send')}
                </button>
              </div>
            </>
          )}
          <ActionFailure t={t} error={model.error.value} action="communicate" />
        </div>
      )}
      {r.communications.length === 0 ? (
        <p class="muted">{t('console.rec.noMessages')}</p>
      ) : (
        <ol class="log">
          {[...r.communications].reverse().map((c) => {
            const met = obligations.filter((o) => o.metBy?.ref === c.id || (o.metBy?.act === 'communication' && o.metAt === c.at));
            return (
              <li key={c.id}>
                <span class="log-head">
                  <strong>{textOf(t, `enum.communicationKind.${c.kind}`)}</strong>
                  {c.expectedVersion && <span class="pill">{c.expectedVersion}</span>}
                  <span class="muted">{c.by.name} · {when(c.at, locale, timeZone)}</span>
                </span>
                <span class="prose" lang={lang}>{c.message}</span>
                {met.length > 0 && (
                  <span class="meets">
                    {met.map((o) => (
                      <span key={o.kind} class={`pill ${o.late ? 'pill-late' : 'pill-ok'}`}>
                        {t('console.rec.meets', { obligation: textOf(t, `obligation.kind.${o.kind}`) })}
                        {o.late ? ` · ${t('obligation.late')}` : ''}
                      </span>
                    ))}
                  </span>
                )}
              </li>
            );
          })}
        </ol>
      )}

      <h3>{t('console.rec.satisfaction')}</h3>
      {r.satisfaction.length === 0 ? (
        <p class="muted">{r.validity === 'invalid' ? t('console.rec.noRatingInvalid') : t('console.rec.noRating')}</p>
      ) : (
        <ol class="log">
          {r.satisfaction.map((s) => (
            <li key={s.at}>
              <span class="log-head">
                <strong>{t('console.rec.cycle', { cycle: s.cycle })}</strong>
                <span class={`pill pill-rating-${s.rating}`}>{textOf(t, `enum.satisfaction.${s.rating}`)}</span>
                <span class="muted">{when(s.at, locale, timeZone)}</span>
              </span>
              {s.comment && <span class="prose">{s.comment}</span>}
            </li>
          ))}
        </ol>
      )}
      {r.status === 'done' && model.allowed('record.transition') && !r.satisfaction.some((s) => s.cycle === r.cycle) && (
        <div class="form-row">
          <Labelled id="rate-value" label={t('console.rec.rateForCustomer')}>
            <EnumSelect id="rate-value" t={t} name="satisfaction" codes={SATISFACTIONS} value={rating} onChange={setRating} disabled={busy} />
          </Labelled>
          <Labelled id="rate-comment" label={t('console.rec.comment')}>
            <input id="rate-comment" value={comment} disabled={busy} onInput={(e) => setComment(value(e))} />
          </Labelled>
          <button type="button" class="button" disabled={busy || !rating} onClick={() => model.run('rate', () => api.rate(r.id, { rating: rating as Satisfaction, ...(comment.trim() ? { comment: comment.trim() } : {}) }))}>
            {t('console.rec.saveRating')}
          </button>
        </div>
      )}
      <ActionFailure t={t} error={model.error.value} action="rate" />
    </Card>
  );
}
