import { openOutbox, type Outbox } from '../../shared/sync';

/** IndexedDB database of the extension's outbox (records, drafts, screenshots), shared by all its pages. */
export const EXTENSION_OUTBOX_DB = 'echobox-extension';

/** Open the extension's outbox (the worker and every extension page open the same database). */
export const openExtensionOutbox = (): Promise<Outbox> => openOutbox(EXTENSION_OUTBOX_DB);
