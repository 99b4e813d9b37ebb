import { Hono, type Context } from 'hono';
import * as z from 'zod/mini';
import type { AppEnv, Site } from '../context';
import { problem, ApiError, fail } from '../errors';
import { siteKey } from '../middleware/site-key';
import { clientAddress, siteRateLimit } from '../middleware/rate-limit';
import { addressNetwork } from '../middleware/address-network';
import { honeypot, honeypotTripped } from '../middleware/honeypot';
import { REPORTER_HEADER } from '../middleware/cors-for-site';
import { validate } from '../middleware/validate';
import { verifyIdentity } from '../auth/identity-token';
import { anonymousReporterKey, identifiedReporterKey, reporterKeySecret } from '../auth/reporter-key';
import { verifyReporter } from '../auth/reporter';
import { sha256Hex } from '../auth/secrets';
import { canonicalHash } from '../store/canonical-hash';
import { sealConsented } from '../contacts/consented';
import { maskRecord } from '../../shared/domain/record-masking';
import { changesSince, getRecord, isFeedCursor, mergedRequests, updateRecord } from '../store/records';
import { createRecords, type CreateItem } from '../store/create-records';
import { orFail } from '../records/apply';
import { isRepeatedRating, rateAndReopen } from '../../shared/domain/rating';
import { toRecordChange } from '../records/change-view';
import { SubmissionInput } from '../../shared/schemas/submission';
import { SatisfactionBody } from '../../shared/schemas/record-commands';
import { answerBatch, type Prepared } from '../records/batch';
import { BatchEnvelope, type ItemResult } from '../../shared/schemas/sync';
import { checkSubmittedAt } from '../../shared/domain/submission-window';
import { decoyRecordNumbers } from '../store/decoy-numbers';
import { fieldIssues } from '../../shared/schemas/problem';
import type { RecordInput } from '../../shared/schemas/record';
import { privatePage } from '../../shared/domain/page-privacy';
import { campaignOfSubmission } from '../../shared/domain/campaign-attribution';
import { activeSurveys } from '../store/surveys';
import type { Survey } from '../../shared/schemas/survey';
import type { UserTraits } from '../../shared/schemas/reporter';

const widgetAuthor = (site: Site) => ({ id: null, label: `widget (${site.key.slice(0, 12)}…)` });

/** Refuse a submittedAt outside the window (400 with a field error on submittedAt); it dates and numbers the record. */
function assertSubmittedInWindow(c: Context<AppEnv>, value: string): void {
  const { now, config } = c.get('deps');
  const checked = checkSubmittedAt(value, now(), config.submissionWindowDays);
  if (checked.ok) return;
  const { message, path = [], details } = checked.error;
  const limit = typeof details?.limit === 'number' ? { limit: details.limit } : {};
  throw problem('validation_failed', { detail: message, errors: [{ path: [...path], code: String(details?.issue), message, ...limit }] });
}

/**
 * Numbers for `count` honeypot items, shaped like real ones: the site's department and the day a
 * real acceptance would carry (the claimed submit time when a real one would be accepted, else today).
 */
async function decoys(c: Context<AppEnv>, claimed: unknown, count: number): Promise<string[]> {
  const { db, now, config } = c.get('deps');
  const checked = typeof claimed === 'string' ? checkSubmittedAt(claimed, now(), config.submissionWindowDays) : undefined;
  return decoyRecordNumbers(db, c.get('site').department, checked?.ok ? checked.value : now(), config.timeZone, count);
}

/** What a bot that filled the honeypot is told: an acceptance like any other, version 1, nothing stored. */
const decoyAnswer = (id: unknown, recordNumber: string) => ({
  id: typeof id === 'string' ? id.toLowerCase() : id,
  status: 'accepted' as const,
  recordNumber,
  version: 1,
});

/** The campaign field of a submission's record: named by the widget, or the campaign surveying that page when it was sent. */
function campaignOf(submission: SubmissionInput, surveys: readonly Survey[], traits: UserTraits | undefined) {
  const campaignId = campaignOfSubmission(submission.campaignId, surveys, { url: submission.page.url, traits, now: Date.parse(submission.submittedAt) });
  return campaignId ? { campaignId } : {};
}

/**
 * A suggestion-box submission as the record the product team handles. The page is stored stripped
 * and masked whatever the widget sent (only the site's allowed query keys, no fragment, masked
 * title); the idempotency hash stays over the body as sent, so a retry still matches. A consented
 * contact is sealed here for the vault and stored with the record, never in its document.
 */
function toCreateItem(c: Context<AppEnv>, submission: SubmissionInput, secret: string, surveys: readonly Survey[]): CreateItem {
  const site = c.get('site');
  assertSubmittedInWindow(c, submission.submittedAt);
  const { reporter, key } = verifyReporter(c, submission.reporter, secret);
  const page = privatePage(submission.page, site.allowedQueryKeys);
  if (!page.ok) throw fail.validation([{ path: ['page', 'url'], code: page.error.code, message: page.error.message }]);
  const traits = reporter.traits;
  const input: RecordInput = {
    id: submission.id,
    department: site.department,
    source: 'customer_self',
    channel: 'suggestion_box',
    channelMode: 'passive',
    ...(traits?.customerType ? { customerType: traits.customerType } : {}),
    ...(traits?.customerKind ? { customerKind: traits.customerKind } : {}),
    ...(traits?.industry ? { industry: traits.industry } : {}),
    ...(submission.contact ? { contact: submission.contact } : {}),
    contactConsent: submission.contactConsent,
    category: submission.category,
    ...(submission.scenario ? { scenario: submission.scenario } : {}),
    problem: submission.problem,
    ...(submission.expectedSolution ? { expectedSolution: submission.expectedSolution } : {}),
    attachments: submission.screenshot ? [submission.screenshot] : [],
    initiator: { name: reporter.userId ? `user ${reporter.userId}`.slice(0, 200) : 'anonymous visitor' },
    recordedAt: submission.submittedAt,
    ...campaignOf(submission, surveys, traits),
    origin: { kind: 'widget', page: page.value, locale: submission.locale, reporter, siteKey: site.key },
  };
  const contact = sealConsented(c.get('deps').config.contactKeys, input.id, submission.consentedContact);
  return { input, bodyHash: canonicalHash(submission), siteKeyId: site.id, reporterKey: key, ...contact };
}

/**
 * The reporter keys a read may use: `anon <secret>` (the widget's own secret, whose hash was sent with
 * each submission) and/or `token <identity token>`, comma-separated.
 */
async function readerKeys(c: Context<AppEnv>): Promise<string[]> {
  const header = c.req.header(REPORTER_HEADER) ?? '';
  const site = c.get('site');
  const secret = await reporterKeySecret(c.get('deps').db);
  const keys: string[] = [];
  for (const part of header.split(',').slice(0, 4)) {
    const [scheme, value] = part.trim().split(/\s+/, 2);
    if (!scheme || !value || value.length > 4096) continue;
    if (scheme === 'anon' && value.length >= 16) keys.push(anonymousReporterKey(secret, sha256Hex(value)));
    if (scheme === 'token') {
      const identity = verifyIdentity(value, site.identitySecret, c.get('deps').now());
      if (identity) keys.push(identifiedReporterKey(secret, site.id, identity.sub));
    }
  }
  if (keys.length === 0) {
    throw problem('unauthenticated', { detail: `Send ${REPORTER_HEADER}: "anon <secret>" or "token <identity token>".` });
  }
  return keys;
}

/** `GET /api/v1/public/updates` query. */
export const CursorQuery = z.object({ cursor: z.optional(z.string().check(z.refine(isFeedCursor, 'Use nextCursor from the previous page.'))) });

// Per route, not `use('*')`: sibling sub-apps share the /api/v1/public prefix and bring their own guards.
const siteGuard = siteKey();
const siteLimit = siteRateLimit();

/** Widget routes: create submissions (single and batch), read the reporter's updates, rate a finished record. */
export const publicRecordsRoutes = new Hono<AppEnv>()
  .post(
    '/submissions',
    siteGuard,
    siteLimit,
    honeypot({
      answer: async (c, body) => {
        const { id, submittedAt: claimed } = body as { id?: unknown; submittedAt?: unknown };
        const [recordNumber] = await decoys(c, claimed, 1);
        return decoyAnswer(id ?? null, recordNumber as string);
      },
      status: 201,
    }),
    validate('json', SubmissionInput),
    async (c) => {
      const site = c.get('site');
      const secret = await reporterKeySecret(c.get('deps').db);
      const surveys = await activeSurveys(c.get('deps').db);
      const result = await c.get('recordWriter').create({
        ...toCreateItem(c, c.req.valid('json'), secret, surveys),
        author: widgetAuthor(site),
        createdBy: null,
        client: `${site.id} ${addressNetwork(clientAddress(c, c.get('deps').config.trustProxy))}`,
      });
      if (result.status === 'rejected') {
        throw problem(result.error.code, { detail: result.error.message });
      }
      return c.json(result, result.status === 'accepted' ? 201 : 200);
    },
  )
  .post('/submissions/batch', siteGuard, siteLimit, validate('json', BatchEnvelope), async (c) => {
    const { db, now, config } = c.get('deps');
    const site = c.get('site');
    const { items } = c.req.valid('json');
    const tripped = items.filter(honeypotTripped);
    const decoyNumbers = tripped.length ? await decoys(c, tripped[0]?.submittedAt, tripped.length) : [];
    const secret = await reporterKeySecret(db);
    const surveys = await activeSurveys(db);
    const results = await answerBatch(
      items,
      (raw): Prepared => {
        // A bot learns nothing: its item looks accepted and nothing is stored.
        if (honeypotTripped(raw)) return { answer: decoyAnswer(raw.id, decoyNumbers[tripped.indexOf(raw)] as string) as ItemResult };
        const parsed = z.safeParse(SubmissionInput, raw);
        if (!parsed.success) {
          return { answer: { id: raw.id, status: 'rejected', error: { code: 'validation_failed', message: 'The submission is invalid.', errors: fieldIssues(parsed.error) } } };
        }
        try {
          return { store: toCreateItem(c, parsed.data, secret, surveys) };
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
          const errors = error.extras.errors ? { errors: error.extras.errors } : {};
          return { answer: { id: raw.id, status: 'rejected', error: { code: error.code, message: error.message, ...errors } } };
        }
      },
      (items) => createRecords(db, items, { now: now(), timeZone: config.timeZone, calendar: config.calendar, author: widgetAuthor(site), createdBy: null }),
    );
    return c.json({ results });
  })
  .get('/updates', siteGuard, siteLimit, validate('query', CursorQuery), async (c) => {
    const keys = await readerKeys(c);
    const { db } = c.get('deps');
    const siteKeyId = c.get('site').id;
    // Records merged into another follow the survivor: its changes reach their reporters too (DOMAIN.md §12).
    const merged = await mergedRequests(db, keys, siteKeyId);
    const page = await changesSince(
      db,
      { reporterKeys: keys, siteKeyId, alsoIds: merged.map((m) => m.survivor.id) },
      c.req.valid('query').cursor ?? '0',
      100,
    );
    const items = page.items.flatMap((item) => {
      const own = item.reporterKey !== null && keys.includes(item.reporterKey);
      const survivor = merged.find((m) => m.requester.id === item.record.id)?.survivor;
      const mine = own ? [survivor ? toRecordChange(survivor, item.record) : toRecordChange(item.record)] : [];
      const followers = merged.filter((m) => m.survivor.id === item.record.id).map((m) => toRecordChange(item.record, m.requester));
      return [...mine, ...followers];
    });
    return c.json({ items, nextCursor: page.nextCursor, hasMore: page.items.length === 100 });
  })
  .post('/records/:id/satisfaction', siteGuard, siteLimit, validate('json', SatisfactionBody), async (c) => {
    const keys = await readerKeys(c);
    const { db, now } = c.get('deps');
    const id = c.req.param('id');
    const stored = z.safeParse(z.uuid(), id).success ? await getRecord(db, id.toLowerCase()) : undefined;
    // Someone else's record answers exactly like a missing one, so ids cannot be probed.
    if (!stored || stored.siteKeyId !== c.get('site').id || !stored.reporterKey || !keys.includes(stored.reporterKey)) {
      throw fail.notFound('The record');
    }
    const body = c.req.valid('json');
    if (isRepeatedRating(stored.doc, body)) return c.json({ change: toRecordChange(stored.doc) });
    // The same rule as the status page: 不满意 reopens the record at once, its follow-up due 3 working
    // days after the rating, counted with the stored calendars in the company zone.
    const config = await c.get('calendars').config();
    const { doc } = await updateRecord(db, stored.doc.id, 'satisfaction', (current) => maskRecord(orFail(rateAndReopen(current.doc, body, now()))), {
      now: now(),
      author: widgetAuthor(c.get('site')),
      calendar: config.calendar,
    });
    return c.json({ change: toRecordChange(doc) });
  });
