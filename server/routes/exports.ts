import { Hono, type Context } from 'hono';
import { routePath } from 'hono/route';
import type { AppEnv } from '../context';
import { staffAuth } from '../middleware/staff-auth';
import { requirePermission } from '../middleware/require-permission';
import { validate } from '../middleware/validate';
import { RECORD_STREAM_PAGE, streamRecordPages } from '../store/record-stream';
import { LedgerExportQuery, LedgerSelection } from '../../shared/schemas/record-query';
import { listContext } from '../records/list-context';
import { CSV_CONTENT_TYPE, ledgerCsvStream } from '../exports/csv';
import { XLSX_CONTENT_TYPE, ledgerXlsxStream } from '../exports/xlsx';
import { attachmentDisposition } from '../exports/content-disposition';
import { compactDay } from '../exports/wall-clock';
import { negotiateLocale, parseAcceptLanguage } from '../../shared/i18n/negotiate-locale';
import type { Locale } from '../../shared/i18n/locale';
import type { RecordListQuery } from '../../shared/schemas/record-query';
import type { Record as EchoRecord } from '../../shared/schemas/record';

/** Everything both formats need: language, file name and a way to page through the matching records. */
async function ledgerRequest(c: Context<AppEnv>, query: LedgerExportQuery | LedgerSelection) {
  const { db, now, config, logger } = c.get('deps');
  const { lang, ...rest } = query;
  const locale: Locale = lang ?? negotiateLocale(parseAcceptLanguage(c.req.header('accept-language')));
  const at = now();
  // A ledger reads top to bottom in the order records came in, unless the caller sorts otherwise. A
  // hand-picked selection is exactly its ids, merged ones included: no filter of the queue applies.
  const list: RecordListQuery & { ids?: readonly string[] } =
    'ids' in rest ? { ids: rest.ids, includeMerged: 'true', sort: rest.sort ?? 'created_asc' } : { ...rest, sort: rest.sort ?? 'created_asc' };
  const ctx = await listContext(c, list, at);
  return {
    locale,
    timeZone: config.timeZone,
    baseName: `echobox-ledger-${compactDay(at, config.timeZone)}`,
    pages: () => streamRecordPages(db, list, ctx),
    /**
     * The progress sheet's pass over the records the ledger saw with progress, a page of ids at a
     * time in the ledger's sort, so the pages follow one another in the ledger's order.
     */
    progressPages: async function* (ids: readonly string[]) {
      for (let at = 0; at < ids.length; at += RECORD_STREAM_PAGE) {
        yield* streamRecordPages(db, { ids: ids.slice(at, at + RECORD_STREAM_PAGE), includeMerged: 'true', sort: list.sort }, ctx);
      }
    },
    onError: (error: unknown) =>
      logger.error({ requestId: c.get('requestId'), method: c.req.method, route: routePath(c), err: error }, 'export failed while streaming'),
  };
}

/**
 * Read the first page before answering, so a failing query still becomes a problem+json response;
 * later failures can only cut the download short.
 */
async function primed<T>(source: AsyncGenerator<T, void, undefined>): Promise<AsyncIterable<T>> {
  const first = await source.next();
  return (async function* () {
    if (first.done) return;
    yield first.value;
    yield* source;
  })();
}

function download(c: Context<AppEnv>, body: ReadableStream<Uint8Array>, contentType: string, filename: string) {
  return c.body(body, 200, {
    'content-type': contentType,
    'content-disposition': attachmentDisposition(filename),
    // Personal data, even masked: never kept by a shared cache.
    'cache-control': 'no-store',
  });
}

type LedgerRequest = Awaited<ReturnType<typeof ledgerRequest>>;

async function csvAnswer(c: Context<AppEnv>, req: LedgerRequest) {
  const pages: AsyncIterable<EchoRecord[]> = await primed(req.pages());
  const body = ledgerCsvStream(pages, { locale: req.locale, timeZone: req.timeZone, onError: req.onError });
  return download(c, body, CSV_CONTENT_TYPE, `${req.baseName}.csv`);
}

async function xlsxAnswer(c: Context<AppEnv>, req: LedgerRequest) {
  const pages = await primed(req.pages());
  const body = ledgerXlsxStream(pages, req.progressPages, { locale: req.locale, timeZone: req.timeZone, onError: req.onError });
  return download(c, body, XLSX_CONTENT_TYPE, `${req.baseName}.xlsx`);
}

/**
 * The ledger export (需求台账, DOMAIN.md §9) as CSV and XLSX, streamed page by page; reviewers and
 * admins. GET exports a filtered view; POST a hand-picked selection of up to 1,000 ids.
 */
export const exportsRoutes = new Hono<AppEnv>()
  .use('*', staffAuth())
  .get('/ledger.csv', requirePermission('record.export'), validate('query', LedgerExportQuery), async (c) => csvAnswer(c, await ledgerRequest(c, c.req.valid('query'))))
  .get('/ledger.xlsx', requirePermission('record.export'), validate('query', LedgerExportQuery), async (c) => xlsxAnswer(c, await ledgerRequest(c, c.req.valid('query'))))
  .post('/ledger.csv', requirePermission('record.export'), validate('json', LedgerSelection), async (c) => csvAnswer(c, await ledgerRequest(c, c.req.valid('json'))))
  .post('/ledger.xlsx', requirePermission('record.export'), validate('json', LedgerSelection), async (c) => xlsxAnswer(c, await ledgerRequest(c, c.req.valid('json'))));
