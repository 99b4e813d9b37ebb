import type { ComponentChildren } from 'preact';
import { textOf, type T } from '../i18n';
import type { Locale } from '../../shared/i18n/locale';
import { formatDate } from '../../shared/i18n/format-date';
import type { Reports } from '../models/reports';
import type { AssessmentSheetRow } from '../../shared/schemas/report-assessment-sheet';
import type { WeeklyProgressRow } from '../../shared/schemas/report-weekly-progress';
import type { PriorityReason } from '../../shared/schemas/suggested-priority';
import { Pill, enumLabel } from './labels';
import { TimeLeftText, when } from './record-parts';
import { LoadState } from './load-state';
import './report.css';

/** Props of ReportPage. */
export interface ReportPageProps {
  t: T;
  locale: Locale;
  timeZone: string;
  model: Reports;
  /** Open a record's page by its number. */
  onOpenRecord(recordNumber: string): void;
}

// Reason params are the reason's own fields; every code has its 'priority.reason.<code>' text.
const reasonText = (t: T, r: PriorityReason): string => (t as unknown as (k: string, p: object) => string)(`priority.reason.${r.code}`, r);

function RecordLink({ number, onOpen }: { number: string; onOpen(n: string): void }) {
  return (
    <a
      class="record-link"
      href={`/records/${encodeURIComponent(number)}`}
      onClick={(e) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey) return;
        e.preventDefault();
        onOpen(number);
      }}
    >
      {number}
    </a>
  );
}

/** A report's rows in one card per department, each with its count, its rows drawn by `table`. */
function Groups<Row>({ prefix, groups, t, table }: { prefix: string; groups: readonly { department: string; items: readonly Row[] }[]; t: T; table(rows: readonly Row[]): ComponentChildren }) {
  return (
    <>
      {groups.map((g) => (
        <section key={g.department} class="card report-group" aria-labelledby={`${prefix}-${g.department}`}>
          <header class="report-group-head">
            <h2 id={`${prefix}-${g.department}`}>{g.department}</h2>
            <span class="muted">{t('report.count', { count: g.items.length })}</span>
          </header>
          <div class="report-scroll">{table(g.items)}</div>
        </section>
      ))}
    </>
  );
}

/** What both report tables are given besides their rows. */
interface TableProps {
  t: T;
  locale: Locale;
  timeZone: string;
  onOpen(recordNumber: string): void;
}

/** The four ratings as a compact row of figures, each with its dimension's name for screen readers. */
function Ratings({ t, row }: { t: T; row: AssessmentSheetRow }) {
  const r = row.ratings;
  if (r.customerValue === null && r.businessValue === null && r.cost === null && r.risk === null) return <span class="muted">{t('report.notRated')}</span>;
  const dims = [
    ['customerValue', r.customerValue],
    ['businessValue', r.businessValue],
    ['cost', r.cost],
    ['risk', r.risk],
  ] as const;
  return (
    <span class="ratings">
      {dims.map(([key, value]) => (
        <span key={key} class="rating" title={textOf(t, `field.${key}`)}>
          <span class="visually-hidden">{textOf(t, `field.${key}`)} </span>
          {value ?? '–'}
        </span>
      ))}
    </span>
  );
}

function Suggested({ t, row }: { t: T; row: AssessmentSheetRow }) {
  const s = row.suggestedPriority;
  if (!s) return <span class="muted">—</span>;
  return (
    <details class="reasoning">
      <summary>
        <Pill kind="priority" code={s.level} t={t} /> <span class="score">{s.score}</span>
        <span class="visually-hidden"> {t('report.showReasoning', { level: s.level })}</span>
      </summary>
      <ul>
        {s.rationale.map((r, i) => (
          <li key={i}>{reasonText(t, r)}</li>
        ))}
      </ul>
    </details>
  );
}

function AssessmentTable({ t, rows, onOpen, locale, timeZone }: TableProps & { rows: readonly AssessmentSheetRow[] }) {
  return (
    <table class="simple-table report-table report-table-assessment">
      <thead>
        <tr>
          <th scope="col">{t('field.recordNumber')}</th>
          <th scope="col">{t('report.col.customer')}</th>
          <th scope="col">{t('field.problem')}</th>
          <th scope="col">{t('field.nature')}</th>
          <th scope="col">{t('field.urgency')}</th>
          <th scope="col">{t('report.col.ratings')}</th>
          <th scope="col">{t('report.col.suggested')}</th>
          <th scope="col">{t('report.col.decided')}</th>
          <th scope="col">{t('field.responsibleDepartment')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id}>
            <th scope="row">
              <RecordLink number={row.recordNumber} onOpen={onOpen} />
              <div class="muted small">{formatDate(row.recordedAt, locale, timeZone)}</div>
            </th>
            <td>
              {row.customerName ?? '—'}
              {row.customerType && <div class="muted small">{enumLabel(t, 'customerType', row.customerType)}</div>}
            </td>
            <td>
              <div class="clamp" title={row.problem}>
                {row.problem}
              </div>
              {row.expectedSolution && (
                <div class="muted small clamp" title={row.expectedSolution}>
                  {t('field.expectedSolution')}: {row.expectedSolution}
                </div>
              )}
            </td>
            <td>{enumLabel(t, 'nature', row.nature)}</td>
            <td>
              <Pill kind="urgency" code={row.urgency} t={t} />
            </td>
            <td>
              <Ratings t={t} row={row} />
            </td>
            <td>
              <Suggested t={t} row={row} />
            </td>
            <td>
              <Pill kind="priority" code={row.priority} t={t} />
              {row.handling && <div class="muted small">{enumLabel(t, 'handling', row.handling)}</div>}
            </td>
            <td>{row.responsibleDepartment ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function WeeklyTable({ t, rows, onOpen, locale, timeZone }: TableProps & { rows: readonly WeeklyProgressRow[] }) {
  return (
    <table class="simple-table report-table report-table-weekly">
      <thead>
        <tr>
          <th scope="col">{t('field.recordNumber')}</th>
          <th scope="col">{t('field.problem')}</th>
          <th scope="col">{t('field.owner')}</th>
          <th scope="col">{t('report.col.milestone')}</th>
          <th scope="col">{t('report.col.progress')}</th>
          <th scope="col">{t('report.col.deadline')}</th>
          <th scope="col">{t('report.col.obligations')}</th>
          <th scope="col">{t('report.col.changeRequests')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id}>
            <th scope="row">
              <RecordLink number={row.recordNumber} onOpen={onOpen} />
              <div>
                <Pill kind="status" code={row.status} t={t} /> {row.priority && <Pill kind="priority" code={row.priority} t={t} />}
              </div>
            </th>
            <td>
              <div class="clamp" title={row.problem}>
                {row.problem}
              </div>
              {row.goal && (
                <div class="muted small">
                  {t('report.col.goal')}: {row.goal}
                </div>
              )}
            </td>
            <td>{row.owner?.name ?? '—'}</td>
            <td>{enumLabel(t, 'milestone', row.milestone)}</td>
            <td>
              {row.progress.length ? (
                <ul class="plain-list">
                  {row.progress.map((p, i) => (
                    <li key={i}>
                      <span class="muted small">
                        {when(p.at, locale, timeZone)} · {enumLabel(t, 'milestone', p.milestone)}
                      </span>
                      <div>{p.note}</div>
                    </li>
                  ))}
                </ul>
              ) : (
                <span class="pill pill-late">{t('report.noProgress')}</span>
              )}
            </td>
            <td>
              {row.deadline ?? '—'}
              {row.doneAt ? (
                <div class="muted small">
                  {t('report.col.doneAt')}: {when(row.doneAt, locale, timeZone)}
                </div>
              ) : (
                <div>
                  <TimeLeftText t={t} left={row.deadlineLeft ?? undefined} />
                </div>
              )}
            </td>
            <td>
              {row.obligations.length ? (
                <ul class="plain-list">
                  {row.obligations.map((o, i) => (
                    <li key={i}>
                      <span class={`pill pill-obligation-${o.state}`}>{textOf(t, `obligation.kind.${o.kind}`)}</span>{' '}
                      <TimeLeftText t={t} left={o.timeLeft} />
                    </li>
                  ))}
                </ul>
              ) : (
                <span class="muted">{t('report.none')}</span>
              )}
            </td>
            <td>
              {row.changeRequests.length ? (
                <ul class="plain-list">
                  {row.changeRequests.map((c) => (
                    <li key={c.id}>
                      <span class={`pill pill-cr-${c.state}`}>{enumLabel(t, 'changeRequestState', c.state)}</span>
                      <div class="small">{c.reason}</div>
                      {c.adjustedDeadline && <div class="muted small">{t('report.changeRequest.deadline', { date: c.adjustedDeadline })}</div>}
                    </li>
                  ))}
                </ul>
              ) : (
                <span class="muted">{t('report.none')}</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The meeting reports: the assessment sheet and the weekly progress report, by department, with their XLSX. */
export function ReportPage({ t, locale, timeZone, model, onOpenRecord }: ReportPageProps) {
  const kind = model.kind.value;
  const sheet = model.sheet.value;
  const weekly = model.weekly.value;
  const shown = kind === 'assessment' ? sheet : weekly;
  const tableProps: TableProps = { t, locale, timeZone, onOpen: onOpenRecord };
  const departmentOptions = [...new Set([...model.departments.value, ...(model.department.value ? [model.department.value] : [])])];
  return (
    <main id="main" class="page page-reports" aria-labelledby="reports-title" aria-busy={model.loading.value ? 'true' : 'false'}>
      <header class="report-header">
        <div>
          <h1 id="reports-title">{t('report.title')}</h1>
          <p class="muted">{t('report.lead')}</p>
        </div>
        <div class="segmented report-tabs" role="group" aria-label={t('report.tab.label')}>
          {(['assessment', 'weekly'] as const).map((k) => (
            <button key={k} type="button" aria-pressed={kind === k ? 'true' : 'false'} onClick={() => model.show(k)}>
              {t(k === 'assessment' ? 'report.tab.assessment' : 'report.tab.weekly')}
            </button>
          ))}
        </div>
      </header>
      <form
        class="dash-filters report-filters"
        aria-label={t('report.filter.label')}
        onSubmit={(e) => {
          e.preventDefault();
          void model.load();
        }}
      >
        {kind === 'assessment' ? (
          <>
            <label class="field">
              <span>{t('report.filter.from')}</span>
              <input type="date" name="from" value={model.from.value} onInput={(e) => (model.from.value = e.currentTarget.value)} />
            </label>
            <label class="field">
              <span>{t('report.filter.to')}</span>
              <input type="date" name="to" value={model.to.value} onInput={(e) => (model.to.value = e.currentTarget.value)} />
            </label>
          </>
        ) : (
          <label class="field">
            <span>{t('report.filter.week')}</span>
            <input type="week" name="week" required pattern="\d{4}-W\d{2}" placeholder="2026-W10" value={model.week.value} onInput={(e) => (model.week.value = e.currentTarget.value)} />
          </label>
        )}
        <label class="field">
          <span>{t('report.filter.department')}</span>
          <select name="department" value={model.department.value} onChange={(e) => (model.department.value = e.currentTarget.value)}>
            <option value="">{t('report.filter.allDepartments')}</option>
            {departmentOptions.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" class="button button-primary">
          {t('report.filter.apply')}
        </button>
        <a class="button report-download" href={model.xlsxHref(locale)} download>
          {t('report.download')}
        </a>
      </form>
      <LoadState
        error={model.error.value}
        loaded={shown !== null}
        failed={(code) => t('report.failed', { code })}
        retry={t('report.retry')}
        loading={t('report.loading')}
        onRetry={() => void model.load()}
      />
      {shown && (
        <section class="report-body" aria-labelledby="report-title">
          <div class="report-body-head">
            <h2 id="report-title">{kind === 'assessment' ? t('report.assessment.title') : t('report.weekly.title')}</h2>
            <p class="muted">
              {kind === 'assessment' ? t('report.assessment.lead') : weekly && t('report.weekly.range', { week: weekly.week, from: weekly.firstDay, to: weekly.lastDay })}
            </p>
            {kind === 'weekly' && <p class="muted">{t('report.weekly.lead')}</p>}
          </div>
          {shown.truncated && (
            <p class="banner banner-warn" role="note">
              {t('report.truncated', { count: shown.departments.reduce((n, g) => n + g.items.length, 0) })}
            </p>
          )}
          {shown.departments.length === 0 && <p class="report-empty muted">{kind === 'assessment' ? t('report.assessment.empty') : t('report.weekly.empty')}</p>}
          {kind === 'assessment'
            ? sheet && <Groups prefix="report-a" groups={sheet.departments} t={t} table={(rows) => <AssessmentTable rows={rows} {...tableProps} />} />
            : weekly && <Groups prefix="report-w" groups={weekly.departments} t={t} table={(rows) => <WeeklyTable rows={rows} {...tableProps} />} />}
        </section>
      )}
    </main>
  );
}
