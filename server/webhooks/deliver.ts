import type { JobHandler } from '../jobs/runner';
import type { Locale } from '../../shared/i18n/locale';
import { WebhookFormat } from '../../shared/schemas/webhook';
import type { DeliverPayload } from './events';
import { acceptedByBody, buildRequest } from './formats';
import { getEndpoint, logDelivery } from './store';
import { checkWebhookUrl } from './target';

/** A target the SSRF check refused: logged as the attempt's error, nothing is sent. */
class RefusedTarget extends Error {}

/** How deliveries are made. */
export interface DeliverOptions {
  /** Language of team-chat messages. */
  locale: Locale;
  /** Longest wait for a receiver's answer. */
  timeoutMs?: number;
  /** Deliver to private and loopback addresses and over http too (ECHOBOX_WEBHOOK_ALLOW_PRIVATE). */
  allowPrivate?: boolean;
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
    const target = await checkWebhookUrl(request.url, options.allowPrivate ?? false);
    try {
      if (!target.ok) throw new RefusedTarget(target.error.message);
      const res = await fetch(request.url, {
        method: 'POST',
        headers: request.headers,
        body: request.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      statusCode = res.status;
      const text = await res.text();
      error = res.status >= 200 && res.status < 300 ? acceptedByBody(format, text) : `HTTP ${res.status}`;
    } catch (e) {
      error =
        e instanceof RefusedTarget ? `refused: ${e.message}` : e instanceof Error && e.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : 'could not connect';
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
