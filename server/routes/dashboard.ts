import { Hono } from 'hono';
import type { AppEnv } from '../context';
import { staffAuth } from '../middleware/staff-auth';
import { requirePermission } from '../middleware/require-permission';
import { validate } from '../middleware/validate';
import { DashboardQuery } from '../../shared/schemas/dashboard-query';
import { backlogPanel, compliancePanel, durationsPanel, panelScope, recordsPanel, satisfactionPanel } from '../reports/dashboard';
import { surveysPanel } from '../reports/survey-figures';
import { topicsPanel } from '../reports/topics';

/**
 * The dashboard's panels, one aggregate each, mounted at /api/v1/dashboard (`dashboard.read`:
 * reviewers and admins). Every panel takes the same range and departments; its figures are the
 * counts the record list gives for the same filters.
 */
export const dashboardRoutes = new Hono<AppEnv>()
  .use('*', staffAuth(), requirePermission('dashboard.read'))
  .get('/records', validate('query', DashboardQuery), async (c) => {
    const { db, now, config } = c.get('deps');
    return c.json(await recordsPanel(db, panelScope(c.req.valid('query'), now(), config.timeZone)));
  })
  .get('/compliance', validate('query', DashboardQuery), async (c) => {
    const { db, now, config } = c.get('deps');
    return c.json(await compliancePanel(db, panelScope(c.req.valid('query'), now(), config.timeZone)));
  })
  .get('/durations', validate('query', DashboardQuery), async (c) => {
    const { db, now, config } = c.get('deps');
    return c.json(await durationsPanel(db, panelScope(c.req.valid('query'), now(), config.timeZone)));
  })
  .get('/backlog', validate('query', DashboardQuery), async (c) => {
    const { db, now, config } = c.get('deps');
    return c.json(await backlogPanel(db, panelScope(c.req.valid('query'), now(), config.timeZone)));
  })
  .get('/satisfaction', validate('query', DashboardQuery), async (c) => {
    const { db, now, config } = c.get('deps');
    return c.json(await satisfactionPanel(db, panelScope(c.req.valid('query'), now(), config.timeZone)));
  })
  .get('/surveys', validate('query', DashboardQuery), async (c) => {
    const { db, now, config } = c.get('deps');
    return c.json(await surveysPanel(db, panelScope(c.req.valid('query'), now(), config.timeZone)));
  })
  .get('/topics', validate('query', DashboardQuery), async (c) => {
    const { db, now, config } = c.get('deps');
    return c.json(await topicsPanel(db, panelScope(c.req.valid('query'), now(), config.timeZone)));
  });
