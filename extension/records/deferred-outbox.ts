import type { Outbox } from '../../shared/sync';

/**
 * An Outbox usable before the database is open: each call waits for it. The service worker must
 * register its event listeners in its first turn, before IndexedDB has answered.
 */
export function deferredOutbox(name: string, opening: Promise<Outbox>): Outbox {
  const later =
    <K extends keyof Outbox>(key: K) =>
    (...args: unknown[]) =>
      opening.then((outbox) => (outbox[key] as (...a: unknown[]) => unknown)(...args));
  return {
    name,
    put: later('put') as Outbox['put'],
    get: later('get') as Outbox['get'],
    list: later('list') as Outbox['list'],
    count: later('count') as Outbox['count'],
    remove: later('remove') as Outbox['remove'],
    putBlob: later('putBlob') as Outbox['putBlob'],
    getBlob: later('getBlob') as Outbox['getBlob'],
    deleteBlob: later('deleteBlob') as Outbox['deleteBlob'],
    getMeta: later('getMeta') as Outbox['getMeta'],
    setMeta: later('setMeta') as Outbox['setMeta'],
    claim: later('claim') as Outbox['claim'],
    settle: later('settle') as Outbox['settle'],
    requeue: later('requeue') as Outbox['requeue'],
    nextDueAt: later('nextDueAt') as Outbox['nextDueAt'],
    prune: later('prune') as Outbox['prune'],
    subscribe(listener) {
      let unsubscribe: (() => void) | undefined;
      let stopped = false;
      void opening.then((outbox) => {
        if (!stopped) unsubscribe = outbox.subscribe(listener);
      });
      return () => {
        stopped = true;
        unsubscribe?.();
      };
    },
    close() {
      void opening.then((outbox) => outbox.close());
    },
  };
}
