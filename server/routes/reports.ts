import { Hono, type Context } from 'hono';
import { routePath } from 'hono/route';
import type { AppEnv } from '../context';
import { staffAuth } from '../middleware/staff-auth';
import { requirePermission } from '../middleware/require-permission';
import { validate } from '../middleware/validate';
import { orFail } from '../records/apply';
import { assessmentSheet } from '../reports/assessment-sheet';
import { weeklyProgress } from '../reports/weekly-progress';
import { reportXlsxStream } from '../reports/report-xlsx';
import { ASSESSMENT_COLUMNS, flatten, weeklyColumns } from '../reports/report-columns';
import { XLSX_CONTENT_TYPE } from '../exports/xlsx';
import { attachmentDisposition } from '../exports/content-disposition';
import { compactDay } from '../exports/wall-clock';
import { ledgerT } from '../exports/ledger-labels';
import { isoWeekOf, reportWeek } from '../../shared/domain/report-week';
import { negotiateLocale, parseAcceptLanguage } from '../../shared/i18n/negotiate-locale';
import type { Locale } from '../../shared/i18n/locale';
import { AssessmentSheetQuery } from '../../shared/schemas/report-assessment-sheet';
import { WeeklyProgressQuery } from '../../shared/schemas/report-weekly-progress';

/** The reader's language: `lang` if given, else the browser's. */
const localeOf = (c: Context<AppEnv>, lang: Locale | undefined): Locale => lang ?? negotiateLocale(parseAcceptLanguage(c.req.header('accept-language')));

/** A report's XLSX as a download named with the company's date; never kept by a shared cache. */
function xlsxDownload(c: Context<AppEnv>, body: ReadableStream<Uint8Array>, baseName: string) {
  const { now, config } = c.get('deps');
  return c.body(body, 200, {
    'content-type': XLSX_CONTENT_TYPE,
    'content-disposition': attachmentDisposition(`${baseName}-${compactDay(now(), config.timeZone)}.xlsx`),
    'cache-control': 'no-store',
  });
}

const onError = (c: Context<AppEnv>) => (error: unknown) =>
  c.get('deps').logger.error({ requestId: c.get('requestId'), method: c.req.method, route: routePath(c), err: error }, 'report failed while streaming');

/** The weekly report of the query's week (this week of the company calendar when none is given). */
async function weeklyOf(c: Context<AppEnv>, query: WeeklyProgressQuery) {
  const { db, now, config } = c.get('deps');
  const at = now();
  const week = orFail(reportWeek(query.week ?? orFail(isoWeekOf(at, config.timeZone)), config.timeZone));
  const { calendar } = await c.get('calendars').config();
  return weeklyProgress(db, { week, departments: query.department, now: at, calendar });
}

/**
 * The meeting reports, mounted at /api/v1/reports (`dashboard.read`: reviewers and admins, who run
 * the meetings): the assessment meeting sheet (DOMAIN.md §6) and the weekly progress report (§7),
 * each as JSON and, with the `.xlsx` suffix, as a spreadsheet in the reader's language.
 */
export const reportsRoutes = new Hono<AppEnv>()
  .use('*', staffAuth(), requirePermission('dashboard.read'))
  .get('/assessment-sheet', validate('query', AssessmentSheetQuery), async (c) => {
    const { db, now, config } = c.get('deps');
    return c.json(await assessmentSheet(db, c.req.valid('query'), now(), config.timeZone));
  })
  .get('/assessment-sheet.xlsx', validate('query', AssessmentSheetQuery), async (c) => {
    const { db, now, config } = c.get('deps');
    const query = c.req.valid('query');
    const locale = localeOf(c, query.lang);
    const sheet = await assessmentSheet(db, query, now(), config.timeZone);
    const body = reportXlsxStream(ledgerT(locale, 'report.assessment.sheet'), ASSESSMENT_COLUMNS, flatten(sheet.departments), { locale, timeZone: config.timeZone, onError: onError(c) });
    return xlsxDownload(c, body, 'echobox-assessment-sheet');
  })
  .get('/weekly-progress', validate('query', WeeklyProgressQuery), async (c) => c.json(await weeklyOf(c, c.req.valid('query'))))
  .get('/weekly-progress.xlsx', validate('query', WeeklyProgressQuery), async (c) => {
    const { config } = c.get('deps');
    const query = c.req.valid('query');
    const locale = localeOf(c, query.lang);
    const report = await weeklyOf(c, query);
    const sheetName = ledgerT(locale, 'report.weekly.sheet');
    const body = reportXlsxStream(sheetName, weeklyColumns(config.timeZone), flatten(report.departments), { locale, timeZone: config.timeZone, onError: onError(c) });
    return xlsxDownload(c, body, `echobox-weekly-progress-${report.week}`);
  });
