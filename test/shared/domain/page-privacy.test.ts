import { describe, expect, it } from 'vitest';
import { privatePage, stripUrl } from '../../../shared/domain/page-privacy';

const LEAKY = 'https://app.example.com/account?email=jane@example.com&reset_token=r3s3t&tab=billing#access_token=acc3ss';

describe('stripUrl', () => {
  it('keeps origin and path, drops query and fragment by default', () => {
    expect(stripUrl(LEAKY)).toEqual({ ok: true, value: 'https://app.example.com/account' });
    expect(stripUrl('https://app.example.com/#/inbox/jane@example.com')).toEqual({ ok: true, value: 'https://app.example.com/' });
    expect(stripUrl('https://jane:pw@app.example.com:8443/a?x=1')).toEqual({ ok: true, value: 'https://app.example.com:8443/a' });
  });

  it('keeps only the allow-listed query keys, every value of them, in their order', () => {
    expect(stripUrl(LEAKY, ['tab'])).toEqual({ ok: true, value: 'https://app.example.com/account?tab=billing' });
    expect(stripUrl('https://a.example/p?b=2&a=1&b=3&c=4', ['a', 'b'])).toEqual({ ok: true, value: 'https://a.example/p?b=2&a=1&b=3' });
    expect(stripUrl('https://a.example/p?a=1', ['tab'])).toEqual({ ok: true, value: 'https://a.example/p' });
  });

  it('refuses what is not an absolute http(s) URL', () => {
    for (const bad of ['/relative?x=1', 'javascript:alert(1)', 'about:blank', '']) {
      expect(stripUrl(bad)).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    }
  });
});

describe('privatePage', () => {
  const page = { url: LEAKY, title: 'Inbox – jane@example.com · 138 1234 5678', userAgent: 'Mozilla/5.0', screen: { w: 1280, h: 800 } };

  it('strips URL and referrer, keeping the rest (the title is masked with the record: record-masking)', () => {
    const result = privatePage({ ...page, referrer: 'https://mail.example.com/inbox?u=jane#thread-9', appVersion: '2.0' });
    expect(result).toEqual({
      ok: true,
      value: {
        url: 'https://app.example.com/account',
        referrer: 'https://mail.example.com/inbox',
        title: 'Inbox – jane@example.com · 138 1234 5678',
        userAgent: 'Mozilla/5.0',
        screen: { w: 1280, h: 800 },
        appVersion: '2.0',
      },
    });
  });

  it('drops a referrer that is no http(s) URL', () => {
    const long = privatePage({ ...page, referrer: 'android-app://com.example' });
    expect(long.ok && long.value).not.toHaveProperty('referrer');
    expect(privatePage({ ...page, url: 'nonsense' }).ok).toBe(false);
  });
});
