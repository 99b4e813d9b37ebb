import { render } from 'preact';
import { effect } from '@preact/signals';
import { createApiClient } from './api/client';
import { BOOT_KEY } from './api/boot-requests';
import { Preferences } from './models/preferences';
import { Router } from './models/router';
import { Session } from './models/session';
import { Language } from './models/language';
import { loadMessages } from './load-messages';
import { App } from './ui/app';
import './styles.css';

/*
 * The console's entry point: the only module that touches the browser's globals (location,
 * history, localStorage, matchMedia, clipboard, document). Everything else gets them as arguments.
 */

/** Seconds between polls of the changes feed. */
const POLL_MS = 5_000;

async function main() {
  // The session and first queue page console/boot.ts asked for while this bundle loaded.
  const api = createApiClient({ early: (window as unknown as Record<string, Record<string, Promise<Response>> | undefined>)[BOOT_KEY] });
  const session = new Session(api);
  const dark = matchMedia('(prefers-color-scheme: dark)');
  const preferences = new Preferences(localStorage, navigator.languages, dark.matches);
  dark.addEventListener('change', (e) => (preferences.systemDark.value = e.matches));
  const router = new Router({
    get path() {
      return location.pathname;
    },
    get search() {
      return location.search;
    },
    push: (path) => history.pushState(null, '', path),
    replaceSearch: (search) => history.replaceState(null, '', `${location.pathname}${search}`),
  });
  addEventListener('popstate', router.sync);
  void session.load();
  // Usually already fetched: the boot script asked for the same language's messages.
  const first = preferences.locale.peek();
  const language = new Language(preferences, loadMessages, { locale: first, messages: await loadMessages(first) });
  effect(() => {
    const root = document.documentElement;
    root.lang = language.locale.value;
    root.dataset.theme = preferences.dark.value ? 'dark' : 'light';
    document.title = language.t.value('console.title');
  });
  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      return false;
    }
  };
  /** Hand a finished export to the browser as a download. */
  const download = (file: Blob, name: string) => {
    const url = URL.createObjectURL(file);
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  };
  render(
    <App api={api} session={session} preferences={preferences} language={language} router={router} serverUrl={location.origin} pollMs={POLL_MS} copy={copy} fetch={fetch.bind(globalThis)} download={download} />,
    document.getElementById('app')!,
  );
}

void main();
