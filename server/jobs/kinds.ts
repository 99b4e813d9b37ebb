import type { JobHandlers } from './runner';
import type { Locale } from '../../shared/i18n/locale';
import { WEBHOOK_DELIVER } from '../webhooks/events';
import { deliverWebhook } from '../webhooks/deliver';

/** What the built-in job kinds need from the outside world. */
export interface JobKindDeps {
  /** Language of staff notifications and team-chat messages. */
  notifyLocale: Locale;
}

/**
 * Every job kind the server runs, by name. Adding a kind is one line here: a name and a handler
 * (`(payload, ctx) => Promise<void>`; call `ctx.complete(tx => …)` for local writes that must happen once).
 */
export function jobHandlers(deps: JobKindDeps): JobHandlers {
  return {
    [WEBHOOK_DELIVER]: deliverWebhook({ locale: deps.notifyLocale }),
  };
}
