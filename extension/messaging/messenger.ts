import * as z from 'zod/mini';
import { fieldIssues } from '../../shared/schemas/problem';
import { localFailure } from '../../shared/sync/request';
import { REQUESTS, isEnvelope, type Envelope, type MessageType, type Reply, type RequestOf, type Responses } from './protocol';

/** The part of `browser.runtime` messaging needs (the real one, or fakeBrowser's in tests). */
export interface RuntimeLike {
  sendMessage(message: unknown): Promise<unknown>;
  onMessage: {
    addListener(listener: (message: unknown, sender: unknown) => Promise<unknown> | undefined | void): void;
    removeListener(listener: (message: unknown, sender: unknown) => Promise<unknown> | undefined | void): void;
  };
}

/** Handlers for every message type; each gets validated data and answers a value or throws a coded error. */
export type Handlers = { [K in MessageType]: (data: RequestOf<K>, sender: unknown) => Promise<Reply<K>> };

/** Send a typed message to the background and get its typed reply; transport failures come back as errors. */
export async function send<K extends MessageType>(runtime: RuntimeLike, type: K, data: RequestOf<K>): Promise<Reply<K>> {
  const envelope: Envelope<K> = { echobox: 1, type, data };
  try {
    const reply = (await runtime.sendMessage(envelope)) as Reply<K> | undefined;
    if (reply && typeof reply === 'object' && 'ok' in reply) return reply;
    return { ok: false, error: localFailure('internal', `No handler answered ${type}.`) };
  } catch (error) {
    return { ok: false, error: localFailure('internal', String((error as Error)?.message ?? error)) };
  }
}

/** Route our messages to `handlers`, validating each request; returns the function that stops listening. */
export function listen(runtime: RuntimeLike, handlers: Handlers): () => void {
  const listener = (message: unknown, sender: unknown): Promise<unknown> | undefined => {
    if (!isEnvelope(message)) return undefined;
    return dispatch(handlers, message, sender);
  };
  runtime.onMessage.addListener(listener);
  return () => runtime.onMessage.removeListener(listener);
}

async function dispatch<K extends MessageType>(handlers: Handlers, message: Envelope<K>, sender: unknown): Promise<Reply<K>> {
  const parsed = z.safeParse(REQUESTS[message.type] as z.ZodMiniType, message.data);
  if (!parsed.success) {
    return { ok: false, error: { ...localFailure('validation_failed', `Bad ${message.type} request.`), errors: fieldIssues(parsed.error) } };
  }
  try {
    const handler = handlers[message.type] as (data: RequestOf<K>, sender: unknown) => Promise<Reply<K>>;
    return await handler(parsed.data as RequestOf<K>, sender);
  } catch (error) {
    return { ok: false, error: localFailure('internal', String((error as Error)?.message ?? error)) };
  }
}

/** A successful reply. */
export const reply = <K extends MessageType>(value: Responses[K]): Reply<K> => ({ ok: true, value });
