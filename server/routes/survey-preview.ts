import { Hono } from 'hono';
import type { AppEnv } from '../context';

/** The script the page loads, built with the widget (widget/build.ts, PREVIEW_SCRIPT). */
const SCRIPT = '/widget/survey-preview.js';

/**
 * `GET /widget/survey-preview.html`: the page the console's survey builder frames (sandboxed,
 * scripts only) to show a draft survey with the widget's own survey card. It holds no data and
 * reads none: the draft arrives by postMessage from the framing console, and the page may connect
 * nowhere, so a preview can never store or send a response. Only the console's own origin may
 * frame it.
 */
export const surveyPreviewRoutes = new Hono<AppEnv>().get('/widget/survey-preview.html', (c) => {
  const origin = new URL(c.req.url).origin;
  // A sandboxed document has an opaque origin, so 'self' would match nothing: the origin is named.
  c.header(
    'Content-Security-Policy',
    `default-src 'none'; script-src ${origin}; base-uri 'none'; form-action 'none'; frame-ancestors 'self' ${origin}`,
  );
  c.header('Cache-Control', 'no-cache');
  return c.html(
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Echobox survey preview</title><script src="${SCRIPT}" defer></script></head><body></body></html>`,
  );
});
