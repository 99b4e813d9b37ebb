import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { BUILTIN_ADAPTERS } from '../../shared/adapters/builtin';
import { startBackground } from '../background/start-background';
import { deferredOutbox } from '../records/deferred-outbox';
import { EXTENSION_OUTBOX_DB, openExtensionOutbox } from '../records/outbox';

/** The service worker: wires browser events and messages onto clipping and sync (background/start-background). */
export default defineBackground({
  type: 'module',
  main() {
    // Listeners are registered in this first turn (so the event that woke the worker is not lost);
    // their work waits for IndexedDB through the deferred outbox.
    startBackground({ browser, outbox: deferredOutbox(EXTENSION_OUTBOX_DB, openExtensionOutbox()), builtinAdapters: BUILTIN_ADAPTERS });
  },
});
