import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { v7 as uuidv7 } from 'uuid';
import { prefillForm } from '../../../extension/records/prefill';
import { maskedContactOf, toRecordInput } from '../../../extension/records/record-input';
import type { DraftPayload } from '../../../extension/records/draft';
import { CONFIGURED, ZENDESK_CAPTURE } from '../support/fixtures';

const clip = ZENDESK_CAPTURE.clip as DraftPayload['clip'];
const draft = (form: Partial<DraftPayload['form']> = {}, extra: Partial<DraftPayload> = {}): DraftPayload => ({
  kind: 'draft',
  clip,
  adapterId: 'zendesk-agent',
  missingFields: [],
  form: { ...prefillForm(clip, CONFIGURED), ...form },
  screenshotRedacted: true,
  ...extra,
});
const NOW = new Date('2025-09-30T02:10:00Z');

describe('prefillForm', () => {
  it('starts from the capture and the options: selection as problem, requester as customer, ticket in the notes', () => {
    const form = prefillForm(clip, CONFIGURED);
    expect(form).toMatchObject({
      source: 'customer_service',
      channel: 'ticket',
      category: 'product_defect',
      customerName: '*先生',
      contactPerson: '*先生',
      problem: clip.page.selection,
      contact: '',
      contactConsent: false,
    });
    expect(form.notes).toBe('工单:Zendesk #48213 https://acme.zendesk.com/agent/tickets/48213');
  });

  it('without a selection takes the latest customer messages', () => {
    const { selection: _s, ...page } = clip.page;
    const form = prefillForm({ ...clip, page }, { ...CONFIGURED, locale: 'en' });
    expect(form.problem).toBe('麻烦尽快回电 138****5678。\n\n今天还是不行，已经影响月底对账了。');
    expect(form.notes).toMatch(/^Ticket: Zendesk #48213 /);
  });
});

describe('toRecordInput', () => {
  it('builds a valid RecordInput with the extension origin and the screenshot as attachment', () => {
    const id = uuidv7();
    const shot = { id: uuidv7(), name: 'screenshot.png', mimeType: 'image/png' as const, size: 120, sha256: 'a'.repeat(64), capturedAt: NOW.toISOString() };
    const result = toRecordInput(id, draft({}, { clip: { ...clip, screenshot: shot } }), CONFIGURED, null, NOW);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    expect(result.value).toMatchObject({
      id,
      department: 'CS',
      category: 'product_defect',
      initiator: { name: '李客服' },
      recordedAt: NOW.toISOString(),
      attachments: [shot],
      origin: { kind: 'extension', clip: { screenshot: shot, ticket: { ticketId: '48213' } } },
    });
  });

  it('masks contact, names and every free text before the record is stored (DOMAIN.md §3)', () => {
    const result = toRecordInput(
      uuidv7(),
      draft({
        contact: '13812345678',
        contactConsent: true,
        contactPerson: '王建国先生',
        problem: '王先生说导出报表时点击导出按钮没有反应，回电 13812345678',
        customerName: '华东贸易有限公司',
      }),
      CONFIGURED,
      null,
      NOW,
    );
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    expect(result.value.contact).toBe('138****5678');
    expect(result.value.contactPerson).toBe('*先生');
    expect(result.value.problem).toBe('*先生说导出报表时点击导出按钮没有反应，回电 138****5678');
    expect(result.value.customerName).toBe('华东贸易有限公司');
  });

  it('with consent puts the contact as typed and the contact person beside the masked record, for the vault only', () => {
    const form = { contact: '138****5678', contactConsent: true, contactPerson: '王建国先生' };
    const result = toRecordInput(uuidv7(), draft(form), CONFIGURED, null, NOW, '13812345678 wang@example.cn');
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    expect(result.value.consentedContact).toEqual({
      consent: true,
      contact: { name: '王建国先生', phone: '13812345678', email: 'wang@example.cn' },
      locale: CONFIGURED.locale,
    });
    const { consentedContact: _vault, ...record } = result.value;
    expect(JSON.stringify(record)).not.toMatch(/13812345678|王建国|wang@/);
    const refused = toRecordInput(uuidv7(), draft({ ...form, contactConsent: false }), CONFIGURED, null, NOW, '13812345678');
    expect(refused.ok && refused.value.consentedContact).toBeUndefined();
  });

  it('drops the contact when the customer did not consent', () => {
    const result = toRecordInput(uuidv7(), draft({ contact: '13812345678', contactConsent: false }), CONFIGURED, null, NOW);
    expect(result.ok && result.value.contact).toBeUndefined();
  });

  it('names the missing required fields with the shared schema paths', () => {
    const result = toRecordInput(uuidv7(), draft({ problem: '   ', category: undefined }), CONFIGURED, null, NOW);
    expect(result.ok).toBe(false);
    const paths = !result.ok ? result.error.map((i) => i.path[0]) : [];
    expect(paths).toEqual(expect.arrayContaining(['problem', 'category']));
  });

  it('never lets a full mainland mobile number through, whatever field it is typed in', () => {
    fc.assert(
      fc.property(fc.constantFrom('problem', 'scenario', 'expectedSolution', 'notes', 'customerName'), fc.stringMatching(/^1[3-9]\d{9}$/), (field, phone) => {
        const result = toRecordInput(uuidv7(), draft({ [field]: `电话 ${phone} 导出报表时点击导出没反应` }), CONFIGURED, null, NOW);
        return result.ok && !JSON.stringify(result.value).includes(phone);
      }),
      { numRuns: 50 },
    );
  });

  it('shows the masked contact as soon as it is typed and left', () => {
    expect(maskedContactOf('wang.jg@example.cn')).toBe('***@***');
    expect(maskedContactOf('13812345678')).toBe('138****5678');
  });
});
