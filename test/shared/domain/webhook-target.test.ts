import { describe, expect, it } from 'vitest';
import { addressScope, checkWebhookTarget } from '../../../shared/domain/webhook-target';

describe('webhook target scopes', () => {
  it.each([
    ['8.8.8.8', 'public'],
    ['93.184.216.34', 'public'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['0.0.0.0', 'unspecified'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['172.32.0.1', 'public'],
    ['192.168.1.1', 'private'],
    ['169.254.1.1', 'link_local'],
    ['169.254.169.254', 'metadata'],
    ['100.64.0.1', 'cgnat'],
    ['100.127.255.255', 'cgnat'],
    ['100.128.0.1', 'public'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['[::1]', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:169.254.169.254', 'metadata'],
    ['::ffff:8.8.8.8', 'public'],
    ['64:ff9b::10.0.0.1', 'private'],
    ['fc00::1', 'private'],
    ['fd12:3456::1', 'private'],
    ['fd00:ec2::254', 'metadata'],
    ['fe80::1%eth0', 'link_local'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'reserved'],
    ['2606:4700:4700::1111', 'public'],
  ])('%s is %s', (ip, scope) => {
    expect(addressScope(ip)).toBe(scope);
  });

  it('is null for text that is no IP address', () => {
    expect(addressScope('example.com')).toBeNull();
    expect(addressScope('1.2.3.256')).toBeNull();
    expect(addressScope('1::2::3')).toBeNull();
  });

  it('needs https and only public addresses, unless private targets are allowed', () => {
    expect(checkWebhookTarget('https://hooks.example.com/x', ['93.184.216.34'], false)).toEqual({ ok: true, value: undefined });
    expect(checkWebhookTarget('http://hooks.example.com/x', ['93.184.216.34'], false)).toMatchObject({ ok: false, error: { path: ['url'], details: { reason: 'https_required' } } });
    // One private answer among public ones is enough to refuse (DNS rebinding with several records).
    expect(checkWebhookTarget('https://hooks.example.com/x', ['93.184.216.34', '10.0.0.5'], false)).toMatchObject({
      ok: false,
      error: { code: 'validation_failed', details: { reason: 'address_not_public', scope: 'private' } },
    });
    expect(checkWebhookTarget('http://127.0.0.1:8080/x', ['127.0.0.1'], true)).toEqual({ ok: true, value: undefined });
  });
});
