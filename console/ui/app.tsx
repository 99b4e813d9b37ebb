import { useCallback, useEffect } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import type { Preferences } from '../models/preferences';
import type { Router } from '../models/router';
import { Queue } from '../models/queue';
import { Triage } from '../models/triage';
import { LedgerExport } from '../models/ledger-export';
import { SavedViews } from '../models/saved-views';
import { can } from '../../shared/domain/permissions';
import type { Session } from '../models/session';
import type { RecordSummary } from '../../shared/schemas/record';
import type { Language } from '../models/language';
import { PasswordForm } from './password-form';
import { PreferenceControls } from './preference-controls';
import { QueuePage } from './queue-page';
import { RecordPage } from './record-page';
import { SignInPage } from './sign-in-page';
import { TopBar } from './top-bar';
import { Dashboard } from '../models/dashboard';
import { useModel } from './use-model';
import { CalendarGapBanner } from './calendar-gap-banner';
import { AdminRefusal } from './admin-refusal';
import { lazyPage } from './lazy-page';
import { CalendarGaps } from '../models/admin-calendars';
import { Campaigns } from '../models/campaigns';
import { CampaignRoutes } from './campaign-routes';
import { ReportLoader } from './report-loader';

// The route table's pages: each is a chunk of its own, fetched on first use (the queue is not).
const AccountPage = lazyPage(() => import('./account-page').then((m) => m.AccountPage));
const NewRecordPage = lazyPage(() => import('./new-record-page').then((m) => m.NewRecordPage));
const DashboardPage = lazyPage(() => import('./dashboard-page').then((m) => m.DashboardPage));
const AdminPage = lazyPage(() => import('./admin-page').then((m) => m.AdminPage));

/** What the app is given by the entry point: its I/O and its models. */
export interface AppProps {
  api: ApiClient;
  session: Session;
  preferences: Preferences;
  /** The shown language and its translator. */
  language: Language;
  router: Router;
  serverUrl: string;
  /** How often the queue polls the changes feed. */
  pollMs: number;
  copy(text: string): Promise<boolean>;
  /** The browser's fetch, for streamed downloads (the ledger export). */
  fetch: typeof fetch;
  /** Save a file the console produced (an export) through the browser. */
  download(file: Blob, name: string): void;
}

/** The signed-in console: top bar and the page of the current route; the queue lives as long as the session. */
function Workspace(props: AppProps) {
  const { api, session, preferences, language, router } = props;
  // The company's zone from the server, not the browser's: deadlines are ends of company days.
  const timeZone = session.timeZone.value;
  const locale = language.locale.value;
  const t = language.t.value;
  const user = session.user.value!;
  const queue = useModel(() => new Queue(api, { pollMs: props.pollMs, scope: session.reviewer.peek() ? 'all' : 'mine' }));
  // Triage and export follow the role's permissions; the server checks them again on every request.
  const triage = useModel(() => new Triage(api, queue));
  const exporter = useModel(() => new LedgerExport(props.fetch, props.download, api.unsafeHeaders));
  const views = useModel(() => new SavedViews(api, { id: user.id, role: user.role }));
  const campaigns = useModel(() => new Campaigns(api));
  const canTriage = can(user.role, 'record.assign') && can(user.role, 'record.screen');
  const canExport = can(user.role, 'record.export');
  const isAdmin = can(user.role, 'user.manage');
  const gaps = useModel(() => new CalendarGaps(api));
  useEffect(() => void (isAdmin && gaps.refresh()), [isAdmin, gaps]);
  const route = router.route.value;
  const dashboard = useModel(() => new Dashboard(api, () => new Date(), timeZone));
  const dashboardOpen = route.page === 'dashboard';
  useEffect(() => {
    if (dashboardOpen) void dashboard.load();
  }, [dashboardOpen, dashboard]);
  const open = useCallback((row: RecordSummary) => router.go(`/records/${encodeURIComponent(row.recordNumber)}`), [router]);
  return (
    <div class="app">
      <TopBar t={t} user={user} route={route} controls={<PreferenceControls t={t} preferences={preferences} language={language} />} onNavigate={router.go} onSignOut={() => void session.signOut()} admin={isAdmin} />
      {isAdmin && <CalendarGapBanner t={t} gaps={gaps.gaps.value} onNavigate={router.go} />}
      {route.page === 'queue' && <QueuePage t={t} locale={locale} timeZone={timeZone} queue={queue} triage={canTriage ? triage : null} exporter={canExport ? exporter : null} api={api} views={views} address={router.search.peek()} onAddress={router.setSearch} onOpen={open} />}
      {route.page === 'account' && <AccountPage t={t} locale={locale} timeZone={timeZone} api={api} session={session} serverUrl={props.serverUrl} copy={props.copy} />}
      {route.page === 'new_record' && (
        <NewRecordPage
          t={t}
          locale={locale}
          timeZone={timeZone}
          api={api}
          viewer={{ id: user.id, name: user.name, role: user.role, department: user.department }}
          onCreated={(number) => router.go(`/records/${encodeURIComponent(number)}`)}
          onCancel={() => router.go('/')}
        />
      )}
      {route.page === 'record' && (
        <RecordPage
          key={route.id}
          t={t}
          locale={locale}
          timeZone={timeZone}
          api={api}
          id={route.id}
          viewer={{ id: user.id, name: user.name, role: user.role }}
          onBack={() => router.go('/')}
          onOpen={(number) => router.go(`/records/${encodeURIComponent(number)}`)}
        />
      )}
      {route.page === 'admin' &&
        (isAdmin ? (
          <AdminPage
            t={t}
            locale={locale}
            timeZone={timeZone}
            api={api}
            section={route.section}
            selfId={user.id}
            serverUrl={props.serverUrl}
            copy={props.copy}
            onNavigate={router.go}
            onCalendarSaved={() => void gaps.refresh()}
          />
        ) : (
          <AdminRefusal t={t} onNavigate={router.go} />
        ))}
      <CampaignRoutes
        t={t}
        locale={locale}
        theme={preferences.dark.value ? 'dark' : 'light'}
        route={route}
        api={api}
        campaigns={campaigns}
        role={user.role}
        timeZone={timeZone}
        onNavigate={router.go}
        onShowRecords={(campaignId) => {
          queue.setFilters({ campaignId });
          router.go('/');
        }}
      />
      {route.page === 'dashboard' && (
        <DashboardPage
          t={t}
          locale={locale}
          timeZone={timeZone}
          model={dashboard}
          onOpenQueue={(link) => {
            queue.setFilters(link);
            router.go('/');
          }}
        />
      )}
      {route.page === 'reports' && <ReportLoader t={t} locale={locale} timeZone={timeZone} api={api} onOpenRecord={(n) => router.go(`/records/${encodeURIComponent(n)}`)} />}
      {route.page === 'not_found' && (
        <main id="main" class="page page-narrow">
          <h1>{t('console.notFound.title')}</h1>
          <p>
            <a href="/" onClick={(e) => (e.preventDefault(), router.go('/'))}>
              {t('console.notFound.back')}
            </a>
          </p>
        </main>
      )}
    </div>
  );
}

/** The console: sign-in, the forced password change, or the workspace, in the chosen language. */
export function App(props: AppProps) {
  const { session, preferences, language } = props;
  const t = language.t.value;
  const controls = <PreferenceControls t={t} preferences={preferences} language={language} />;
  switch (session.state.value) {
    case 'loading':
      return <div class="splash" aria-busy="true" aria-label={t('console.queue.loading')} />;
    case 'signed_out':
      return <SignInPage t={t} session={session} controls={controls} />;
    case 'password_change_required':
      return (
        <div class="auth-screen">
          <div class="auth-controls">{controls}</div>
          <main class="auth-card" aria-labelledby="forced-title">
            <h1 id="forced-title">{t('console.password.requiredTitle')}</h1>
            <p class="muted">{t('console.password.requiredLead')}</p>
            <PasswordForm t={t} busy={session.busy.value} onSubmit={session.changePassword} />
            <button type="button" class="button button-quiet" onClick={() => void session.signOut()}>
              {t('console.user.signOut')}
            </button>
          </main>
        </div>
      );
    case 'signed_in':
      return <Workspace {...props} />;
  }
}
