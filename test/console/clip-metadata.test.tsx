import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { translator } from '../../console/i18n';
import { en, zhCN } from '../../shared/i18n/catalog';
import { ClipMetadata } from '../../console/ui/clip-metadata';
import type { ClipPage } from '../../shared/schemas/clip';

const host = document.createElement('div');
document.body.append(host);
afterEach(() => render(null, host));

const RTL_PAGE: ClipPage = {
  url: 'https://news.example.com/ar/1',
  title: 'عنوان المقال',
  metadata: {},
  readableText: 'الفقرة الأولى من المقال.\nالفقرة الثانية من المقال.',
  reader: { author: 'سارة', siteName: 'أخبار', publishedTime: '2025-09-30T10:00:00Z', description: 'ملخص المقال', lang: 'ar', dir: 'rtl', readableSource: 'budget_fallback' },
};

describe('console record page: the clipped page', () => {
  it('shows author, site, time and description, the page right to left in its language, one paragraph per line', () => {
    render(<ClipMetadata t={translator(en)} page={RTL_PAGE} locale="en" timeZone="Asia/Shanghai" />, host);
    const box = host.querySelector('[data-testid=clip-metadata]')!;
    expect(box.textContent).toContain('Authorسارة');
    expect(box.textContent).toContain('Siteأخبار');
    expect(box.textContent).toContain('2025'); // the instant, in the console's format and zone
    const description = host.querySelector('[data-testid=clip-description]')!;
    expect(description.getAttribute('dir')).toBe('rtl');
    expect(description.getAttribute('lang')).toBe('ar');
    expect([...host.querySelectorAll('[data-testid=clip-paragraph]')].map((p) => p.textContent)).toEqual(['الفقرة الأولى من المقال.', 'الفقرة الثانية من المقال.']);
    expect(host.querySelector('details')!.getAttribute('dir')).toBe('rtl');
    // Labels stay in the console's language; the budget fallback is said.
    expect(box.textContent).toContain('too large to find its article in time');
  });

  it('shows nothing for a clip taken before pages carried reader metadata and text', () => {
    render(<ClipMetadata t={translator(zhCN)} page={{ url: 'https://a.example.com/', title: 'A', metadata: {} }} locale="zh-CN" timeZone="Asia/Shanghai" />, host);
    expect(host.querySelector('[data-testid=clip-metadata]')).toBeNull();
  });
});
