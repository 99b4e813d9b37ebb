import { Hono } from 'hono';
import type { AppEnv } from '../context';
import { staffAuth } from '../middleware/staff-auth';
import { requirePermission } from '../middleware/require-permission';
import { validate } from '../middleware/validate';
import { DashboardQuery } from '../../shared/schemas/dashboard-query';
import { backlogPanel, compliancePanel, durationsPanel, panelScope, recordsPanel, satisfactionPanel } from '../reports/dashboard';
import { surveysPanel } from '../reports/survey-figures';
import { topicsPanel } from '../reports/topics';
import { inReport } from '../reports/in-report';

/**
 * The dashboard's panels, one aggregate each, mounted at /api/v1/dashboard (`dashboard.read`:
 * reviewers and admins). Every panel takes the same range and departments; its figures are the
 * counts the record list gives for the same filters. The aggregates over many rows run in
 * `inReport`; surveys and topics are light queries (topics then groups in memory, which must not
 * hold PGlite's one connection in a transaction meanwhile).
 */
export const dashboardRoutes = new Hono<AppEnv>()
  .use('*', staffAuth(), requirePermission('dashboard.read'))
  .get('/records', validate('query', DashboardQuery), async (c) => {
    const { db, now, config } = c.get('deps');
    const scope = panelScope(c.req.valid('query'), now(), config.timeZone);
    return c.json(await inReport(db, (tx) => recordsPanel(tx, scope)));
  })
  .get('/compliance', validate('query', DashboardQuery), async (c) => {
    const { db, now, config } = c.get('deps');
    const scope = panelScope(c.req.valid('query'), now(), config.timeZone);
    return c.json(await inReport(db, (tx) => compliancePanel(tx, scope)));
  })
  .get('/durations', validate('query', DashboardQuery), async (c) => {
    const { db, now, config } = c.get('deps');
    const scope = panelScope(c.req.valid('query'), now(), config.timeZone);
    return c.json(await inReport(db, (tx) => durationsPanel(tx, scope)));
  })
  .get('/backlog', validate('query', DashboardQuery), async (c) => {
    const { db, now, config } = c.get('deps');
    const scope = panelScope(c.req.valid('query'), now(), config.timeZone);
    return c.json(await inReport(db, (tx) => backlogPanel(tx, scope)));
  })
  .get('/satisfaction', validate('query', DashboardQuery), async (c) => {
    const { db, now, config } = c.get('deps');
    const scope = panelScope(c.req.valid('query'), now(), config.timeZone);
    return c.json(await inReport(db, (tx) => satisfactionPanel(tx, scope)));
  })
  .get('/surveys', validate('query', DashboardQuery), async (c) => {
    const { db, now, config } = c.get('deps');
    return c.json(await surveysPanel(db, panelScope(c.req.valid('query'), now(), config.timeZone)));
  })
  .get('/topics', validate('query', DashboardQuery), async (c) => {
    const { db, now, config } = c.get('deps');
    return c.json(await topicsPanel(db, panelScope(c.req.valid('query'), now(), config.timeZone)));
  });
