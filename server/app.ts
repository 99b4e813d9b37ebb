import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv, Deps } from './context';
import { ApiError, onError, problemResponse } from './errors';
import { jsonBody } from './middleware/json-body';
import { health } from './routes/health';

/** Build the HTTP app around its dependencies; `server/main.ts` serves it, tests call `app.request()`. */
export function createApp(deps: Deps) {
  const app = new Hono<AppEnv>();
  app.onError(onError(deps.log));
  app.notFound((c) => problemResponse(c, new ApiError(404, 'not_found', 'No such route.')));
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  app.use('*', secureHeaders({ crossOriginResourcePolicy: false }));
  app.use(
    '/api/*',
    jsonBody({ maxBytes: deps.config.maxJsonBytes, except: (path) => path.startsWith('/api/v1/attachments') }),
  );
  app.route('/', health);
  return app;
}

/** The app's type, for typed clients. */
export type App = ReturnType<typeof createApp>;
