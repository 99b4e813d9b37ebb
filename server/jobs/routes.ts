import { Hono } from 'hono';
import type { AppEnv } from '../context';
import { fail } from '../errors';
import { validate } from '../middleware/validate';
import { staffAuth } from '../middleware/staff-auth';
import { requirePermission } from '../middleware/require-permission';
import { deleteDeadJob, listDeadJobs, retryDeadJob } from './store';
import { DeadJobQuery, JobIdParam, type DeadJobList, type JobRetried } from '../../shared/schemas/job';

/**
 * Dead letters (jobs that failed every attempt) for admins (`job.manage`): read them, queue one
 * again once its cause is fixed, or delete one given up on (finished jobs are purged after their
 * retention, dead letters never by themselves). Mounted at /api/v1/jobs.
 */
export const jobsRoutes = new Hono<AppEnv>()
  .use(staffAuth(), requirePermission('job.manage'))
  .get('/dead', validate('query', DeadJobQuery), async (c) => {
    const query = c.req.valid('query');
    const limit = Number(query.limit ?? 50);
    const items = await listDeadJobs(c.get('deps').db, limit, query.before === undefined ? undefined : Number(query.before));
    const body: DeadJobList = {
      items: items.map((j) => ({ ...j, createdAt: j.createdAt.toISOString(), failedAt: j.failedAt.toISOString() })),
      nextBefore: items.length === limit ? (items.at(-1)?.id ?? null) : null,
    };
    return c.json(body);
  })
  .post('/:id/retry', validate('param', JobIdParam), async (c) => {
    const { db, now } = c.get('deps');
    const id = Number(c.req.valid('param').id);
    if (!(await retryDeadJob(db, id, now()))) throw fail.notFound('The dead letter');
    const body: JobRetried = { id, state: 'queued' };
    return c.json(body);
  })
  .delete('/:id', validate('param', JobIdParam), async (c) => {
    if (!(await deleteDeadJob(c.get('deps').db, Number(c.req.valid('param').id)))) throw fail.notFound('The dead letter');
    return c.body(null, 204);
  });
