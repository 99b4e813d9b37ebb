import type { Locale } from '../../shared/i18n/locale';
import type { ApiClient } from '../api/client';
import { AdminCalendars } from '../models/admin-calendars';
import { AdminSiteKeys } from '../models/admin-site-keys';
import { AdminUsers } from '../models/admin-users';
import { ADMIN_SECTIONS, type AdminSection } from '../models/router';
import type { T } from '../i18n';
import { AdminCalendarsSection } from './admin-calendars';
import { AdminAdapters } from '../models/admin-adapters';
import { AdminAdaptersSection } from './admin-adapters';
import { AdminSiteKeysSection } from './admin-site-keys';
import { AdminUsersSection } from './admin-users';
import { AdminNotificationsSection } from './admin-notifications';
import { useModel } from './use-model';

/** Props of AdminPage. */
export interface AdminPageProps {
  t: T;
  locale: Locale;
  timeZone: string;
  api: ApiClient;
  section: AdminSection;
  selfId: string;
  serverUrl: string;
  copy(text: string): Promise<boolean>;
  onNavigate(path: string): void;
  /** A calendar year was stored: the missing-year banner asks again. */
  onCalendarSaved(): void;
}

/** Administration (admins only): staff accounts and tokens, widget site keys, working-day calendars, helpdesk adapters, notifications, one tab each. */
export function AdminPage(props: AdminPageProps) {
  const { t, section, api } = props;
  return (
    <main id="main" class="page page-admin" aria-labelledby="admin-title">
      <header class="admin-header">
        <h1 id="admin-title">{t('admin.title')}</h1>
        <p class="muted">{t('admin.lead')}</p>
      </header>
      <nav class="tabs" aria-label={t('admin.sections')}>
        {ADMIN_SECTIONS.map((s) => (
          <a
            key={s}
            href={`/admin/${s}`}
            class={`tab${s === section ? ' is-current' : ''}`}
            aria-current={s === section ? 'page' : undefined}
            onClick={(e) => {
              if (e.metaKey || e.ctrlKey || e.shiftKey) return;
              e.preventDefault();
              props.onNavigate(`/admin/${s}`);
            }}
          >
            {t(`admin.section.${s}`)}
          </a>
        ))}
      </nav>
      {section === 'users' && <UsersTab {...props} />}
      {section === 'site-keys' && <SiteKeysTab {...props} />}
      {section === 'calendars' && <CalendarsTab {...props} />}
      {section === 'adapters' && <AdaptersTab {...props} />}
      {section === 'notifications' && <NotificationsTab {...props} />}
    </main>
  );
}

function UsersTab({ t, locale, timeZone, api, selfId, copy }: AdminPageProps) {
  const users = useModel(() => new AdminUsers(api));
  return <AdminUsersSection t={t} locale={locale} timeZone={timeZone} users={users} selfId={selfId} copy={copy} />;
}

function SiteKeysTab({ t, api, serverUrl, copy }: AdminPageProps) {
  const keys = useModel(() => new AdminSiteKeys(api));
  return <AdminSiteKeysSection t={t} keys={keys} serverUrl={serverUrl} copy={copy} />;
}

function CalendarsTab({ t, locale, api, onCalendarSaved }: AdminPageProps) {
  const calendars = useModel(() => new AdminCalendars(api, onCalendarSaved));
  return <AdminCalendarsSection t={t} locale={locale} calendars={calendars} />;
}

function AdaptersTab({ t, api }: AdminPageProps) {
  // DOMParser's documents are inert: pasted HTML is read, never run or rendered.
  const adapters = useModel(() => new AdminAdapters(api, (html) => new DOMParser().parseFromString(html, 'text/html')));
  return <AdminAdaptersSection t={t} adapters={adapters} />;
}

/** Notifications: endpoints, e-mail templates and the mail setup (this page is itself a chunk loaded on first open). */
function NotificationsTab({ t, locale, timeZone, api, copy }: AdminPageProps) {
  return <AdminNotificationsSection t={t} locale={locale} timeZone={timeZone} api={api} copy={copy} />;
}
