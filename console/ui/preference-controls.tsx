import { LOCALES, type Locale } from '../../shared/i18n/locale';
import type { Preferences, ThemeChoice } from '../models/preferences';
import type { Language } from '../models/language';
import type { T } from '../i18n';

/** Props of PreferenceControls. */
export interface PreferenceControlsProps {
  t: T;
  preferences: Preferences;
  /** The shown language: a switch waits for its messages, and a failed fetch is said here. */
  language: Language;
}

const NEXT_THEME: Record<ThemeChoice, ThemeChoice> = { system: 'light', light: 'dark', dark: 'system' };
const LANGUAGE_NAMES: Record<Locale, string> = { 'zh-CN': '中文', en: 'English' };

/** The language switch (each language named in itself) and the theme switch (system → light → dark). */
export function PreferenceControls({ t, preferences, language }: PreferenceControlsProps) {
  const failed = language.failed.value;
  const theme = preferences.theme.value;
  const themeLabel = t(theme === 'system' ? 'console.theme.system' : theme === 'light' ? 'console.theme.light' : 'console.theme.dark');
  return (
    <div class="preference-controls">
      {failed && (
        <p class="banner banner-error language-failed" role="alert">
          {t('console.language.failed', { language: LANGUAGE_NAMES[failed] })}
        </p>
      )}
      <div class="segmented" role="group" aria-label={t('console.language')} aria-busy={language.loading.value ? 'true' : undefined}>
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
