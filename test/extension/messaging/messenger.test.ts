import '../support/fake-browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it } from 'vitest';
import { listen, reply, send, type Handlers, type RuntimeLike } from '../../../extension/messaging/messenger';
import { isEnvelope } from '../../../extension/messaging/protocol';
import { isLocalFailure, localFailure } from '../../../shared/sync/request';

const runtime = () => fakeBrowser.runtime as unknown as RuntimeLike;

const handlers = (overrides: Partial<Handlers> = {}): Handlers => ({
  'clip.capture': async (data) => reply<'clip.capture'>({ draftId: `draft-for-${data.trigger}`, screenshot: false }),
  'clip.retry': async () => reply<'clip.retry'>({ draftId: 'retried', screenshot: false }),
  'clip.dismiss': async () => reply<'clip.dismiss'>({ remaining: 0 }),
  'sync.now': async () => reply<'sync.now'>({ sent: 0, synced: 0, unsynced: 3 }),
  'connection.check': async () => ({ ok: false, error: localFailure('unauthenticated', 'no') }),
  'similar.find': async () => reply<'similar.find'>({ items: [] }),
  'adapters.refresh': async () => reply<'adapters.refresh'>({ version: 'v', count: 0, changed: false }),
  'teach.pick': async () => reply<'teach.pick'>({ pick: null }),
  'teach.preview': async () => reply<'teach.preview'>({ values: {}, messageCount: 0, definition: null, issues: [] }),
  'teach.cancel': async () => reply<'teach.cancel'>({}),
  ...overrides,
});

describe('typed messaging (one protocol map)', () => {
  beforeEach(() => fakeBrowser.reset());

  it('routes a message to its handler and brings back the typed reply', async () => {
    listen(runtime(), handlers());
    const answer = await send(runtime(), 'clip.capture', { trigger: 'command' });
    expect(answer).toEqual({ ok: true, value: { draftId: 'draft-for-command', screenshot: false } });
    expect(await send(runtime(), 'sync.now', {})).toEqual({ ok: true, value: { sent: 0, synced: 0, unsynced: 3 } });
  });

  it('refuses a request that does not match its schema before the handler runs', async () => {
    let ran = false;
    listen(runtime(), handlers({ 'clip.capture': async () => ((ran = true), reply<'clip.capture'>({ draftId: 'x', screenshot: false })) }));
    const answer = await send(runtime(), 'clip.capture', { trigger: 'telepathy' } as never);
    expect(answer.ok).toBe(false);
    expect(!answer.ok && answer.error.code).toBe('validation_failed');
    expect(!answer.ok && isLocalFailure(answer.error) && answer.error.errors?.[0]?.path).toEqual(['trigger']);
    expect(ran).toBe(false);
  });

  it('turns a throwing handler into a coded error instead of a dangling promise', async () => {
    listen(runtime(), handlers({ 'similar.find': async () => Promise.reject(new Error('IndexedDB is gone')) }));
    expect(await send(runtime(), 'similar.find', {})).toEqual({ ok: false, error: { kind: 'local', code: 'internal', detail: 'IndexedDB is gone', retry: false } });
  });

  it('ignores messages that are not ours, and says so when nobody answers', async () => {
    expect(isEnvelope({ action: 'clip' })).toBe(false);
    expect(isEnvelope({ echobox: 1, type: 'format.disk', data: {} })).toBe(false);
    const stop = listen(runtime(), handlers());
    stop();
    const answer = await send(runtime(), 'sync.now', {});
    expect(answer.ok).toBe(false);
  });
});
