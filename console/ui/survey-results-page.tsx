import { useEffect } from 'preact/hooks';
import type { Locale } from '../../shared/i18n/locale';
import { localize, type Survey } from '../../shared/schemas/survey';
import type { QuestionResult } from '../../shared/schemas/survey-results';
import type { SurveyResultsModel } from '../models/survey-results';
import { errorText, type T } from '../i18n';
import { ConsoleLink } from './campaign-parts';
import { SurveyChart } from './survey-chart';
import './campaign.css';

/** Props of SurveyResultsPage. */
export interface SurveyResultsPageProps {
  t: T;
  locale: Locale;
  model: SurveyResultsModel;
  onNavigate(path: string): void;
}

const fmt = (locale: Locale, n: number, digits = 1) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(n);
const signed = (locale: Locale, n: number) => `${n > 0 ? '+' : ''}${fmt(locale, n)}`;

/** A headline figure with its change against the previous period, when there is one. */
function Stat({ label, value, sub, change }: { label: string; value: string; sub?: string; change?: { text: string; up: boolean | null } | undefined }) {
  return (
    <div class="stat">
      <span class="stat-label">{label}</span>
      <span class="stat-value">{value}</span>
      {sub && <span class="stat-sub">{sub}</span>}
      {change && <span class={`stat-sub${change.up === null ? '' : change.up ? ' change-up' : ' change-down'}`}>{change.text}</span>}
    </div>
  );
}

/** A survey's results: responses, CSAT and NPS with period over period, each question charted with its table, and the annual trend. */
export function SurveyResultsPage({ t, locale, model, onNavigate }: SurveyResultsPageProps) {
  useEffect(() => void model.load(), [model]);
  const survey = model.survey.value;
  const results = model.results.value;
  if (model.error.value) {
    return (
      <main id="main" class="page page-wide">
        <p class="banner banner-error" role="alert">
          {errorText(t, model.error.value)}
        </p>
      </main>
    );
  }
  if (!survey || !results) return <main id="main" class="page page-wide" aria-busy="true" />;
  const title = localize(survey.title, locale);
  const comparison = results.comparison;
  const change = (key: 'responseCount' | 'csatAverage' | 'npsScore') => {
    if (!comparison) return undefined;
    if (!comparison.previous) return { text: t('campaign.results.noPrevious', { period: comparison.previousPeriod }), up: null };
    const d = comparison.change?.[key];
    return d === null || d === undefined ? undefined : { text: t('campaign.results.change', { value: signed(locale, d), period: comparison.previousPeriod }), up: d === 0 ? null : d > 0 };
  };
  const trend = model.trend.value;
  return (
    <main id="main" class="page page-wide" aria-labelledby="results-title">
      <ConsoleLink href={`/campaigns/${survey.campaignId}`} onNavigate={onNavigate} class="back-link">
        ← {t('campaign.results.back')}
      </ConsoleLink>
      <div class="page-head">
        <div>
          <h1 id="results-title">
            {t('campaign.results.title')} · {title}
          </h1>
          {survey.purpose === 'annual_satisfaction' && (
            <p class="muted">
              {t('campaign.survey.annual')} · {survey.period}
            </p>
          )}
        </div>
        <ConsoleLink href={`/surveys/${survey.id}`} onNavigate={onNavigate} class="button">
          {t('campaign.edit')}
        </ConsoleLink>
      </div>
      <div class="stat-grid">
        <Stat label={t('campaign.results.responses')} value={fmt(locale, results.responseCount, 0)} change={change('responseCount')} />
        <Stat
          label={t('campaign.results.csat')}
          value={results.csat.average === null ? '—' : fmt(locale, results.csat.average, 2)}
          sub={results.csat.average === null ? t('campaign.results.none') : `${t('campaign.results.csatAverage', { value: fmt(locale, results.csat.average, 2) })} · ${t('campaign.results.csatSatisfied', { value: fmt(locale, results.csat.satisfiedPercent ?? 0) })}`}
          change={change('csatAverage')}
        />
        <Stat
          label={t('campaign.results.nps')}
          value={results.nps.score === null ? '—' : signed(locale, results.nps.score)}
          sub={results.nps.score === null ? t('campaign.results.none') : t('campaign.results.npsSplit', { promoters: results.nps.promoters, passives: results.nps.passives, detractors: results.nps.detractors })}
          change={change('npsScore')}
        />
      </div>
      {survey.purpose === 'annual_satisfaction' && trend.length > 0 && (
        <section class="card" aria-labelledby="trend-title">
          <h2 id="trend-title">{t('campaign.results.trend')}</h2>
          <p class="hint">{t('campaign.results.trendLead')}</p>
          <SurveyChart
            kind="line"
            label={t('campaign.results.trendChart')}
            caption={t('campaign.results.trendTable')}
            labelHeader={t('campaign.results.period')}
            labels={trend.map((p) => p.period)}
            series={[
              { name: t('campaign.results.csat'), values: trend.map((p) => (p.csatAverage === null ? null : Math.round(p.csatAverage * 100) / 100)) },
              { name: t('campaign.results.nps'), values: trend.map((p) => p.npsScore) },
              { name: t('campaign.results.responses'), values: trend.map((p) => p.responseCount) },
            ]}
          />
        </section>
      )}
      {results.questions.map((q, i) => (
        <QuestionCard key={q.id} t={t} locale={locale} survey={survey} result={q} index={i} />
      ))}
    </main>
  );
}

/** One question's answers: a bar chart over every possible answer with its table, or the latest texts. */
function QuestionCard({ t, locale, survey, result, index }: { t: T; locale: Locale; survey: Survey; result: QuestionResult; index: number }) {
  const question = survey.questions.find((q) => q.id === result.id);
  const prompt = question ? localize(question.prompt, locale) : result.id;
  const id = `q-result-${index}`;
  return (
    <section class="card" aria-labelledby={id}>
      <div class="card-head">
        <h2 id={id}>{prompt}</h2>
        <span class="muted">{t('campaign.results.answered', { count: result.answered })}</span>
      </div>
      {result.kind === 'open_text' ? (
        result.latest.length === 0 ? (
          <p class="muted">{t('campaign.results.noText')}</p>
        ) : (
          <>
            <h3>{t('campaign.results.latest')}</h3>
            <ul class="latest-list">
              {result.latest.map((text, k) => (
                <li key={k}>{text}</li>
              ))}
            </ul>
          </>
        )
      ) : (
        <SurveyChart
          kind="bars"
          label={t('campaign.results.chart', { question: prompt })}
          caption={t('campaign.results.table', { question: prompt })}
          labelHeader={t('campaign.results.answer')}
          labels={Object.keys(result.counts).map((key) => {
            if (question?.kind !== 'single_choice') return key;
            const option = question.options.find((o) => o.id === key);
            return option ? localize(option.label, locale) : key;
          })}
          series={[{ name: t('campaign.results.count'), values: Object.values(result.counts) }]}
        />
      )}
    </section>
  );
}
