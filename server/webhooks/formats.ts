import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { t } from '../../shared/i18n/t';
import type { Locale } from '../../shared/i18n/locale';
import { WEBHOOK_TEST_EVENT, type WebhookEvent, type WebhookFormat } from '../../shared/schemas/webhook';

/** The endpoint facts a delivery needs. */
export interface EndpointTarget {
  url: string;
  format: WebhookFormat;
  secret: string;
}

/** One HTTP request to send. */
export interface OutboundRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** The one line a team chat shows for an event, in `locale`. */
export function chatLine(event: WebhookEvent, locale: Locale): string {
  const d = event.data;
  const subject = event.type === WEBHOOK_TEST_EVENT
    ? t(locale, 'notify.chat.test')
    : d.recordNumber
    ? [d.recordNumber, d.obligation && t(locale, `obligation.kind.${d.obligation}` as 'obligation.kind.response'), d.status && `(${d.status})`]
        .filter(Boolean)
        .join(' ')
    : t(locale, 'notify.chat.survey', { survey: d.surveyId ?? '' });
  return t(locale, 'notify.chat.line', { event: t(locale, `notify.event.${event.type}`), subject });
}

/** DingTalk robot signing (加签): HMAC-SHA256 over `timestamp + "\n" + secret` keyed by the secret, base64. */
export function dingTalkSign(timestampMs: number, secret: string): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
}

/** Feishu/Lark bot signature: HMAC-SHA256 keyed by `timestamp + "\n" + secret` over nothing, base64. */
export function feishuSign(timestampS: number, secret: string): string {
  return createHmac('sha256', `${timestampS}\n${secret}`).update('').digest('base64');
}

const JSON_HEADERS = { 'content-type': 'application/json' };

/**
 * The request delivering `event` to an endpoint, in its format:
 * - standard: the event as JSON, signed per Standard Webhooks (webhook-id, webhook-timestamp,
 *   webhook-signature over `id.timestamp.body` with the whsec_ secret);
 * - wecom: a group bot text message, `{ msgtype: 'text', text: { content } }` (the key is in the URL);
 * - dingtalk: `{ msgtype: 'text', text: { content } }`, with `timestamp` (ms) and `sign` added to the URL when a secret is set;
 * - feishu: `{ msg_type: 'text', content: { text } }`, with `timestamp` (s) and `sign` in the body when a secret is set;
 * - slack: an incoming-webhook message, `{ text }`.
 */
export function buildRequest(endpoint: EndpointTarget, messageId: string, event: WebhookEvent, now: Date, locale: Locale): OutboundRequest {
  switch (endpoint.format) {
    case 'standard': {
      const body = JSON.stringify(event);
      const signature = new Webhook(endpoint.secret).sign(messageId, now, body);
      return {
        url: endpoint.url,
        headers: {
          ...JSON_HEADERS,
          'webhook-id': messageId,
          'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
          'webhook-signature': signature,
        },
        body,
      };
    }
    case 'wecom':
      return { url: endpoint.url, headers: JSON_HEADERS, body: JSON.stringify({ msgtype: 'text', text: { content: chatLine(event, locale) } }) };
    case 'dingtalk': {
      const url = new URL(endpoint.url);
      if (endpoint.secret) {
        const timestamp = now.getTime();
        url.searchParams.set('timestamp', String(timestamp));
        url.searchParams.set('sign', dingTalkSign(timestamp, endpoint.secret));
      }
      return { url: url.toString(), headers: JSON_HEADERS, body: JSON.stringify({ msgtype: 'text', text: { content: chatLine(event, locale) } }) };
    }
    case 'feishu': {
      const timestamp = Math.floor(now.getTime() / 1000);
      const signed = endpoint.secret ? { timestamp: String(timestamp), sign: feishuSign(timestamp, endpoint.secret) } : {};
      return { url: endpoint.url, headers: JSON_HEADERS, body: JSON.stringify({ ...signed, msg_type: 'text', content: { text: chatLine(event, locale) } }) };
    }
    case 'slack':
      return { url: endpoint.url, headers: JSON_HEADERS, body: JSON.stringify({ text: chatLine(event, locale) }) };
  }
}

/**
 * Whether a 2xx answer also reports success in its body: WeCom and DingTalk answer 200 with
 * `errcode` ≠ 0 on a refusal (bad key, bad signature), Feishu with `code` ≠ 0; other formats go by status.
 */
export function acceptedByBody(format: WebhookFormat, text: string): string | null {
  if (format !== 'wecom' && format !== 'dingtalk' && format !== 'feishu') return null;
  try {
    const body = JSON.parse(text) as { errcode?: unknown; code?: unknown; errmsg?: unknown; msg?: unknown };
    const code = format === 'feishu' ? body.code : body.errcode;
    if (code === undefined || code === 0) return null;
    return `refused: ${String(code)} ${String((format === 'feishu' ? body.msg : body.errmsg) ?? '').slice(0, 200)}`;
  } catch {
    return null;
  }
}
