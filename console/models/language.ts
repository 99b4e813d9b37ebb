import { batch, computed, createModel, effect, signal } from '@preact/signals';
import type { Locale } from '../../shared/i18n/locale';
import type { Messages } from '../../shared/i18n/translator';
import { translator } from '../i18n';
import type { Preferences } from './preferences';

/** Fetch one language's messages (console/load-messages.ts in the browser). */
export type LoadMessages = (locale: Locale) => Promise<Messages>;

/**
 * The language the console is shown in: the person's choice (Preferences.locale) once its messages
 * have arrived. Until then the page stays in the language it was in, so a switch never shows bare
 * keys; a switch whose messages cannot be fetched (offline) puts the choice back and says so.
 */
export const Language = createModel((preferences: Preferences, load: LoadMessages, first: { locale: Locale; messages: Messages }) => {
  const tables = new Map<Locale, Messages>([[first.locale, first.messages]]);
  const locale = signal(first.locale);
  const messages = signal(first.messages);
  /** The language whose messages are on their way. */
  const loading = signal<Locale | null>(null);
  /** The language that could not be fetched at the last switch. */
  const failed = signal<Locale | null>(null);
  const show = (next: Locale, table: Messages) =>
    batch(() => {
      messages.value = table;
      locale.value = next;
    });
  effect(() => {
    const wanted = preferences.locale.value;
    if (wanted === locale.peek()) return;
    failed.value = null;
    const ready = tables.get(wanted);
    if (ready) return show(wanted, ready);
    loading.value = wanted;
    load(wanted).then(
      (table) => {
        tables.set(wanted, table);
        // A later switch may have changed the choice meanwhile: only the current one is shown.
        if (preferences.locale.peek() === wanted) show(wanted, table);
      },
      () => {
        if (preferences.locale.peek() !== wanted) return;
        failed.value = wanted;
        preferences.setLocale(locale.peek());
      },
    ).finally(() => {
      if (loading.peek() === wanted) loading.value = null;
    });
  });
  return {
    locale,
    /** The translator of the shown language. */
    t: computed(() => translator(messages.value)),
    loading,
    failed,
  };
});

/** An instance of Language. */
export type Language = InstanceType<typeof Language>;
