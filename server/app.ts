import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv, Deps } from './context';
import { problem, onError, problemResponse } from './errors';
import { jsonBody } from './middleware/json-body';
import { requestLog } from './middleware/request-log';
import { clientWritesInFlight, writesInFlight } from './middleware/in-flight-limit';
import { createRecordWriter } from './store/record-writer';
import { addressNetwork } from './middleware/address-network';
import { clientAddress } from './middleware/rate-limit';
import { health } from './routes/health';
import { auth } from './routes/auth';
import { myTokens, users } from './routes/users';
import { siteKeys } from './routes/site-keys';
import { corsForSite } from './middleware/cors-for-site';
import { attachments } from './routes/attachments';
import { recordsRoutes } from './routes/records';
import { changesRoutes } from './routes/changes';
import { exportsRoutes } from './routes/exports';
import { publicRecordsRoutes } from './routes/public-records';
import { campaignsRoutes } from './routes/campaigns';
import { surveysRoutes } from './routes/surveys';
import { publicSurveysRoutes } from './routes/public-surveys';
import { openapiRoute } from './openapi';
import { widgetAssets } from './routes/widget-assets';
import { surveyPreviewRoutes } from './routes/survey-preview';
import { adaptersRoutes } from './routes/adapters';
import { calendarsRoutes } from './routes/calendars';
import { viewsRoutes } from './routes/views';
import { createCalendarSource } from './calendar-source';
import { consoleAssets } from './routes/console-assets';
import { bulkRoutes } from './routes/bulk';
import { assigneesRoutes } from './routes/assignees';
import { dashboardRoutes } from './routes/dashboard';
import { reportsRoutes } from './routes/reports';
import { jobsRoutes } from './jobs/routes';
import { webhooksRoutes } from './webhooks/routes';
import { contactsRoutes, customerDataRoutes } from './contacts/routes';
import { customerMessagesRoutes, mailSettingsRoutes, messageTemplatesRoutes } from './messages/routes';
import { statusLinksRoutes, statusPageRoutes } from './status-page/routes';

/** Build the HTTP app around its dependencies; `server/main.ts` serves it, tests call `app.request()`. */
export function createApp(deps: Deps) {
  const app = new Hono<AppEnv>();
  app.onError(onError(deps.logger));
  app.notFound((c) => problemResponse(c, problem('not_found', { detail: 'No such route.' })));
  const recordWriter = createRecordWriter(deps.db, {
    timeZone: deps.config.timeZone,
    now: deps.now,
    calendar: deps.config.calendar,
    gather: deps.dbKind === 'pglite',
    maxQueue: deps.config.writerQueueMax,
  });
  app.use('*', requestLog({ logger: deps.logger }));
  const calendars = createCalendarSource(deps.db, deps.config);
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    c.set('recordWriter', recordWriter);
    c.set('calendars', calendars);
    await next();
  });
  app.use('*', secureHeaders({ crossOriginResourcePolicy: false }));
  app.use('/api/v1/public/*', corsForSite());
  // Before the body is parsed: a refused write costs no more than its answer.
  app.use('/api/*', writesInFlight({ max: (c) => c.get('deps').config.maxWritesInFlight }));
  // Submissions are what a flood sends; uploads are bounded by the site's storage quota instead.
  const submissionsPerClient = clientWritesInFlight({
    max: (c) => c.get('deps').config.maxWritesPerClient,
    key: (c) => addressNetwork(clientAddress(c, c.get('deps').config.trustProxy)),
  });
  // Hono's `/*` matches the bare path too: one mount covers /submissions and /submissions/batch.
  app.use('/api/v1/public/submissions/*', submissionsPerClient);
  app.use(
    '/api/*',
    jsonBody({
      maxBytes: deps.config.maxJsonBytes,
      except: (path) => path.startsWith('/api/v1/attachments') || path.startsWith('/api/v1/public/attachments'),
    }),
  );
  app.route('/', health);
  app.route('/api/v1/auth', auth);
  app.route('/api/v1/users', users);
  app.route('/api/v1/me/tokens', myTokens);
  app.route('/api/v1/site-keys', siteKeys);
  app.route('/', attachments);
  app.route('/api/v1/records', recordsRoutes);
  app.route('/api/v1/bulk', bulkRoutes);
  app.route('/api/v1/assignees', assigneesRoutes);
  app.route('/api/v1/changes', changesRoutes);
  app.route('/api/v1/exports', exportsRoutes);
  app.route('/api/v1/views', viewsRoutes);
  app.route('/api/v1/public', publicRecordsRoutes);
  app.route('/api/v1/campaigns', campaignsRoutes);
  app.route('/api/v1/surveys', surveysRoutes);
  app.route('/api/v1/public', publicSurveysRoutes);
  app.route('/api/v1/adapters', adaptersRoutes({ overrides: deps.adapterOverrides }));
  app.route('/api/v1/calendars', calendarsRoutes);
  app.route('/api/v1/jobs', jobsRoutes);
  app.route('/api/v1/webhooks', webhooksRoutes);
  app.route('/api/v1/contacts', contactsRoutes);
  app.route('/api/v1/customer-data', customerDataRoutes);
  app.route('/api/v1/customer-messages', customerMessagesRoutes);
  app.route('/api/v1/message-templates', messageTemplatesRoutes);
  app.route('/api/v1/mail-settings', mailSettingsRoutes);
  app.route('/api/v1/status-links', statusLinksRoutes);
  app.route('/api/v1/dashboard', dashboardRoutes);
  app.route('/api/v1/reports', reportsRoutes);
  app.route('/', statusPageRoutes);
  app.route('/', openapiRoute);
  app.route('/', surveyPreviewRoutes);
  app.route('/', widgetAssets());
  // Last: its fallback answers every other GET with the console's index.html.
  app.route('/', consoleAssets());
  return app;
}

/** The app's type, for typed clients. */
export type App = ReturnType<typeof createApp>;
