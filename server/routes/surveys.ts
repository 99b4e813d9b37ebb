import { Hono, type Context } from 'hono';
import * as z from 'zod/mini';
import type { AppEnv } from '../context';
import { problem, fail } from '../errors';
import { staffAuth } from '../middleware/staff-auth';
import { requirePermission } from '../middleware/require-permission';
import { validate } from '../middleware/validate';
import { ActiveFilter, IdParam, assertIfMatch, createBody, createdResponse, mergePatch, patchBody, withTag } from './campaigns';
import { getCampaign } from '../store/campaigns';
import { getSurvey, insertSurvey, listSurveys, responseCount, saveSurvey, surveyResults } from '../store/surveys';
import { Id } from '../../shared/schemas/common';
import { Survey } from '../../shared/schemas/survey';
import { checkSurveyEdit } from '../../shared/domain/survey-edit';

// New surveys start inactive: staff review them, then activate.
const SurveyCreate = createBody(Survey, () => ({ active: false }));
const SurveyPatch = patchBody(Object.keys(Survey.shape));
/** `GET /api/v1/surveys` query. */
export const SurveyListQuery = z.object({
  campaignId: z.optional(Id),
  active: ActiveFilter,
  purpose: z.optional(z.enum(['campaign', 'annual_satisfaction'])),
});

async function load(c: Context<AppEnv>, id: string): Promise<Survey> {
  const found = await getSurvey(c.get('deps').db, id);
  if (!found) throw fail.notFound('The survey');
  return found;
}

/** A survey must belong to an existing campaign (DOMAIN.md §2); a missing one is a field error. */
async function assertCampaign(c: Context<AppEnv>, campaignId: string) {
  if (!(await getCampaign(c.get('deps').db, campaignId))) {
    throw fail.validation([{ path: ['campaignId'], code: 'not_found', message: 'No such campaign.' }]);
  }
}

async function setActive(c: Context<AppEnv>, id: string, active: boolean) {
  const { db, now } = c.get('deps');
  const stored = await load(c, id);
  const survey = stored.active === active ? stored : ((await saveSurvey(db, { ...stored, active }, now())) as Survey);
  return withTag(c, 'survey', survey);
}

/**
 * Surveys shown by the widget, mounted at /api/v1/surveys. Staff with record.read list, read and
 * see results; survey.manage creates, edits and (de)activates. Surveys are never deleted (their
 * responses refer to them). The widget reads active ones through /api/v1/public/surveys.
 */
export const surveysRoutes = new Hono<AppEnv>()
  .use('*', staffAuth())
  .get('/', requirePermission('record.read'), validate('query', SurveyListQuery), async (c) => {
    const { campaignId, active, purpose } = c.req.valid('query');
    const items = await listSurveys(c.get('deps').db, {
      ...(campaignId ? { campaignId } : {}),
      ...(active ? { active: active === 'true' } : {}),
      ...(purpose ? { purpose } : {}),
    });
    return c.json({ items });
  })
  .post('/', requirePermission('survey.manage'), validate('json', SurveyCreate), async (c) => {
    const { db, now } = c.get('deps');
    const survey = c.req.valid('json');
    await assertCampaign(c, survey.campaignId);
    return createdResponse(c, 'survey', '/api/v1/surveys', await insertSurvey(db, survey, now()));
  })
  .get('/:id', requirePermission('record.read'), validate('param', IdParam), async (c) =>
    withTag(c, 'survey', await load(c, c.req.valid('param').id)),
  )
  .get('/:id/results', requirePermission('record.read'), validate('param', IdParam), async (c) => {
    const survey = await load(c, c.req.valid('param').id);
    return c.json({ results: await surveyResults(c.get('deps').db, survey) });
  })
  .patch('/:id', requirePermission('survey.manage'), validate('param', IdParam), validate('json', SurveyPatch), async (c) => {
    const { db, now } = c.get('deps');
    const stored = await load(c, c.req.valid('param').id);
    assertIfMatch(c, 'survey', stored);
    const next = mergePatch(Survey, stored, c.req.valid('json'));
    if (next.campaignId !== stored.campaignId) await assertCampaign(c, next.campaignId);
    const checked = checkSurveyEdit(stored, next, (await responseCount(db, stored.id)) > 0);
    // The refusal keeps its documented shape: the reason and each field's error at the top level.
    if (!checked.ok) throw problem(checked.error.code, { detail: checked.error.message, ...checked.error.details });
    return withTag(c, 'survey', (await saveSurvey(db, checked.value, now())) as Survey);
  })
  .post('/:id/activate', requirePermission('survey.manage'), validate('param', IdParam), (c) =>
    setActive(c, c.req.valid('param').id, true),
  )
  .post('/:id/deactivate', requirePermission('survey.manage'), validate('param', IdParam), (c) =>
    setActive(c, c.req.valid('param').id, false),
  );
