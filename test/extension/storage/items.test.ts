import '../support/fake-browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_OPTIONS, isConfigured, migrateOptionsV1, missingOptions, originPattern, serverUrlProblem } from '../../../extension/storage/extension-options';

describe('options storage item (versioned)', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.resetModules();
  });

  it('a fresh install reads the defaults: Chinese UI, customer-service tickets, not configured', async () => {
    const { optionsItem } = await import('../../../extension/storage/items');
    const options = await optionsItem.getValue();
    expect(options).toEqual(DEFAULT_OPTIONS);
    expect(missingOptions(options)).toEqual(['serverUrl', 'token', 'department', 'initiatorName']);
  });

  it('migrates a version-1 value (flat defaults) to version 2 when the extension starts', async () => {
    await fakeBrowser.storage.local.set({
      options: {
        serverUrl: 'https://echobox.example.com',
        token: 'ebx_abc',
        department: 'CS',
        initiatorName: '李客服',
        locale: 'en',
        defaultSource: 'sales',
        defaultChannel: 'call',
        defaultCategory: 'feature_request',
      },
      options$: { v: 1 },
    });
    const { optionsItem } = await import('../../../extension/storage/items');
    await optionsItem.migrate();
    const options = await optionsItem.getValue();
    expect(options).toEqual({
      serverUrl: 'https://echobox.example.com',
      token: 'ebx_abc',
      department: 'CS',
      initiatorName: '李客服',
      locale: 'en',
      defaults: { source: 'sales', channel: 'call', channelMode: 'passive', category: 'feature_request' },
    });
    expect(isConfigured(options)).toBe(true);
    expect(await fakeBrowser.storage.local.get('options$')).toEqual({ options$: { v: 2 } });
  });

  it('keeps the connection settings when an old default is no longer a known code', () => {
    const migrated = migrateOptionsV1({ serverUrl: 'https://e.example.com', token: 't', defaultChannel: 'fax' });
    expect(migrated.serverUrl).toBe('https://e.example.com');
    expect(migrated.defaults).toEqual(DEFAULT_OPTIONS.defaults);
    expect(migrateOptionsV1(null)).toEqual(DEFAULT_OPTIONS);
  });

  it('asks for the server origin on any port, and only for http(s)', () => {
    expect(originPattern('http://127.0.0.1:8787/')).toBe('http://127.0.0.1/*');
    expect(originPattern('https://echobox.example.com')).toBe('https://echobox.example.com/*');
    expect(originPattern('javascript:alert(1)')).toBeNull();
  });

  it('refuses a plain http:// server address except on this machine (the token would travel in clear)', () => {
    expect(serverUrlProblem('http://echobox.example.com')).toBe('insecure_url');
    expect(serverUrlProblem('http://10.0.0.8:8787/')).toBe('insecure_url');
    expect(serverUrlProblem('http://localhost.example.com')).toBe('insecure_url');
    expect(serverUrlProblem('https://echobox.example.com')).toBeNull();
    for (const local of ['http://localhost:8787', 'http://127.0.0.1:8787/', 'http://[::1]:8787']) expect(serverUrlProblem(local)).toBeNull();
    expect(serverUrlProblem('ftp://echobox.example.com')).toBe('invalid_url');
  });

  it('a remote http:// address stored before the rule counts as not configured, so nothing is sent to it', () => {
    const stored = { ...DEFAULT_OPTIONS, serverUrl: 'http://echobox.example.com', token: 'ebx_abc', department: 'CS', initiatorName: '李客服' };
    expect(missingOptions(stored)).toEqual(['serverUrl']);
    expect(isConfigured({ ...stored, serverUrl: 'http://127.0.0.1:8787' })).toBe(true);
  });
});
