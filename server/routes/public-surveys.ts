import { Hono } from 'hono';
import * as z from 'zod/mini';
import type { AppEnv } from '../context';
import { problem, fail } from '../errors';
import { siteKey } from '../middleware/site-key';
import { siteRateLimit } from '../middleware/rate-limit';
import { honeypot } from '../middleware/honeypot';
import { validate } from '../middleware/validate';
import { verifyReporter } from '../auth/reporter';
import { reporterKey, reporterKeySecret } from '../auth/reporter-key';
import { issueReporterId, verifyReporterId } from '../auth/reporter-id';
import { clientAddress, rateLimit } from '../middleware/rate-limit';
import { addressNetwork } from '../middleware/address-network';
import { canonicalHash } from '../store/canonical-hash';
import {
  activeSurveys,
  campaignActive,
  findResponse,
  getSurvey,
  insertResponse,
  type StoredSurveyResponse,
} from '../store/surveys';
import { isSurveyEligible, type TargetingReason } from '../../shared/domain/survey-targeting';
import { canAnswerSurvey } from '../../shared/domain/survey-answer';
import { maskText } from '../../shared/domain/masking';
import { HttpUrl } from '../../shared/schemas/common';
import { UserTraits } from '../../shared/schemas/reporter';
import { SurveyResponse, checkAnswers } from '../../shared/schemas/survey';
import { stripUrl } from '../../shared/domain/page-privacy';

/** The URL as stored: stripped of fragment and the query keys the site did not allow (it is an http(s) URL, validated). */
const stripped = (url: string, queryKeys: readonly string[]): string => {
  const kept = stripUrl(url, queryKeys);
  return kept.ok ? kept.value : url;
};

/** Reporter ids one client network may be issued per site and hour: a device needs one, ever. */
export const REPORTER_IDS_PER_HOUR = 10;

const reporterIdLimit = rateLimit({
  windowMs: 3_600_000,
  max: REPORTER_IDS_PER_HOUR,
  key: (c) => `reporter-id ${c.get('site').id} ${addressNetwork(clientAddress(c, c.get('deps').config.trustProxy))}`,
});

/** Most surveys one page view is offered; the widget shows at most one of them anyway. */
export const MAX_PUBLIC_SURVEYS = 20;
/** Clients may be a little ahead of the server's clock; an answer from further ahead is refused. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

/** `GET /api/v1/public/surveys` query: the page and the reporter's traits. */
export const PublicSurveyQuery = z.object({ url: HttpUrl, ...UserTraits.shape });

const originOf = (url: string) => new URL(url).origin;

/** 409 conflict for a survey that may not be answered, with the targeting reason. */
const notOpen = (reason: TargetingReason, message: string) => problem('conflict', { detail: message, reason });

/** Open-text answers are masked again here, the net beneath the widget's own masking (DOMAIN.md §3). */
function maskAnswers(answers: SurveyResponse['answers']): SurveyResponse['answers'] {
  return Object.fromEntries(
    Object.entries(answers).map(([id, a]) => {
      if (a.kind !== 'open_text') return [id, a];
      const masked = maskText(a.text);
      return [id, masked.ok ? { ...a, text: masked.value } : a];
    }),
  );
}

/**
 * Widget survey routes, mounted at /api/v1/public (CORS comes from app.ts). Every request needs an
 * active site key used from one of its origins, and is rate-limited per site and client address.
 *
 * Binding to sites: a survey reaches the pages its URL patterns name (origin + path), and a site
 * key is only accepted from its own origins, so a survey whose patterns name `https://shop…`
 * reaches only site keys serving that origin. Surveys without patterns, or with path-only
 * patterns (`/checkout/**`), are offered on every site. The page URL must be on the requesting
 * origin, so one site cannot read the surveys meant for another.
 */
export const publicSurveysRoutes = new Hono<AppEnv>()
  .post('/reporter-ids', siteKey(), siteRateLimit(), reporterIdLimit, async (c) => {
    const reporterId = issueReporterId(await reporterKeySecret(c.get('deps').db), c.get('site').id);
    return c.json({ reporterId }, 201);
  })
  .get('/surveys', siteKey(), siteRateLimit(), validate('query', PublicSurveyQuery), async (c) => {
    const { url, ...traits } = c.req.valid('query');
    if (originOf(url) !== c.get('site').origin) {
      throw fail.validation([{ path: ['url'], code: 'origin_mismatch', message: 'The page URL must be on the requesting origin.' }]);
    }
    const { db, now } = c.get('deps');
    const page = { url, traits, now: now().getTime() };
    const items = (await activeSurveys(db)).filter((s) => isSurveyEligible(s, page).show).slice(0, MAX_PUBLIC_SURVEYS);
    // Sampling and the frequency cap are left to the widget (shouldShowSurvey): they need its local history.
    c.header('cache-control', 'private, max-age=60');
    // The site's allowed query keys ride along, so the widget strips page URLs as the server will.
    return c.json({ items, queryKeys: c.get('site').allowedQueryKeys });
  })
  .post(
    '/survey-responses',
    siteKey(),
    siteRateLimit(),
    honeypot({
      answer: (c, body) => {
        const b = body as { id?: unknown; surveyId?: unknown };
        return { id: b.id ?? null, surveyId: b.surveyId ?? null, status: 'accepted', receivedAt: c.get('deps').now().toISOString() };
      },
      status: 201,
    }),
    validate('json', SurveyResponse),
    async (c) => {
      const { db, now } = c.get('deps');
      const site = c.get('site');
      const body = c.req.valid('json');
      if (body.siteKey !== undefined && body.siteKey !== site.key) {
        throw fail.validation([{ path: ['siteKey'], code: 'invalid_value', message: 'The body names another site key.' }]);
      }
      if (Date.parse(body.answeredAt) > now().getTime() + CLOCK_SKEW_MS) {
        throw fail.validation([{ path: ['answeredAt'], code: 'invalid_value', message: 'answeredAt is in the future.' }]);
      }
      if (originOf(body.pageUrl) !== site.origin) {
        throw fail.validation([{ path: ['pageUrl'], code: 'origin_mismatch', message: 'The page URL must be on the requesting origin.' }]);
      }

      // A retry is answered from what was stored, even if the survey has closed since.
      const bodyHash = canonicalHash(body);
      const existing = await findResponse(db, body.id);
      if (existing) {
        if (existing.bodyHash !== bodyHash) {
          throw problem('idempotency_conflict', { detail: 'A response with this id was already received with different answers.' });
        }
        return c.json({ ...existing.receipt, status: 'duplicate' as const }, 200);
      }

      const survey = await getSurvey(db, body.surveyId);
      if (!survey) throw fail.notFound('The survey');
      const answeredAt = Date.parse(body.answeredAt);
      const open = canAnswerSurvey(survey, (await campaignActive(db, survey.campaignId)) === true, answeredAt, body.pageUrl);
      if (!open.ok) throw problem(open.error.code, { detail: open.error.message, ...open.error.details });
      if (Object.keys(body.answers).length === 0) {
        throw fail.validation([{ path: ['answers'], code: 'too_small', message: 'Answer at least one question.' }]);
      }
      const checked = checkAnswers(survey, body.answers);
      if (!checked.ok) {
        const errors = (checked.error.details?.errors as { path: (string | number)[]; code: string; message: string }[]) ?? [];
        throw fail.validation(errors, 'Some answers do not fit the survey.');
      }

      const secret = await reporterKeySecret(db);
      const { reporter, key: credentialKey } = verifyReporter(c, body.reporter, secret);
      // One response per person: a signed user is one by the host's word, an anonymous one by the id we issued.
      let key = credentialKey;
      if (body.reporter.kind === 'anonymous') {
        const id = body.reporterId === undefined ? undefined : verifyReporterId(secret, site.id, body.reporterId);
        if (!id) {
          throw fail.validation([
            { path: ['reporterId'], code: body.reporterId === undefined ? 'required' : 'invalid_signature', message: 'Get a reporter id from POST /api/v1/public/reporter-ids.' },
          ]);
        }
        key = reporterKey(secret, 'rid', id);
      }
      const doc: StoredSurveyResponse = {
        id: body.id,
        surveyId: survey.id,
        siteKeyId: site.id,
        answers: maskAnswers(checked.value),
        reporter,
        // Targeting above needed the query; what is kept is the page as page-privacy.ts strips it.
        pageUrl: stripped(body.pageUrl, site.allowedQueryKeys),
        locale: body.locale,
        answeredAt: new Date(answeredAt).toISOString(),
      };
      const result = await insertResponse(db, { doc, reporterKey: key, bodyHash, now: now() });
      if (result.status === 'conflict') {
        throw problem('idempotency_conflict', { detail: 'A response with this id was already received with different answers.' });
      }
      if (result.status === 'already_answered') throw notOpen('answered', 'This person has already answered the survey.');
      return c.json(result, result.status === 'accepted' ? 201 : 200);
    },
  );
