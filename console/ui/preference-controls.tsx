import { LOCALES, type Locale } from '../../shared/i18n/locale';
import type { Preferences, ThemeChoice } from '../models/preferences';
import type { T } from '../i18n';

/** Props of PreferenceControls. */
export interface PreferenceControlsProps {
  t: T;
  preferences: Preferences;
}

const NEXT_THEME: Record<ThemeChoice, ThemeChoice> = { system: 'light', light: 'dark', dark: 'system' };
const LANGUAGE_NAMES: Record<Locale, string> = { 'zh-CN': '中文', en: 'English' };

/** The language switch (each language named in itself) and the theme switch (system → light → dark). */
export function PreferenceControls({ t, preferences }: PreferenceControlsProps) {
  const theme = preferences.theme.value;
  const themeLabel = t(theme === 'system' ? 'console.theme.system' : theme === 'light' ? 'console.theme.light' : 'console.theme.dark');
  return (
    <div class="preference-controls">
      <div class="segmented" role="group" aria-label={t('console.language')}>
        {LOCALES.map((locale) => (
          <button
            key={locale}
            type="button"
            lang={locale}
            aria-pressed={preferences.locale.value === locale ? 'true' : 'false'}
            onClick={() => preferences.setLocale(locale)}
          >
            {LANGUAGE_NAMES[locale]}
          </button>
        ))}
      </div>
      <button type="button" class="icon-button" onClick={() => preferences.setTheme(NEXT_THEME[theme])} aria-label={t('console.theme.switch', { theme: themeLabel })} title={themeLabel}>
        <span class={`theme-icon theme-icon-${theme}`} aria-hidden="true" />
      </button>
    </div>
  );
}
