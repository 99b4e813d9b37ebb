import type { T } from '../i18n';

/** Props of AdminRefusal. */
export interface AdminRefusalProps {
  t: T;
  onNavigate(path: string): void;
}

/** What someone who is not an admin sees at an administration address (the server refuses its API too). */
export function AdminRefusal({ t, onNavigate }: AdminRefusalProps) {
  return (
    <main id="main" class="page page-narrow" aria-labelledby="admin-refused-title">
      <h1 id="admin-refused-title">{t('admin.refused.title')}</h1>
      <p class="muted">{t('admin.refused.lead')}</p>
      <p>
        <a href="/" onClick={(e) => (e.preventDefault(), onNavigate('/'))}>
          {t('admin.refused.back')}
        </a>
      </p>
    </main>
  );
}
