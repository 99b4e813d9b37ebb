import { Hono, type Context } from 'hono';
import * as z from 'zod/mini';
import type { AppEnv } from '../context';
import { ApiError, fail } from '../errors';
import { staffAuth } from '../middleware/staff-auth';
import { requirePermission } from '../middleware/require-permission';
import { getRecord, updateRecord } from '../store/records';
import { vaultEntry } from '../contacts/vault';
import { orFail } from '../records/apply';
import { revokeStatusLinks, verifyStatusLink } from './links';
import { renderInvalidLink, renderStatusPage, STATUS_CSS } from './render';
import { publicProgress } from '../../shared/domain/public-progress';
import { rateAndReopen } from '../../shared/domain/rating';
import { maskRecord } from '../../shared/domain/record-masking';
import { negotiateLocale, parseAcceptLanguage } from '../../shared/i18n/negotiate-locale';
import { Locale } from '../../shared/schemas/common';
import { StatusPageRating } from '../../shared/schemas/message';
import type { Record as EchoRecord } from '../../shared/schemas/record';

/** No script, no frames, no other origin: the page's own stylesheet and forms posted back to itself. */
const CSP = "default-src 'none'; style-src 'self'; img-src 'none'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

function page(c: Context<AppEnv>, html: string, status: 200 | 400 | 404) {
  c.header('content-security-policy', CSP);
  // The token in the address is the customer's key to the page: keep it out of caches and referrers.
  c.header('cache-control', 'no-store');
  c.header('referrer-policy', 'no-referrer');
  c.header('x-robots-tag', 'noindex');
  return c.html(html, status);
}

/** The page's language: ?lang=, else the customer's (vault, then widget), else the browser's. */
async function pageLocale(c: Context<AppEnv>, doc: EchoRecord): Promise<Locale> {
  const asked = z.safeParse(Locale, c.req.query('lang'));
  if (asked.success) return asked.data;
  const entry = await vaultEntry(c.get('deps').db, doc.id);
  if (entry) return entry.locale;
  if (doc.origin.kind === 'widget') return doc.origin.locale;
  return negotiateLocale(parseAcceptLanguage(c.req.header('accept-language') ?? ''));
}

/** Open the record a token names, or answer the invalid-link page. */
async function open(c: Context<AppEnv>): Promise<EchoRecord | Response> {
  const { db, now } = c.get('deps');
  const verified = await verifyStatusLink(db, c.req.param('token') ?? '', now());
  const stored = verified.ok ? await getRecord(db, verified.recordId) : undefined;
  return stored ? stored.doc : page(c, renderInvalidLink(), 404);
}

/**
 * The customer's status page (DOMAIN.md §13), no sign-in: a signed, expiring, revocable link shows
 * the record's public progress and, when done, asks for satisfaction; the rating feeds the same rule
 * as the widget's (shared/domain/rating), and 不满意 reopens the record for a new handling cycle.
 */
export const statusPageRoutes = new Hono<AppEnv>()
  .get('/status-assets/status.css', (c) => {
    c.header('cache-control', 'public, max-age=3600');
    return c.body(STATUS_CSS, 200, { 'content-type': 'text/css; charset=utf-8' });
  })
  .get('/status/:token', async (c) => {
    const doc = await open(c);
    if (doc instanceof Response) return doc;
    const locale = await pageLocale(c, doc);
    return page(c, renderStatusPage({ progress: publicProgress(doc), locale, token: c.req.param('token'), timeZone: c.get('deps').config.timeZone }), 200);
  })
  .post('/status/:token/rating', async (c) => {
    const doc = await open(c);
    if (doc instanceof Response) return doc;
    const form = await c.req.parseBody();
    const comment = typeof form.comment === 'string' && form.comment.trim() !== '' ? form.comment : undefined;
    const parsed = z.safeParse(StatusPageRating, { rating: form.rating, ...(comment === undefined ? {} : { comment }) });
    const locale = await pageLocale(c, doc);
    const back = `/status/${encodeURIComponent(c.req.param('token'))}?lang=${locale}`;
    if (!parsed.success) return c.redirect(back, 303);
    const { db, now } = c.get('deps');
    const config = await c.get('calendars').config();
    try {
      await updateRecord(
        db,
        doc.id,
        'satisfaction',
        // 不满意 starts the next cycle at once; its follow-up is due 3 working days after the rating (obligations).
        ({ doc: current }) => maskRecord(orFail(rateAndReopen(current, parsed.data, now()))),
        { now: now(), author: { id: null, label: 'customer (status page)' }, calendar: config.calendar },
      );
    } catch (error) {
      // Rated already, or nothing to rate any more: the page shows how things stand.
      if (!(error instanceof ApiError && error.status === 409)) throw error;
    }
    return c.redirect(back, 303);
  });

/** Staff: withdraw every status-page link of a record (a link sent to a wrong address, say). */
export const statusLinksRoutes = new Hono<AppEnv>()
  .use('*', staffAuth())
  .post('/:recordId/revoke', requirePermission('record.transition'), async (c) => {
    const { db, now } = c.get('deps');
    const id = c.req.param('recordId');
    if (!z.safeParse(z.uuid(), id).success || !(await getRecord(db, id.toLowerCase()))) throw fail.notFound('The record');
    return c.json({ revoked: await revokeStatusLinks(db, id.toLowerCase(), now()) });
  });
