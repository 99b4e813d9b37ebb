import * as z from 'zod/mini';
import { HttpUrl, Id, IsoDateTime, ShortText } from './common';

/** Events an endpoint may subscribe to. */
export const WEBHOOK_EVENTS = [
  'record.created',
  'record.screened',
  'record.assigned',
  'record.status_changed',
  'obligation.due_soon',
  'obligation.breached',
  'satisfaction.received',
  'survey.response_received',
] as const;
export const WebhookEventType = z.enum(WEBHOOK_EVENTS);
export type WebhookEventType = z.infer<typeof WebhookEventType>;

/** The event an admin sends to try an endpoint: delivered whatever the endpoint subscribes to, never subscribable. */
export const WEBHOOK_TEST_EVENT = 'webhook.test';

/** How deliveries are shaped: Standard Webhooks (signed JSON), or a team chat's bot message. */
export const WEBHOOK_FORMATS = ['standard', 'wecom', 'dingtalk', 'feishu', 'slack'] as const;
export const WebhookFormat = z.enum(WEBHOOK_FORMATS);
export type WebhookFormat = z.infer<typeof WebhookFormat>;

/** What an event says: the record (or survey) it is about, and a few facts receivers filter on. */
export const WebhookEventData = z.object({
  recordId: z.optional(Id),
  recordNumber: z.optional(z.string()),
  department: z.optional(z.string()),
  status: z.optional(z.nullable(z.string())),
  previousStatus: z.optional(z.nullable(z.string())),
  category: z.optional(z.nullable(z.string())),
  urgency: z.optional(z.nullable(z.string())),
  validity: z.optional(z.string()),
  ownerId: z.optional(z.nullable(Id)),
  obligation: z.optional(z.string()),
  dueAt: z.optional(IsoDateTime),
  score: z.optional(z.string()),
  surveyId: z.optional(Id),
  responseId: z.optional(Id),
});
export type WebhookEventData = z.infer<typeof WebhookEventData>;

/** The body of a standard delivery (the Standard Webhooks payload shape: type, timestamp, data). */
export const WebhookEvent = z.object({ type: z.enum([...WEBHOOK_EVENTS, WEBHOOK_TEST_EVENT]), timestamp: IsoDateTime, data: WebhookEventData });
export type WebhookEvent = z.infer<typeof WebhookEvent>;

/**
 * A new endpoint. `secret`: for DingTalk and Feishu the bot's signing secret (from the bot's
 * security settings); for standard endpoints the server makes one and shows it once; WeCom and
 * Slack carry their key in the URL.
 */
export const WebhookCreate = z
  .object({
    name: ShortText,
    url: HttpUrl,
    format: z._default(WebhookFormat, 'standard'),
    events: z.array(WebhookEventType).check(z.minLength(1), z.maxLength(WEBHOOK_EVENTS.length)),
    secret: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  })
  .check(
    z.refine((v) => v.format !== 'standard' || v.secret === undefined, { message: 'standard endpoints get a secret made by the server', path: ['secret'] }),
  );
export type WebhookCreate = z.infer<typeof WebhookCreate>;

/** A change to an endpoint: its name, URL, events, or whether it is active. */
export const WebhookUpdate = z.object({
  name: z.optional(ShortText),
  url: z.optional(HttpUrl),
  events: z.optional(z.array(WebhookEventType).check(z.minLength(1), z.maxLength(WEBHOOK_EVENTS.length))),
  active: z.optional(z.boolean()),
});
export type WebhookUpdate = z.infer<typeof WebhookUpdate>;

/** An endpoint as listed (never its secret). */
export const WebhookView = z.object({
  id: Id,
  name: z.string(),
  url: z.string(),
  format: WebhookFormat,
  events: z.array(WebhookEventType),
  active: z.boolean(),
  signed: z.boolean(),
  createdAt: IsoDateTime,
});
export type WebhookView = z.infer<typeof WebhookView>;

/** The answer to creating an endpoint: the view, and for standard endpoints the secret, shown this once. */
export const WebhookCreated = z.object({ endpoint: WebhookView, secret: z.nullable(z.string()) });
export type WebhookCreated = z.infer<typeof WebhookCreated>;

/** Every endpoint. */
export const WebhookList = z.object({ items: z.array(WebhookView) });
export type WebhookList = z.infer<typeof WebhookList>;

/** One attempt to deliver one event. */
export const WebhookDelivery = z.object({
  id: z.number(),
  messageId: z.string(),
  eventType: z.string(),
  attempt: z.number(),
  at: IsoDateTime,
  outcome: z.enum(['delivered', 'failed']),
  statusCode: z.nullable(z.number()),
  error: z.nullable(z.string()),
  /** For the latest failed attempt of an event still to be retried: when the next attempt is due. */
  nextAttemptAt: z.nullable(IsoDateTime),
});
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;

/** An endpoint's delivery log, most recent first. */
export const WebhookDeliveryList = z.object({ items: z.array(WebhookDelivery) });
export type WebhookDeliveryList = z.infer<typeof WebhookDeliveryList>;

/** The answer to sending a test event: its message id, as the delivery log and the receiver see it. */
export const WebhookTestSent = z.object({ messageId: z.string() });
export type WebhookTestSent = z.infer<typeof WebhookTestSent>;
