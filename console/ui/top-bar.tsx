import { useEffect, useRef, useState } from 'preact/hooks';
import type { StaffUserView } from '../../shared/schemas/staff';
import type { T } from '../i18n';
import { PRODUCT, enumLabel } from './labels';
import type { Route } from '../models/router';
import type { ComponentChildren } from 'preact';
import { can } from '../../shared/domain/permissions';

/** The pages the campaigns entry of the navigation stands for. */
const CAMPAIGN_PAGES: readonly Route['page'][] = ['campaigns', 'campaign', 'survey_new', 'survey', 'survey_results'];

/** Props of TopBar. */
export interface TopBarProps {
  t: T;
  user: StaffUserView;
  route: Route;
  /** Language and theme switches. */
  controls: ComponentChildren;
  onNavigate(path: string): void;
  onSignOut(): void;
  /** Whether the administration entry is shown (admins only; the server refuses others anyway). */
  admin?: boolean;
}

/** Product name, navigation, language and theme, and the user menu (account, sign out). */
export function TopBar({ t, user, route, controls, onNavigate, onSignOut, admin }: TopBarProps) {
  const [menu, setMenu] = useState(false);
  const menuRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!menu) return;
    const close = (e: Event) => {
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !menuRef.current?.contains(e.target as Node)) setMenu(false);
    };
    document.addEventListener('pointerdown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('pointerdown', close);
      document.removeEventListener('keydown', close);
    };
  }, [menu]);
  const link = (path: string, label: string, current: boolean) => (
    <a
      href={path}
      class={`nav-link${current ? ' is-current' : ''}`}
      aria-current={current ? 'page' : undefined}
      onClick={(e) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey) return;
        e.preventDefault();
        onNavigate(path);
      }}
    >
      {label}
    </a>
  );
  const initials = user.name.trim().slice(0, 1).toUpperCase() || '?';
  return (
    <header class="top-bar">
      <a class="skip-link" href="#main">
        {t('console.skip')}
      </a>
      <div class="brand">
        <span class="brand-mark" aria-hidden="true" />
        <span>{PRODUCT}</span>
      </div>
      <nav aria-label={t('console.nav.label')}>
        {link('/', t('console.nav.queue'), route.page === 'queue' || route.page === 'record')}
        {link('/records/new', t('console.new.open'), route.page === 'new_record')}
        {can(user.role, 'dashboard.read') && link('/dashboard', t('dashboard.nav'), route.page === 'dashboard')}
        {can(user.role, 'dashboard.read') && link('/reports', t('report.nav'), route.page === 'reports')}
        {link('/campaigns', t('campaign.nav'), CAMPAIGN_PAGES.includes(route.page))}
        {admin && link('/admin', t('admin.nav'), route.page === 'admin')}
      </nav>
      <div class="top-bar-end">
        {controls}
        <div class="user-menu" ref={menuRef}>
          <button type="button" class="user-button" aria-expanded={menu ? 'true' : 'false'} aria-controls="user-menu" onClick={() => setMenu(!menu)}>
            <span class="avatar" aria-hidden="true">
              {initials}
            </span>
            <span class="user-name">{user.name}</span>
            <span class="visually-hidden">{t('console.user.menu')}</span>
          </button>
          {menu && (
            <div id="user-menu" class="menu">
              <div class="menu-head">
                <strong>{user.name}</strong>
                <span class="muted">{user.email}</span>
                <span class="muted">
                  {enumLabel(t, 'role', user.role)} · {user.department}
                </span>
              </div>
              <button
                type="button"
                class="menu-item"
                onClick={() => {
                  setMenu(false);
                  onNavigate('/account');
                }}
              >
                {t('console.user.account')}
              </button>
              <button
                type="button"
                class="menu-item"
                onClick={() => {
                  setMenu(false);
                  onSignOut();
                }}
              >
                {t('console.user.signOut')}
              </button>
            </div>
          )}
        </div>
      </div>
    </header>
  );
}
