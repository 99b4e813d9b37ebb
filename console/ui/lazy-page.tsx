import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { T } from '../i18n';

/*
 * Every page but the sign-in page and the queue is a chunk of its own (console/build.ts splits the
 * build), fetched the first time its route is shown: the first load stays small, and a page's heavy
 * libraries (charts, RE2JS) come only with it. While the chunk loads the page says so; if it cannot
 * be fetched (offline, a deploy replaced it) the person sees why and can try again, never a blank page.
 */

/**
 * A page component whose module is imported on first render; `load` picks the component from it.
 * `prepare`, a hook run on every render from the first, turns the route's props into the page's:
 * it can make the page's model and start its data there, so the first answer and the chunk travel
 * at the same time instead of one after the other.
 */
export function lazyPage<P extends { t: T }, R extends { t: T } = P>(load: () => Promise<ComponentType<P>>, prepare?: (props: R) => P): ComponentType<R> {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<unknown> | undefined;
  const start = () =>
    (pending ??= load().then(
      (component) => (loaded = component),
      (error: unknown) => {
        // Forgotten, so "Try again" imports afresh.
        pending = undefined;
        throw error;
      },
    ));
  return function LazyPage(props: R) {
    // Same hook calls on every render: `prepare` is fixed for this page.
    const pageProps = prepare ? prepare(props) : (props as unknown as P);
    const [failed, setFailed] = useState(false);
    const [, setReady] = useState(0);
    const [attempt, setAttempt] = useState(0);
    useEffect(() => {
      if (loaded) return;
      let live = true;
      start().then(
        () => live && setReady((n) => n + 1),
        () => live && setFailed(true),
      );
      return () => void (live = false);
    }, [attempt]);
    const Page = loaded;
    if (Page) return <Page {...pageProps} />;
    const { t } = props;
    if (failed) {
      return (
        <main id="main" class="page page-narrow" data-testid="page-load-failed">
          <p class="banner banner-error" role="alert">
            {t('console.page.failed')}
          </p>
          <button
            type="button"
            class="button"
            onClick={() => {
              setFailed(false);
              setAttempt((n) => n + 1);
            }}
          >
            {t('console.page.retry')}
          </button>
        </main>
      );
    }
    return (
      <main id="main" class="page page-narrow" aria-busy="true">
        <p class="muted" role="status">
          {t('console.page.loading')}
        </p>
      </main>
    );
  };
}
