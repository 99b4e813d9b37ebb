import { Hono, type Context } from 'hono';
import * as z from 'zod/mini';
import type { AppEnv } from '../context';
import { problem, fail, type FieldError } from '../errors';
import { staffAuth } from '../middleware/staff-auth';
import { requirePermission } from '../middleware/require-permission';
import { validate } from '../middleware/validate';
import { ActiveFilter, IdParam, createBody, createdResponse, mergePatch, patchBody } from './campaigns';
import { getCampaign } from '../store/campaigns';
import { getSurvey, insertSurvey, listSurveys, responseCount, saveSurvey, surveyResults } from '../store/surveys';
import { Id } from '../../shared/schemas/common';
import { Survey } from '../../shared/schemas/survey';

// New surveys start inactive: staff review them, then activate.
const SurveyCreate = createBody(Survey, () => ({ active: false }));
const SurveyPatch = patchBody(Object.keys(Survey.shape));
const SurveyListQuery = z.object({
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

/**
 * Once a survey has responses, every answered question must keep its id and kind, and a choice
 * question its options (prompts may change, questions and options may be added), so stored
 * answers keep their meaning in the results.
 */
function answeredQuestionChanges(before: Survey, after: Survey): FieldError[] {
  const issues: FieldError[] = [];
  for (const q of before.questions) {
    const now = after.questions.find((n) => n.id === q.id);
    if (!now) issues.push({ path: ['questions'], code: 'invalid_value', message: `Question ${q.id} has answers and cannot be removed.` });
    else if (now.kind !== q.kind) issues.push({ path: ['questions', after.questions.indexOf(now), 'kind'], code: 'invalid_value', message: `Question ${q.id} has answers; its kind stays ${q.kind}.` });
    else if (q.kind === 'single_choice' && now.kind === 'single_choice') {
      for (const o of q.options) {
        if (!now.options.some((n) => n.id === o.id)) {
          issues.push({ path: ['questions', after.questions.indexOf(now), 'options'], code: 'invalid_value', message: `Option ${o.id} of ${q.id} has answers and cannot be removed.` });
        }
      }
    }
  }
  return issues;
}

async function setActive(c: Context<AppEnv>, id: string, active: boolean) {
  const { db, now } = c.get('deps');
  const stored = await load(c, id);
  const survey = stored.active === active ? stored : await saveSurvey(db, { ...stored, active }, now());
  return c.json({ survey });
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
    c.json({ survey: await load(c, c.req.valid('param').id) }),
  )
  .get('/:id/results', requirePermission('record.read'), validate('param', IdParam), async (c) => {
    const survey = await load(c, c.req.valid('param').id);
    return c.json({ results: await surveyResults(c.get('deps').db, survey) });
  })
  .patch('/:id', requirePermission('survey.manage'), validate('param', IdParam), validate('json', SurveyPatch), async (c) => {
    const { db, now } = c.get('deps');
    const stored = await load(c, c.req.valid('param').id);
    const next = mergePatch(Survey, stored, c.req.valid('json'));
    if (next.campaignId !== stored.campaignId) await assertCampaign(c, next.campaignId);
    if ((await responseCount(db, stored.id)) > 0) {
      const issues = answeredQuestionChanges(stored, next);
      if (issues.length > 0) {
        throw problem('conflict', {
          detail: 'The survey has responses; answered questions and options must stay.',
          reason: 'survey_has_responses',
          errors: issues,
        });
      }
    }
    return c.json({ survey: await saveSurvey(db, next, now()) });
  })
  .post('/:id/activate', requirePermission('survey.manage'), validate('param', IdParam), (c) =>
    setActive(c, c.req.valid('param').id, true),
  )
  .post('/:id/deactivate', requirePermission('survey.manage'), validate('param', IdParam), (c) =>
    setActive(c, c.req.valid('param').id, false),
  );
