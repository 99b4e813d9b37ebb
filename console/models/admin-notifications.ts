import { computed, createModel, signal } from '@preact/signals';
import type { ApiClient } from '../api/client';
import type { ApiFailure } from '../../shared/sync/request';
import type { FormError } from './session';
import { adminError, adminWriter } from './admin-users';
import { fillTemplate } from '../../shared/domain/message-template';
import { MailSettings } from '../../shared/schemas/mail-settings';
import { MessageTemplate, MessageTemplateList } from '../../shared/schemas/message';
import {
  WebhookCreated,
  WebhookDeliveryList,
  WebhookList,
  WebhookTestSent,
  WebhookView,
  type WebhookCreate,
  type WebhookDelivery,
  type WebhookUpdate,
} from '../../shared/schemas/webhook';
import type { CommunicationKind } from '../../shared/schemas/enums';
import type { Locale } from '../../shared/schemas/common';

/*
 * Administration → Notifications. The schemas come with this module (through `api.send`), so the
 * console's first load carries none of them.
 */

/** Any call's outcome, its value not yet looked at. */
type Outcome = { ok: true; value: unknown } | { ok: false; failure: ApiFailure };

const webhookPath = (id: string, sub = '') => `/api/v1/webhooks/${encodeURIComponent(id)}${sub}`;

/**
 * Webhook and team-chat endpoints: list, add (a standard endpoint's secret shown once, until
 * dismissed), edit, pause or activate, remove, send a test event, and one endpoint's delivery log.
 */
export const AdminWebhooks = createModel((api: ApiClient) => {
  const items = signal<WebhookView[]>([]);
  const loaded = signal(false);
  const error = signal<FormError | null>(null);
  const busy = signal(false);
  const secret = signal<{ name: string; secret: string } | null>(null);
  /** What the last action did, for a live region ("test event queued for …"). */
  const notice = signal<{ kind: 'test'; name: string } | null>(null);
  const log = signal<{ endpoint: WebhookView; items: WebhookDelivery[] } | null>(null);

  const load = async () => {
    const result = await api.send('GET', '/api/v1/webhooks', WebhookList);
    if (result.ok) items.value = result.value.items;
    else error.value = adminError(result.failure);
    loaded.value = true;
  };

  const writeAndReload = adminWriter({ busy, error }, load);
  /** Run one write, clearing the last notice; a call that answers no body answers true. */
  const write = async <T>(call: () => Promise<Outcome>): Promise<T | null> => {
    notice.value = null;
    const result = await writeAndReload(call);
    return result === null ? null : ((result ?? true) as T);
  };

  const create = async (body: WebhookCreate): Promise<boolean> => {
    const created = await write<WebhookCreated>(() => api.send('POST', '/api/v1/webhooks', WebhookCreated, body));
    if (created?.secret) secret.value = { name: created.endpoint.name, secret: created.secret };
    return created !== null;
  };
  const update = async (id: string, patch: WebhookUpdate) => (await write(() => api.send('PATCH', webhookPath(id), WebhookView, patch))) !== null;
  const remove = async (id: string) => {
    const done = (await write(() => api.send('DELETE', webhookPath(id), undefined))) !== null;
    if (done && log.value?.endpoint.id === id) log.value = null;
    return done;
  };
  const sendTest = async (endpoint: WebhookView) => {
    const sent = await write(() => api.send('POST', webhookPath(endpoint.id, '/test'), WebhookTestSent));
    if (sent) notice.value = { kind: 'test', name: endpoint.name };
    if (sent && log.value?.endpoint.id === endpoint.id) await openLog(endpoint);
  };
  /** Open (or refresh) one endpoint's delivery log. */
  const openLog = async (endpoint: WebhookView) => {
    const result = await api.send('GET', webhookPath(endpoint.id, '/deliveries'), WebhookDeliveryList);
    if (result.ok) log.value = { endpoint, items: result.value.items };
    else error.value = adminError(result.failure);
  };
  const closeLog = () => void (log.value = null);
  /** Forget the secret once the admin has copied it. */
  const dismiss = () => void (secret.value = null);
  const clearError = () => void (error.value = null);

  return { items, loaded, error, busy, secret, notice, log, load, create, update, remove, sendTest, openLog, closeLog, dismiss, clearError };
});

/** An instance of AdminWebhooks. */
export type AdminWebhooks = InstanceType<typeof AdminWebhooks>;

/** The sample record a template preview is filled with (read at each preview, so it may follow signals). */
export interface TemplateSample {
  recordNumber: string;
  message: string;
  version: string;
  statusUrl: string;
}

/**
 * Customer e-mail templates per case (DOMAIN.md §8) and language: the chosen one's draft, a live
 * preview filled from a sample record as a customer would get it, save, and reset to the default.
 */
export const AdminTemplates = createModel((api: ApiClient, sample: () => TemplateSample) => {
  const items = signal<MessageTemplate[]>([]);
  const loaded = signal(false);
  const error = signal<FormError | null>(null);
  const busy = signal(false);
  const kind = signal<CommunicationKind>('adopted');
  const locale = signal<Locale>('zh-CN');
  const subject = signal('');
  const body = signal('');
  /** What the last write did, for a live region. */
  const notice = signal<'saved' | 'reset' | null>(null);

  const current = computed(() => items.value.find((i) => i.kind === kind.value && i.locale === locale.value) ?? null);
  const preview = computed(() => ({
    // As server/messages/render.ts sends it: the subject on one line, the body as plain text.
    subject: fillTemplate(subject.value, { ...sample() }).replace(/[\r\n]+/g, ' '),
    body: fillTemplate(body.value, { ...sample() }),
  }));

  const edit = () => {
    const template = current.value;
    subject.value = template?.subject ?? '';
    body.value = template?.body ?? '';
  };
  const load = async () => {
    const result = await api.send('GET', '/api/v1/message-templates', MessageTemplateList);
    if (result.ok) items.value = result.value.items;
    else error.value = adminError(result.failure);
    loaded.value = true;
    edit();
  };
  const choose = (next: { kind?: CommunicationKind; locale?: Locale }) => {
    if (next.kind) kind.value = next.kind;
    if (next.locale) locale.value = next.locale;
    error.value = null;
    notice.value = null;
    edit();
  };
  const path = () => `/api/v1/message-templates/${kind.value}/${locale.value}`;
  const settle = async (result: Outcome, done: 'saved' | 'reset') => {
    busy.value = false;
    if (!result.ok) {
      error.value = adminError(result.failure);
      return false;
    }
    const stored = result.value as MessageTemplate;
    items.value = items.value.map((i) => (i.kind === stored.kind && i.locale === stored.locale ? stored : i));
    edit();
    notice.value = done;
    return true;
  };
  const begin = () => {
    busy.value = true;
    error.value = null;
    notice.value = null;
  };
  const save = async () => (begin(), settle(await api.send('PUT', path(), MessageTemplate, { subject: subject.value, body: body.value }), 'saved'));
  const reset = async () => (begin(), settle(await api.send('DELETE', path(), MessageTemplate), 'reset'));

  return { items, loaded, error, busy, kind, locale, subject, body, notice, current, preview, load, choose, save, reset };
});

/** An instance of AdminTemplates. */
export type AdminTemplates = InstanceType<typeof AdminTemplates>;

/** The installation's mail setup, read-only. */
export const MailSetup = createModel((api: ApiClient) => {
  const settings = signal<MailSettings | null>(null);
  const error = signal<FormError | null>(null);
  const load = async () => {
    const result = await api.send('GET', '/api/v1/mail-settings', MailSettings);
    if (result.ok) settings.value = result.value;
    else error.value = adminError(result.failure);
  };
  return { settings, error, load };
});

/** An instance of MailSetup. */
export type MailSetup = InstanceType<typeof MailSetup>;
