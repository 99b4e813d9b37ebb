import type { Locale } from '../../shared/i18n/locale';
import type { ApiClient } from '../api/client';
import { AdminTemplates, AdminWebhooks, MailSetup } from '../models/admin-notifications';
import type { T } from '../i18n';
import { ErrorBanner } from './admin-parts';
import { TemplatesSection } from './admin-notifications-templates';
import { WebhooksSection } from './admin-notifications-webhooks';
import { useModel } from './use-model';
import { useEffect } from 'preact/hooks';

/*
 * Administration → Notifications, a page module of its own: admin-page.tsx loads it on demand, so
 * none of it (nor the webhook and template schemas) is part of the console's first load.
 */

/** Props of AdminNotificationsSection. */
export interface AdminNotificationsSectionProps {
  t: T;
  locale: Locale;
  timeZone: string;
  api: ApiClient;
  copy(text: string): Promise<boolean>;
}

/** Where staff events go, how customer e-mails read, and how e-mail leaves (read-only). */
export function AdminNotificationsSection({ t, locale, timeZone, api, copy }: AdminNotificationsSectionProps) {
  const hooks = useModel(() => new AdminWebhooks(api));
  const mail = useModel(() => new MailSetup(api));
  const templates = useModel(
    () =>
      new AdminTemplates(api, () => ({
        recordNumber: 'CS-20261204-007',
        message: t('notify.admin.templates.sampleMessage'),
        version: '2.4',
        statusUrl: `${mail.settings.value?.publicUrl ?? location.origin}/status/…`,
      })),
  );
  return (
    <>
      <p class="muted">{t('notify.admin.lead')}</p>
      <MailSection t={t} mail={mail} />
      <WebhooksSection t={t} locale={locale} timeZone={timeZone} hooks={hooks} copy={copy} />
      <TemplatesSection t={t} templates={templates} />
    </>
  );
}

/** The mail setup as the server's environment made it; without SMTP, says that messages stay "to send by hand". */
function MailSection({ t, mail }: { t: T; mail: MailSetup }) {
  useEffect(() => void mail.load(), [mail]);
  const settings = mail.settings.value;
  return (
    <section class="card" aria-labelledby="mail-setup-title" data-testid="mail-setup">
      <h2 id="mail-setup-title">{t('notify.admin.mail.title')}</h2>
      <p class="muted">{t('notify.admin.mail.lead')}</p>
      <ErrorBanner t={t} error={mail.error.value} shown={[]} />
      {settings && (
        <>
          <dl class="facts">
            <div class="item">
              <dt>{t('notify.admin.mail.smtp')}</dt>
              <dd>{settings.smtpHost ? t('notify.admin.mail.smtpOn', { host: settings.smtpHost }) : t('notify.admin.mail.smtpOff')}</dd>
            </div>
            <div class="item">
              <dt>{t('notify.admin.mail.from')}</dt>
              <dd>{settings.from}</dd>
            </div>
            <div class="item">
              <dt>{t('notify.admin.mail.publicUrl')}</dt>
              <dd class="mono">{settings.publicUrl}</dd>
            </div>
            <div class="item">
              <dt>{t('notify.admin.mail.linkDays')}</dt>
              <dd>{t('notify.admin.mail.linkDaysValue', { days: settings.statusLinkDays })}</dd>
            </div>
          </dl>
          {!settings.smtpConfigured && <p class="banner banner-warn">{t('notify.admin.mail.manual')}</p>}
        </>
      )}
    </section>
  );
}
