import { computed, createModel, effect, signal } from '@preact/signals';
import type { Locale } from '../../shared/i18n/locale';
import { chosenLocale, LOCALE_KEY } from '../chosen-locale';

/** Theme choice: follow the system (prefers-color-scheme) or force one. */
export type ThemeChoice = 'system' | 'light' | 'dark';

/** Where preferences are remembered (localStorage in the browser). */
export interface PreferenceStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const THEME_KEY = 'echobox.console.theme';
const THEMES: readonly ThemeChoice[] = ['system', 'light', 'dark'];

/**
 * Language and theme, remembered per browser. Without a stored language the browser's languages
 * decide; `systemDark` is the prefers-color-scheme answer, kept current by the entry point.
 */
export const Preferences = createModel((store: PreferenceStore, browserLanguages: readonly string[], prefersDark: boolean) => {
  const locale = signal<Locale>(chosenLocale(store, browserLanguages));
  const storedTheme = store.getItem(THEME_KEY) as ThemeChoice | null;
  const theme = signal<ThemeChoice>(storedTheme && THEMES.includes(storedTheme) ? storedTheme : 'system');
  const systemDark = signal(prefersDark);
  const dark = computed(() => (theme.value === 'system' ? systemDark.value : theme.value === 'dark'));
  // Remembered as soon as chosen, so a reload or another tab opens in the same language and theme.
  effect(() => store.setItem(LOCALE_KEY, locale.value));
  effect(() => store.setItem(THEME_KEY, theme.value));
  return {
    locale,
    theme,
    systemDark,
    dark,
    setLocale: (next: Locale) => void (locale.value = next),
    setTheme: (next: ThemeChoice) => void (theme.value = next),
  };
});

/** An instance of Preferences. */
export type Preferences = InstanceType<typeof Preferences>;
