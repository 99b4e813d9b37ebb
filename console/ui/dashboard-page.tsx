import type { ComponentChildren } from 'preact';
import type { T } from '../i18n';
import { textOf } from '../i18n';
import type { Dashboard, QueueLink } from '../models/dashboard';
import type { ComplianceCell, DashboardPanelName, DurationStats } from '../../shared/schemas/dashboard';
import { COMPLIANCE_STATES, type ComplianceState } from '../../shared/schemas/compliance-state';
import { enumLabel } from './labels';
import { formatDate } from '../../shared/i18n/format-date';
import type { Locale } from '../../shared/schemas/common';
import { numberText } from './number-text';
import { DashboardChart } from './dashboard-chart';
import { Figure } from './dashboard-figure';
import { SurveysCard, TopicsCard } from './dashboard-panels';

/** Props of DashboardPage. */
export interface DashboardPageProps {
  t: T;
  locale: string;
  /** The company's zone: weeks, months and the survey periods are its days. */
  timeZone: string;
  model: Dashboard;
  /** Open the queue with these filters. */
  onOpenQueue(link: QueueLink): void;
}

const CELL: Record<ComplianceState, keyof ComplianceCell> = { met_in_time: 'metInTime', met_late: 'metLate', breached: 'breached', open: 'open' };
const TONE: Record<ComplianceState, string> = { met_in_time: '--ok', met_late: '--warn', breached: '--danger', open: '--info' };
const HOUR_MS = 3_600_000;

/** Whether any record was rated in a period: the chart shows every month (a gap where none was), the tables these. */
const anyRated = (p: { rated: number }) => p.rated > 0;
/** Whether anything fell due in a period: the chart draws every period (nothing due as zero), the tables list these. */
const anyDue = (c: ComplianceCell) => c.metInTime + c.metLate + c.breached + c.open > 0;
const percent = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 10);

function Card({ id, title, lead, busy, children }: { id: string; title: string; lead?: string; busy?: boolean; children: ComponentChildren }) {
  return (
    <section class="card dash-card" aria-labelledby={id} aria-busy={busy ? 'true' : 'false'}>
      <div class="dash-card-head">
        <h2 id={id}>{title}</h2>
        {lead && <p class="muted">{lead}</p>}
      </div>
      {children}
    </section>
  );
}

/** The dashboard: range and department for every panel, compliance, records, durations, backlog, satisfaction. */
export function DashboardPage({ t, locale, timeZone, model, onOpenQueue }: DashboardPageProps) {
  const { compliance, records, durations, backlog, satisfaction, surveys, topics } = model.panels.value;
  const stateLabel = (s: ComplianceState) => textOf(t, `dashboard.state.${s}`);
  // Periods are the company's days (the server cuts weeks and months in its zone), so they are
  // named in that zone too, whatever the browser's: a Shanghai week starting Monday 00:00 is
  // Sunday evening in Berlin.
  const dayFormat = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone });
  const monthFormat = new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone });
  const dateText = (iso: string, withDay = true) => (withDay ? dayFormat : monthFormat).format(new Date(iso));
  const hours = (ms: number | null) =>
    ms === null ? '–' : ms < 48 * HOUR_MS ? t('dashboard.durations.hours', { n: Math.round((ms / HOUR_MS) * 10) / 10 }) : t('dashboard.durations.days', { n: Math.round((ms / (24 * HOUR_MS)) * 10) / 10 });

  /** A table of compliance cells, each count a link to its records. */
  /** `keyHeader` names what the rows are (week, obligation, owner…). */
  const complianceTable = (caption: string, keyHeader: string, rows: { key: string; label: string; cell: ComplianceCell; link: QueueLink }[]) => (
    <table class="simple-table dash-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{keyHeader}</th>
          {COMPLIANCE_STATES.map((s) => (
            <th scope="col" key={s} class="num">
              {stateLabel(s)}
            </th>
          ))}
          <th scope="col" class="num">
            {t('dashboard.compliance.rate')}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const due = r.cell.metInTime + r.cell.metLate + r.cell.breached;
          const rate = percent(r.cell.metInTime, due);
          return (
            <tr key={r.key}>
              <th scope="row">{r.label}</th>
              {COMPLIANCE_STATES.map((s) => (
                <td key={s} class="num">
                  <Figure value={r.cell[CELL[s]]} link={model.obligationLink(s, r.link)} label={`${r.label}, ${stateLabel(s)}`} onOpen={onOpenQueue} />
                </td>
              ))}
              <td class="num">{rate === null ? '–' : `${rate}%`}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );

  /** `keyHeader` names what the rows are; by default the caption (Status, Source…). */
  const countTable = (caption: string, rows: { key: string; label: string; count: number; link: QueueLink | null }[], keyHeader = caption) => (
    <table class="simple-table dash-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{keyHeader}</th>
          <th scope="col" class="num">
            {t('dashboard.table.count')}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{r.label}</th>
            <td class="num">{r.link ? <Figure value={r.count} link={r.link} label={`${caption}, ${r.label}`} onOpen={onOpenQueue} /> : numberText(r.count)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );

  const pending = model.pending.value;
  /** A panel not answered yet: its card says so (every panel shows as soon as its own answer is in). */
  const waiting = (panel: DashboardPanelName) => (pending.has(panel) ? <p class="muted">{t('dashboard.panelLoading')}</p> : null);
  /** A KPI of a panel: its figure once the panel answered. */
  const kpi = (panel: DashboardPanelName, label: string, value: () => ComponentChildren, tone?: string) => (
    <div class={tone ? `kpi ${tone}` : 'kpi'} aria-busy={pending.has(panel) ? 'true' : 'false'}>
      <span class="kpi-label">{label}</span>
      <span class="kpi-value">{model.panels.value[panel] ? value() : '…'}</span>
    </div>
  );
  const total = compliance?.total;
  const dueTotal = total ? total.metInTime + total.metLate + total.breached : 0;
  const recording = compliance?.byKind.find((k) => k.key === 'recording');
  /** A duration row: its count, median and p90 each open the records measured. */
  const durationRow = (label: string, s: DurationStats, link: QueueLink) => (
    <tr>
      <th scope="row">{label}</th>
      <td class="num">
        <Figure value={s.count} link={link} label={`${label}, ${t('dashboard.durations.count')}`} onOpen={onOpenQueue} />
      </td>
      <td class="num">
        <Figure value={hours(s.medianMs)} link={link} label={`${label}, ${t('dashboard.durations.median')}`} onOpen={onOpenQueue} />
      </td>
      <td class="num">
        <Figure value={hours(s.p90Ms)} link={link} label={`${label}, ${t('dashboard.durations.p90')}`} onOpen={onOpenQueue} />
      </td>
    </tr>
  );
  const firstResponseLink = model.createdLink({ obligationKind: 'response', obligationState: 'met_in_time,met_late' });
  const toDoneLink = model.createdLink({ completed: 'true' });
  type Rated = { rated: number; satisfied: number; basicallySatisfied: number; dissatisfied: number };
  const share = (p: Rated) => percent(p.satisfied + p.basicallySatisfied, p.satisfied + p.basicallySatisfied + p.dissatisfied);
  const ANSWERS = [
    ['satisfied', 'satisfied'],
    ['basically_satisfied', 'basicallySatisfied'],
    ['dissatisfied', 'dissatisfied'],
  ] as const;
  /** Each count opens the records given that answer in the period; the share opens those satisfied or basically satisfied. */
  const satisfactionTable = (caption: string, periods: ({ period: string; start: string; end: string } & Rated)[], totals?: Rated) => {
    const row = (key: string, label: string, p: Rated, period: { start: string; end: string } | undefined, delta: number | null, total = false) => {
      const now = share(p);
      const cell = (value: number | string, ratings: string | undefined, column: string) => (
        <td class="num">
          <Figure value={value} link={model.ratingLink(period, ratings)} label={`${caption}, ${label}, ${column}`} onOpen={onOpenQueue} />
        </td>
      );
      return (
        <tr key={key} class={total ? 'dash-total' : undefined}>
          <th scope="row">{label}</th>
          {cell(p.rated, undefined, t('dashboard.satisfaction.rated'))}
          {ANSWERS.map(([code, field]) => cell(p[field], code, enumLabel(t, 'satisfaction', code)))}
          {now === null ? <td class="num">–</td> : cell(`${now}%`, 'satisfied,basically_satisfied', t('dashboard.satisfaction.share'))}
          <td class="num">{delta === null ? '–' : `${delta > 0 ? '+' : ''}${delta}`}</td>
        </tr>
      );
    };
    return (
      <table class="simple-table dash-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('dashboard.satisfaction.period')}</th>
            <th scope="col" class="num">
              {t('dashboard.satisfaction.rated')}
            </th>
            {ANSWERS.map(([code]) => (
              <th scope="col" class="num" key={code}>
                {enumLabel(t, 'satisfaction', code)}
              </th>
            ))}
            <th scope="col" class="num">
              {t('dashboard.satisfaction.share')}
            </th>
            <th scope="col" class="num">
              {t('dashboard.satisfaction.trend')}
            </th>
          </tr>
        </thead>
        <tbody>
          {periods.map((p, i) => {
            const now = share(p);
            const before = i > 0 ? share(periods[i - 1]!) : null;
            return row(p.start, p.period, p, p, now !== null && before !== null ? Math.round((now - before) * 10) / 10 : null);
          })}
          {totals && row('total', t('dashboard.satisfaction.total'), totals, undefined, null, true)}
        </tbody>
      </table>
    );
  };

  return (
    <main id="main" class="page page-dashboard" aria-labelledby="dashboard-title" aria-busy={model.loading.value ? 'true' : 'false'}>
      <header class="dash-header">
        <div>
          <h1 id="dashboard-title">{t('dashboard.title')}</h1>
          <p class="muted">{t('dashboard.lead')}</p>
        </div>
        <form
          class="dash-filters"
          aria-label={t('dashboard.filter.label')}
          onSubmit={(e) => {
            e.preventDefault();
            const data = new FormData(e.currentTarget);
            model.setFilter({ from: String(data.get('from') ?? ''), to: String(data.get('to') ?? ''), department: String(data.get('department') ?? '') });
          }}
        >
          <label class="field">
            <span>{t('dashboard.filter.from')}</span>
            <input type="date" name="from" value={model.from.value} required onInput={(e) => (model.from.value = e.currentTarget.value)} />
          </label>
          <label class="field">
            <span>{t('dashboard.filter.to')}</span>
            <input type="date" name="to" value={model.to.value} required onInput={(e) => (model.to.value = e.currentTarget.value)} />
          </label>
          <label class="field">
            <span>{t('dashboard.filter.department')}</span>
            <select name="department" value={model.department.value} onChange={(e) => (model.department.value = e.currentTarget.value)}>
              <option value="">{t('dashboard.filter.allDepartments')}</option>
              {[...new Set([...model.departments.value, ...(model.department.value ? [model.department.value] : [])])].map((d) => (
                <option key={d} value={d}>
                  {d}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" class="button button-primary">
            {t('dashboard.filter.apply')}
          </button>
        </form>
      </header>
      {model.error.value && (
        <div class="banner banner-error" role="alert">
          {t('dashboard.failed', { code: model.error.value })}{' '}
          <button type="button" class="button button-small" onClick={() => void model.load()}>
            {t('dashboard.retry')}
          </button>
        </div>
      )}
      {model.loading.value && !model.error.value && <p class="muted" role="status">{t('dashboard.loading')}</p>}
      <section class="kpis" aria-label={t('dashboard.title')}>
        {kpi('records', t('dashboard.records.total'), () => (
          <Figure value={records!.total} link={model.createdLink()} label={t('dashboard.records.total')} onOpen={onOpenQueue} />
        ))}
        {kpi('compliance', t('dashboard.compliance.rate'), () => `${percent(compliance!.total.metInTime, dueTotal) ?? '–'}${dueTotal ? '%' : ''}`)}
        {kpi(
          'compliance',
          stateLabel('breached'),
          () => <Figure value={compliance!.total.breached} link={model.obligationLink('breached')} label={stateLabel('breached')} onOpen={onOpenQueue} />,
          'kpi-danger',
        )}
        {kpi('compliance', stateLabel('met_late'), () => (
          <Figure value={compliance!.total.metLate} link={model.obligationLink('met_late')} label={stateLabel('met_late')} onOpen={onOpenQueue} />
        ))}
        {kpi('durations', `${t('dashboard.durations.firstResponse')} · ${t('dashboard.durations.median')}`, () => (
          <Figure
            value={hours(durations!.firstResponse.medianMs)}
            link={firstResponseLink}
            label={`${t('dashboard.durations.firstResponse')}, ${t('dashboard.durations.median')}`}
            onOpen={onOpenQueue}
          />
        ))}
        {kpi('backlog', t('dashboard.backlog.total'), () => (
          <Figure value={backlog!.total} link={model.createdLink({ status: 'pending_analysis,in_progress' })} label={t('dashboard.backlog.total')} onOpen={onOpenQueue} />
        ))}
      </section>

      <Card id="dash-compliance" title={t('dashboard.compliance.title')} lead={t('dashboard.compliance.lead')} busy={pending.has('compliance')}>
        {waiting('compliance')}
        {compliance && (
          <>
            <DashboardChart
              label={t('dashboard.chart.label', { title: `${t('dashboard.compliance.title')}, ${t('dashboard.compliance.byWeek')}` })}
              kind="lines"
              categories={compliance.byWeek.map((w) => dateText(w.start))}
              series={(['met_in_time', 'met_late', 'breached'] as const).map((s) => ({ label: stateLabel(s), tone: TONE[s], values: compliance.byWeek.map((w) => w[CELL[s]]) }))}
            />
            {complianceTable(
              t('dashboard.compliance.byWeek'),
              t('dashboard.key.week'),
              compliance.byWeek.filter(anyDue).map((w) => ({ key: w.start, label: dateText(w.start), cell: w, link: { obligationDueFrom: w.start, obligationDueTo: w.end } })),
            )}
            <div class="dash-columns dash-columns-wide">
              {complianceTable(
                t('dashboard.compliance.byKind'),
                t('dashboard.key.obligation'),
                compliance.byKind.map((k) => ({ key: k.key, label: textOf(t, `obligation.kind.${k.key}`), cell: k, link: { obligationKind: k.key } })),
              )}
              {complianceTable(
                t('dashboard.compliance.byMonth'),
                t('dashboard.key.month'),
                compliance.byMonth.filter(anyDue).map((m) => ({ key: m.start, label: dateText(m.start, false), cell: m, link: { obligationDueFrom: m.start, obligationDueTo: m.end } })),
              )}
              {complianceTable(
                t('dashboard.compliance.byUrgency'),
                t('dashboard.key.urgency'),
                compliance.byUrgency
                  .filter((u) => u.key !== null)
                  .map((u) => ({ key: String(u.key), label: enumLabel(t, 'urgency', u.key), cell: u, link: { urgency: String(u.key) } })),
              )}
              {complianceTable(
                t('dashboard.compliance.byDepartment'),
                t('dashboard.key.department'),
                compliance.byDepartment.map((d) => ({ key: d.key, label: d.key, cell: d, link: { department: d.key } })),
              )}
              {complianceTable(
                t('dashboard.compliance.byOwner'),
                t('dashboard.key.owner'),
                compliance.byOwner.map((o) => ({ key: o.key ?? 'none', label: o.name ?? t('dashboard.compliance.noOwner'), cell: o, link: { owner: o.key ?? 'none' } })),
              )}
            </div>
            {recording && (
              <p class="muted">
                {t('dashboard.compliance.recording')}: {percent(recording.metInTime, recording.metInTime + recording.metLate + recording.breached) ?? '–'}%
              </p>
            )}
          </>
        )}
      </Card>

      <div class="dash-columns">
        <Card id="dash-durations" title={t('dashboard.durations.title')} lead={t('dashboard.durations.lead')} busy={pending.has('durations')}>
          {waiting('durations')}
          {durations && (
            <table class="simple-table dash-table">
              <caption class="visually-hidden">{t('dashboard.durations.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('dashboard.key.measure')}</th>
                  <th scope="col" class="num">{t('dashboard.durations.count')}</th>
                  <th scope="col" class="num">{t('dashboard.durations.median')}</th>
                  <th scope="col" class="num">{t('dashboard.durations.p90')}</th>
                </tr>
              </thead>
              <tbody>
                {durationRow(t('dashboard.durations.firstResponse'), durations.firstResponse, firstResponseLink)}
                {durationRow(t('dashboard.durations.toDone'), durations.toDone, toDoneLink)}
              </tbody>
            </table>
          )}
        </Card>
        <Card id="dash-backlog" title={t('dashboard.backlog.title')} lead={t('dashboard.backlog.lead')} busy={pending.has('backlog')}>
          {waiting('backlog')}
          {backlog && (
            <>
              <DashboardChart
                label={t('dashboard.chart.label', { title: t('dashboard.backlog.title') })}
                kind="bars"
                categories={backlog.bands.map((b) => (b.maxDays === null ? `${b.minDays}+` : `${b.minDays}–${b.maxDays}`))}
                series={[{ label: t('dashboard.backlog.total'), tone: '--accent', values: backlog.bands.map((b) => b.count) }]}
              />
              {countTable(
                t('dashboard.backlog.title'),
                backlog.bands.map((b) => ({
                  key: String(b.minDays),
                  label: b.maxDays === null ? t('dashboard.backlog.older', { min: b.minDays }) : t('dashboard.backlog.band', { min: b.minDays, max: b.maxDays }),
                  count: b.count,
                  link: { status: 'pending_analysis,in_progress', from: b.createdFrom, to: b.createdTo, ...(model.appliedDepartment() ? { department: model.appliedDepartment() } : {}) },
                })),
                t('dashboard.key.age'),
              )}
            </>
          )}
        </Card>
      </div>

      <Card id="dash-records" title={t('dashboard.records.title')} lead={t('dashboard.records.lead')} busy={pending.has('records')}>
        {waiting('records')}
        {records && (
          <div class="dash-columns dash-columns-5">
            {(
              [
                ['status', 'byStatus', 'dashboard.records.byStatus'],
                ['nature', 'byNature', 'dashboard.records.byNature'],
                ['priority', 'byPriority', 'dashboard.records.byPriority'],
                ['source', 'bySource', 'dashboard.records.bySource'],
                ['department', 'byDepartment', 'dashboard.records.byDepartment'],
              ] as const
            ).map(([field, key, caption]) =>
              countTable(
                t(caption),
                records[key].map((b) => ({
                  key: String(b.key),
                  label: b.key === null ? t('dashboard.records.unset') : field === 'department' || field === 'priority' ? String(b.key) : enumLabel(t, field, b.key),
                  count: b.count,
                  link: b.key === null ? null : model.createdLink({ [field]: String(b.key) }),
                })),
              ),
            )}
          </div>
        )}
      </Card>

      <Card id="dash-satisfaction" title={t('dashboard.satisfaction.title')} lead={t('dashboard.satisfaction.lead')} busy={pending.has('satisfaction')}>
        {waiting('satisfaction')}
        {satisfaction && (
          <>
            <DashboardChart
              label={t('dashboard.chart.label', { title: `${t('dashboard.satisfaction.share')}, ${t('dashboard.satisfaction.byMonth')}` })}
              kind="lines"
              unit="%"
              categories={satisfaction.byMonth.map((m) => m.period)}
              series={[{ label: t('dashboard.satisfaction.share'), tone: '--ok', values: satisfaction.byMonth.map((m) => share(m)) }]}
            />
            <div class="dash-columns">
              {satisfactionTable(t('dashboard.satisfaction.byMonth'), satisfaction.byMonth.filter(anyRated), satisfaction.totals)}
              {satisfactionTable(t('dashboard.satisfaction.byQuarter'), satisfaction.byQuarter.filter(anyRated))}
            </div>
            {complianceTable(t('dashboard.satisfaction.followUps'), t('dashboard.key.obligation'), [
              { key: 'follow', label: textOf(t, 'obligation.kind.dissatisfied_follow_up'), cell: satisfaction.followUps, link: { obligationKind: 'dissatisfied_follow_up' } },
            ])}
          </>
        )}
      </Card>

      <div class="dash-columns">
        {/* The previous period is [previousFrom, from): named by its first and last day, with the year. */}
        <Card
          id="dash-surveys"
          title={t('dashboard.surveys.title')}
          lead={surveys && t('dashboard.surveys.lead', { from: formatDate(surveys.previousFrom, locale as Locale, timeZone), to: formatDate(Date.parse(surveys.from) - 1, locale as Locale, timeZone) })}
          busy={pending.has('surveys')}
        >
          {waiting('surveys')}
          {surveys && <SurveysCard t={t} locale={locale} panel={surveys} />}
        </Card>
        <Card id="dash-topics" title={t('dashboard.topics.title')} lead={t('dashboard.topics.lead')} busy={pending.has('topics')}>
          {waiting('topics')}
          {topics && <TopicsCard t={t} panel={topics} link={(ids) => model.createdLink({ ids: ids.join(',') })} onOpenQueue={onOpenQueue} />}
        </Card>
      </div>
    </main>
  );
}
