import { Window as HappyWindow } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { SubmissionInput } from '../../../shared/schemas/submission';
import * as masking from '../../../shared/domain/masking';
import { buildSubmission, pageContext, type Draft, type Envelope } from '../../../widget/box/submission';

const envelope: Envelope = {
  id: '01927b3e-7c1a-7000-8000-000000000001',
  submittedAt: new Date('2025-09-30T09:00:00.000Z'),
  page: { url: 'https://app.example.com/reports', title: '报表', userAgent: 'Mozilla/5.0', screen: { w: 1280, h: 800 } },
  reporter: { kind: 'anonymous', secretHash: 'a'.repeat(64) },
  locale: 'zh-CN',
};

const draft = (over: Partial<Draft> = {}): Draft => ({
  category: 'product_defect',
  scenario: '报表页面,点击导出之后',
  problem: '导出报表时点击导出按钮没有反应',
  expectedSolution: '',
  contact: '',
  contactConsent: false,
  ...over,
});

describe('buildSubmission', () => {
  it('masks the contact on the device (DOMAIN.md §3) and keeps the consent with it', () => {
    const s = buildSubmission(draft({ contact: '王先生 13812345678', contactConsent: true }), envelope, masking);
    expect(s.contact).toBe('138****5678');
    expect(s.contactConsent).toBe(true);
    expect(buildSubmission(draft({ contact: 'li.lei@example.com', contactConsent: true }), envelope, masking).contact).toBe('***@***');
    expect(z.safeParse(SubmissionInput, s).success).toBe(true);
  });

  it('with consent sends the phone and e-mail as typed beside the masked contact, for the vault only', () => {
    const s = buildSubmission(draft({ contact: '13987654321 zs@example.cn', contactConsent: true }), envelope, masking);
    expect(s.contact).toBe('139****4321 / ***@***');
    expect(s.consentedContact).toEqual({ consent: true, contact: { phone: '13987654321', email: 'zs@example.cn' }, locale: 'zh-CN' });
    expect(z.safeParse(SubmissionInput, s).success).toBe(true);
    expect(buildSubmission(draft({ contact: '13987654321' }), envelope, masking).consentedContact).toBeUndefined();
  });

  it('masks personal data inside the free text too', () => {
    const s = buildSubmission(draft({ problem: '客户王小明先生来电 13912345678 说导出失败', expectedSolution: '回复到 li.lei@example.com' }), envelope, masking);
    expect(s.problem).toBe('客户*先生来电 139****5678 说导出失败');
    expect(s.expectedSolution).toBe('回复到 ***@***');
  });

  it('omits empty optional fields and records no consent without a contact', () => {
    const s = JSON.parse(JSON.stringify(buildSubmission(draft({ scenario: '  ', contactConsent: true }), envelope, masking)));
    expect(s).not.toHaveProperty('scenario');
    expect(s).not.toHaveProperty('expectedSolution');
    expect(s).not.toHaveProperty('contact');
    expect(s).not.toHaveProperty('screenshot');
    expect(s.contactConsent).toBe(false);
    expect(s).toMatchObject({ id: envelope.id, submittedAt: '2025-09-30T09:00:00.000Z', locale: 'zh-CN', page: envelope.page });
    expect(z.safeParse(SubmissionInput, s).success).toBe(true);
  });
});

describe('pageContext', () => {
  it('describes the page, leaving out what the server would refuse', () => {
    document.title = `  ${'长'.repeat(1200)}  `;
    const page = pageContext('2.3.1');
    expect(page.url).toBe(location.origin + location.pathname);
    expect(page.title).toHaveLength(1000);
    expect(page.appVersion).toBe('2.3.1');
    expect(page.screen.w).toBeGreaterThan(0);
    expect(page.referrer).toBeUndefined();
  });

  it('sends no query (but the allowed keys) and no fragment of the page or the referrer; the submission masks the title', () => {
    const w = new HappyWindow({ url: 'https://app.example.com/account?email=jane@example.com&reset_token=r3s3t&tab=billing#access_token=acc3ss' });
    Object.defineProperty(w.document, 'referrer', { value: 'https://mail.example.com/inbox?u=jane@example.com#thread-9' });
    w.document.title = 'Inbox – jane@example.com';
    const page = pageContext(undefined, undefined, w as unknown as Window);
    expect(page).toMatchObject({ url: 'https://app.example.com/account', referrer: 'https://mail.example.com/inbox' });
    expect(buildSubmission(draft(), { ...envelope, page }, masking).page.title).toBe('Inbox – ***@***');
    expect(pageContext(undefined, ['tab'], w as unknown as Window).url).toBe('https://app.example.com/account?tab=billing');
    w.happyDOM.abort();
  });
});
