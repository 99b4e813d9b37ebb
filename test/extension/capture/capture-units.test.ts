import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { urlPatternMatches } from '../../../extension/capture/url-match';
import { maskBounded } from '../../../shared/capture/bounded';
import { maskFree, maskPerson } from '../../../shared/capture/mask';
import { blockText } from '../../../shared/capture/text';
import { extractTicket } from '../../../shared/capture/extract-ticket';
import { ZENDESK_ADAPTER } from '../../../shared/adapters/zendesk';

const at = (href: string) => new URL(href);

describe('URL patterns', () => {
  it('match host globs by label and path globs by segment', () => {
    const zendesk = { host: '*.zendesk.com', path: '/agent/tickets/**' };
    expect(urlPatternMatches(zendesk, at('https://acme.zendesk.com/agent/tickets/42'))).toBe(true);
    expect(urlPatternMatches(zendesk, at('https://ACME.zendesk.com/agent/tickets/42/events'))).toBe(true);
    expect(urlPatternMatches(zendesk, at('https://zendesk.com/agent/tickets/42'))).toBe(false);
    expect(urlPatternMatches(zendesk, at('https://acme.zendesk.com.evil.example/agent/tickets/42'))).toBe(false);
    expect(urlPatternMatches(zendesk, at('https://acme.zendesk.com/hc/agent/tickets/42'))).toBe(false);
    const github = { host: 'github.com', path: '/*/*/issues/*' };
    expect(urlPatternMatches(github, at('https://github.com/acme/app/issues/7?x=1#c'))).toBe(true);
    expect(urlPatternMatches(github, at('https://github.com/acme/app/pull/7'))).toBe(false);
    expect(urlPatternMatches(github, at('https://github.com/acme/app/issues/7/extra'))).toBe(false);
  });

  it('match ports only when the pattern names one', () => {
    const local = { host: 'localhost:*', path: '/**' };
    expect(urlPatternMatches(local, at('http://localhost:4173/x.html'))).toBe(true);
    expect(urlPatternMatches(local, at('http://localhost/x.html'))).toBe(true);
    expect(urlPatternMatches({ host: 'localhost:8080', path: '/**' }, at('http://localhost:4173/'))).toBe(false);
    expect(urlPatternMatches({ host: 'desk.example', path: '/**' }, at('http://desk.example:8443/'))).toBe(true);
  });
});

describe('masking on the device', () => {
  it('masks international numbers the mainland rules do not know, and keeps other text', () => {
    expect(maskFree('Call +49 30 1234567 or +1 (555) 010-9999 today')).toBe('Call +493****4567 or +155****9999 today');
    expect(maskFree('Order +20 items, version 2.4.1')).toBe('Order +20 items, version 2.4.1');
    expect(maskFree('手机 +86 138 1234 5678')).toBe('手机 138****5678');
  });

  it('masks persons and keeps companies', () => {
    expect(maskPerson('王先生')).toBe('*先生');
    expect(maskPerson('Mrs. Linda Brown')).toBe('Ms *');
    expect(maskPerson('Emily Carter')).toBe('*');
    expect(maskPerson('上海云图科技有限公司')).toBe('上海云图科技有限公司');
    expect(maskPerson('Acme Logistics GmbH')).toBe('Acme Logistics GmbH');
  });

  it('never leaves a readable fragment of a phone number cut at the length limit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 50, max: 300 }), (pad, max) => {
        const text = `${'啊'.repeat(pad)}电话13812345678，邮箱 someone@example.com 结束`;
        const out = maskBounded(text, max);
        expect(out.length).toBeLessThanOrEqual(max);
        expect(out).not.toMatch(/\d{5,}/);
        expect(out).not.toContain('someone');
      }),
    );
  });
});

describe('text extraction', () => {
  it('keeps block boundaries as line breaks and skips scripts and styles', () => {
    const doc = new DOMParser().parseFromString(
      '<div><p>第一段  文字</p><p>second<br>line</p><script>var secret = 1</script><style>p{}</style><span>in</span><span>line</span></div>',
      'text/html',
    );
    expect(blockText(doc.body)).toBe('第一段 文字\nsecond\nline\ninline');
  });
});

describe('extractTicket', () => {
  it('keeps only the latest messages up to the adapter limit, oldest first', () => {
    const items = Array.from(
      { length: 30 },
      (_, i) => `<article data-test-id="omni-log-comment-item"><div data-test-id="omni-log-item-message" type="end-user">m${i}</div></article>`,
    ).join('');
    const doc = new DOMParser().parseFromString(`<body>${items}</body>`, 'text/html');
    const { ticket } = extractTicket(doc, 'https://acme.zendesk.com/agent/tickets/1', ZENDESK_ADAPTER);
    expect(ticket?.messages.map((m) => m.text)).toEqual(Array.from({ length: 20 }, (_, i) => `m${i + 10}`));
  });

  it('reads the live value of a subject field typed by the agent', () => {
    const doc = new DOMParser().parseFromString('<input data-test-id="omni-header-subject" value="old">', 'text/html');
    (doc.querySelector('input') as HTMLInputElement).value = '新标题 new subject';
    const { ticket } = extractTicket(doc, 'https://acme.zendesk.com/agent/tickets/7', ZENDESK_ADAPTER);
    expect(ticket?.subject).toBe('新标题 new subject');
  });
});
