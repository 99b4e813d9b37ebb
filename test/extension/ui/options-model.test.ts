import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_OPTIONS, type ExtensionOptions } from '../../../extension/storage/extension-options';
import { createOptionsModel, type OptionsDeps } from '../../../extension/ui/options/options-model';

function deps(overrides: Partial<OptionsDeps> = {}) {
  let stored: ExtensionOptions = DEFAULT_OPTIONS;
  const base: OptionsDeps = {
    load: async () => stored,
    save: vi.fn(async (v: ExtensionOptions) => {
      stored = v;
    }),
    requestOrigin: vi.fn(async () => true),
    hasOrigin: vi.fn(async () => false),
    check: vi.fn(async () => ({ ok: true as const, value: { identity: { id: 'u1', name: '李客服', role: 'agent' as const, checkedAt: '2025-09-30T02:00:00.000Z' } } })),
    ...overrides,
  };
  return { base, stored: () => stored };
}

async function filled(d: OptionsDeps) {
  const model = createOptionsModel(d);
  await model.init();
  model.set('serverUrl', 'https://echobox.example.com/');
  model.set('token', ' ebx_secret ');
  model.set('department', 'cs');
  model.set('initiatorName', '李客服');
  return model;
}

describe('options model', () => {
  it('saves trimmed options, asks for the server origin at runtime, then checks the token', async () => {
    const { base, stored } = deps();
    const model = await filled(base);
    await model.save();
    expect(stored()).toMatchObject({ serverUrl: 'https://echobox.example.com', token: 'ebx_secret', department: 'CS', initiatorName: '李客服' });
    expect(base.requestOrigin).toHaveBeenCalledWith('https://echobox.example.com/*');
    expect(base.check).toHaveBeenCalledWith({ serverUrl: 'https://echobox.example.com', token: 'ebx_secret' });
    expect(model.checkState.value).toEqual({ state: 'ok', name: '李客服', role: 'agent' });
  });

  it('keeps the options when the server is unreachable or the permission is refused, and says which', async () => {
    const down = deps({ check: vi.fn(async () => ({ ok: false as const, error: { kind: 'network' as const, code: 'network_error' as const, detail: 'Failed to fetch', retry: true } })) });
    const model = await filled(down.base);
    await model.save();
    expect(down.stored().token).toBe('ebx_secret');
    expect(model.checkState.value).toMatchObject({ state: 'failed', key: 'ext.options.check_unreachable', code: 'network_error' });

    const refused = deps({ requestOrigin: vi.fn(async () => false) });
    const other = await filled(refused.base);
    await other.save();
    expect(refused.stored().serverUrl).toBe('https://echobox.example.com');
    expect(other.checkState.value).toMatchObject({ state: 'failed', key: 'ext.options.check_permission' });
    expect(refused.base.check).not.toHaveBeenCalled();
  });

  it('reports a refused token as such', async () => {
    const { base } = deps({ check: vi.fn(async () => ({ ok: false as const, error: { kind: 'problem' as const, status: 401, code: 'unauthenticated' as const, detail: 'no', retry: false } })) });
    const model = await filled(base);
    await model.save();
    expect(model.checkState.value).toMatchObject({ state: 'failed', key: 'ext.options.check_token' });
  });

  it('does not save an address that is not http(s) or a malformed department code', async () => {
    const { base } = deps();
    const model = await filled(base);
    model.set('serverUrl', 'ftp://echobox');
    model.set('department', '1X');
    expect(model.problems.value).toEqual({ serverUrl: 'ext.options.invalid_url', department: 'ext.options.invalid_department' });
    await model.save();
    expect(base.save).not.toHaveBeenCalled();
  });

  it('refuses a remote http:// address with its own message and saves nothing; http://localhost is fine', async () => {
    const { base } = deps();
    const model = await filled(base);
    model.set('serverUrl', 'http://echobox.example.com');
    expect(model.problems.value).toEqual({ serverUrl: 'ext.options.insecure_url' });
    await model.save();
    expect(base.save).not.toHaveBeenCalled();
    expect(base.check).not.toHaveBeenCalled();
    model.set('serverUrl', 'http://localhost:8787');
    expect(model.problems.value).toEqual({});
    await model.save();
    expect(base.save).toHaveBeenCalledTimes(1);
  });
});
