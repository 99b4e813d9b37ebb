import type { JobHandler } from '../jobs/runner';
import type { Locale } from '../../shared/i18n/locale';
import { WebhookFormat } from '../../shared/schemas/webhook';
import type { DeliverPayload } from './events';
import { acceptedByBody, buildRequest } from './formats';
import { getEndpoint, logDelivery } from './store';
import { checkWebhookUrl, pinnedLookup, systemResolve, type Resolve } from './target';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';

/** A target the SSRF check refused: logged as the attempt's error, nothing is sent. */
class RefusedTarget extends Error {}
/** The receiver did not answer within the timeout. */
class NoAnswer extends Error {}

/** The most of a receiver's answer read (chat bots answer a few bytes of JSON). */
const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * POST `body` to `url` and read the answer; `lookup`, when given, decides where the socket
 * connects (the checked addresses). Redirects are not followed.
 */
function post(url: string, headers: Record<string, string>, body: string, timeoutMs: number, lookup: LookupFunction | undefined): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(target, { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, ...(lookup ? { lookup } : {}) }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= MAX_ANSWER_BYTES) chunks.push(chunk);
      });
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
      });
      res.on('error', reject);
    });
    const timer = setTimeout(() => req.destroy(new NoAnswer()), timeoutMs);
    req.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    req.end(body);
  });
}

/** How deliveries are made. */
export interface DeliverOptions {
  /** Language of team-chat messages. */
  locale: Locale;
  /** Longest wait for a receiver's answer. */
  timeoutMs?: number;
  /** Deliver to private and loopback addresses and over http too (ECHOBOX_WEBHOOK_ALLOW_PRIVATE). */
  allowPrivate?: boolean;
  /** How target names are resolved for the check (the system resolver; tests inject one). */
  resolve?: Resolve;
}

/**
 * The `webhook.deliver` job: POST one event to one endpoint. A 2xx answer (and, for chat bots, a
 * body without an error code) is logged as delivered in the transaction that marks the job done;
 * anything else is logged as failed and the attempt fails, to be retried with backoff. Delivery is
 * at least once: a process that dies after the receiver answered and before that commit sends the
 * event again after its lease ends, with the same `webhook-id` for the receiver to drop.
 */
export function deliverWebhook(options: DeliverOptions): JobHandler {
  const timeoutMs = options.timeoutMs ?? 10_000;
  return async (raw, ctx) => {
    const payload = raw as DeliverPayload;
    const endpoint = await getEndpoint(ctx.db, payload.endpointId);
    // Removed or paused since the event: nothing to send, nothing to retry.
    if (!endpoint?.active) return;
    const format = WebhookFormat.parse(endpoint.format);
    const request = buildRequest({ url: endpoint.url, format, secret: endpoint.secret }, payload.messageId, payload.event, ctx.now, options.locale);
    let statusCode: number | null = null;
    let error: string | null = null;
    // Checked again at every attempt: the name may resolve elsewhere now than when it was configured.
    // The connection then goes to the addresses checked, never to a second resolution of the name.
    const target = await checkWebhookUrl(request.url, options.allowPrivate ?? false, options.resolve ?? systemResolve);
    try {
      if (!target.ok) throw new RefusedTarget(target.error.message);
      const lookup = target.value.length > 0 ? pinnedLookup(target.value) : undefined;
      const res = await post(request.url, request.headers, request.body, timeoutMs, lookup);
      statusCode = res.status;
      error = res.status >= 200 && res.status < 300 ? acceptedByBody(format, res.text) : `HTTP ${res.status}`;
    } catch (e) {
      error = e instanceof RefusedTarget ? `refused: ${e.message}` : e instanceof NoAnswer ? `no answer within ${timeoutMs} ms` : 'could not connect';
    }
    const entry = {
      endpointId: endpoint.id,
      messageId: payload.messageId,
      eventType: payload.event.type,
      attempt: ctx.job.attempts,
      at: ctx.now,
      statusCode,
    };
    if (error === null) {
      await ctx.complete((tx) => logDelivery(tx, { ...entry, outcome: 'delivered', error: null }));
      return;
    }
    await logDelivery(ctx.db, { ...entry, outcome: 'failed', error });
    throw new Error(error);
  };
}
