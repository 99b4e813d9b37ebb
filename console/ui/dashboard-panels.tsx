import type { T } from '../i18n';
import type { QueueLink } from '../models/dashboard';
import type { SurveysPanel } from '../../shared/schemas/dashboard-surveys';
import type { TopicsPanel } from '../../shared/schemas/dashboard-topics';
import { localize } from '../../shared/schemas/survey';
import type { Locale } from '../../shared/schemas/common';
import { Figure } from './dashboard-figure';
import { numberText } from './number-text';

const signed = (x: number | null) => (x === null ? '–' : `${x > 0 ? '+' : ''}${x}`);
const value = (x: number | null, unit = '') => (x === null ? '–' : `${x}${unit}`);

/** Props of SurveysCard. */
export interface SurveysCardProps {
  t: T;
  locale: string;
  panel: SurveysPanel;
}

/** CSAT and NPS per survey, this period against the previous one; each survey opens its results page. */
export function SurveysCard({ t, locale, panel }: SurveysCardProps) {
  if (panel.surveys.length === 0) return <p class="muted">{t('dashboard.surveys.none')}</p>;
  const prev = t('dashboard.surveys.previous');
  const change = t('dashboard.surveys.change');
  return (
    <>
      <p class="muted">{t('dashboard.surveys.help')}</p>
      {/* Nine columns do not fit half a page: the table scrolls sideways on its own (focusable, so keys scroll it too). */}
      <div class="dash-table-scroll" tabIndex={0} role="region" aria-label={t('dashboard.surveys.title')}>
        <table class="simple-table dash-table">
          <caption class="visually-hidden">{t('dashboard.surveys.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dashboard.surveys.survey')}</th>
              <th scope="col" class="num">{t('dashboard.surveys.responses')}</th>
              <th scope="col" class="num">{`${t('dashboard.surveys.responses')} (${prev})`}</th>
              <th scope="col" class="num">{t('dashboard.surveys.csat')}</th>
              <th scope="col" class="num">{`${t('dashboard.surveys.csat')} (${prev})`}</th>
              <th scope="col" class="num">{`${t('dashboard.surveys.csat')} ${change}`}</th>
              <th scope="col" class="num">{t('dashboard.surveys.nps')}</th>
              <th scope="col" class="num">{`${t('dashboard.surveys.nps')} (${prev})`}</th>
              <th scope="col" class="num">{`${t('dashboard.surveys.nps')} ${change}`}</th>
            </tr>
          </thead>
          <tbody>
            {panel.surveys.map((s) => (
              <tr key={s.surveyId} data-survey-id={s.surveyId}>
                <th scope="row">
                  <a href={`/surveys/${s.surveyId}/results`}>{localize(s.title, locale as Locale)}</a>
                </th>
                <td class="num">{numberText(s.current.responses, locale)}</td>
                <td class="num">{numberText(s.previous.responses, locale)}</td>
                <td class="num">{value(s.current.csat.satisfiedPercent, '%')}</td>
                <td class="num">{value(s.previous.csat.satisfiedPercent, '%')}</td>
                <td class="num">{signed(s.change.csatPercent)}</td>
                <td class="num">{value(s.current.nps.score)}</td>
                <td class="num">{value(s.previous.nps.score)}</td>
                <td class="num">{signed(s.change.npsScore)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** Props of TopicsCard. */
export interface TopicsCardProps {
  t: T;
  panel: TopicsPanel;
  /** The queue filters showing exactly these records. */
  link(ids: readonly string[]): QueueLink;
  onOpenQueue(link: QueueLink): void;
}

/** Most-asked topics, biggest first: each count opens the queue with the topic's records. */
export function TopicsCard({ t, panel, link, onOpenQueue }: TopicsCardProps) {
  if (panel.topics.length === 0) return <p class="muted">{t('dashboard.topics.none')}</p>;
  return (
    <>
      {panel.truncated && <p class="muted">{t('dashboard.topics.truncated', { n: panel.grouped })}</p>}
      <table class="simple-table dash-table">
        <caption class="visually-hidden">{t('dashboard.topics.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('dashboard.topics.topic')}</th>
            <th scope="col" class="num">{t('dashboard.topics.records')}</th>
            <th scope="col" class="num">{t('dashboard.topics.askedBy')}</th>
          </tr>
        </thead>
        <tbody>
          {panel.topics.map((x) => (
            <tr key={x.leader.id} data-topic={x.leader.recordNumber}>
              <th scope="row" class="dash-topic">
                <span class="mono">{x.leader.recordNumber}</span> {x.leader.problem}
              </th>
              <td class="num">
                <Figure value={x.records} link={link(x.ids)} label={`${x.leader.recordNumber}, ${t('dashboard.topics.records')}`} onOpen={onOpenQueue} />
              </td>
              <td class="num">
                <Figure value={x.askedBy} link={link(x.ids)} label={`${x.leader.recordNumber}, ${t('dashboard.topics.askedBy')}`} onOpen={onOpenQueue} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
