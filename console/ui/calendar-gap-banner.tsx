import type { T } from '../i18n';

/** Props of CalendarGapBanner. */
export interface CalendarGapBannerProps {
  t: T;
  gaps: readonly { calendarId: string; year: number; daysUntil: number }[];
  onNavigate(path: string): void;
}

/** Across the console for admins: the active calendar lacks a year deadlines fall into now or soon (weekends-only is assumed meanwhile). */
export function CalendarGapBanner({ t, gaps, onNavigate }: CalendarGapBannerProps) {
  const gap = gaps[0];
  if (!gap) return null;
  return (
    <div class="banner banner-warn app-banner" role="region" aria-label={t('admin.gap.label')} data-testid="calendar-gap-banner">
      <span>
        {gap.daysUntil > 0 ? t('admin.gap.soon', { id: gap.calendarId, year: gap.year, days: gap.daysUntil }) : t('admin.gap.now', { id: gap.calendarId, year: gap.year })}
      </span>
      <a
        href="/admin/calendars"
        onClick={(e) => {
          e.preventDefault();
          onNavigate('/admin/calendars');
        }}
      >
        {t('admin.gap.action', { year: gap.year })}
      </a>
    </div>
  );
}
