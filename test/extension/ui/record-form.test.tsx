import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { prefillForm } from '../../../extension/records/prefill';
import type { DraftPayload } from '../../../extension/records/draft';
import { RecordForm } from '../../../extension/ui/form/record-form';
import { createRecordFormModel } from '../../../extension/ui/form/record-form-model';
import { boxFromDrag, createRedactionModel } from '../../../extension/ui/redaction/redaction-model';
import { CONFIGURED, ZENDESK_CAPTURE } from '../support/fixtures';

const host = document.createElement('div');
document.body.append(host);
afterEach(() => render(null, host));

function mount(locale: 'zh-CN' | 'en' = 'zh-CN') {
  const model = createRecordFormModel(prefillForm(ZENDESK_CAPTURE.clip as DraftPayload['clip'], CONFIGURED));
  const onSave = vi.fn();
  const draw = () => render(<RecordForm locale={locale} model={model} saving={false} onSave={onSave} />, host);
  act(draw);
  return { model, onSave, draw };
}

const type = (el: HTMLInputElement | HTMLTextAreaElement, value: string) => {
  el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
};

describe('record form (view over its model)', () => {
  it('shows the fields pre-filled from the capture and the options', () => {
    mount();
    expect(host.querySelector<HTMLTextAreaElement>('textarea[name=problem]')!.value).toBe(ZENDESK_CAPTURE.clip.page.selection);
    expect(host.querySelector<HTMLInputElement>('input[name=customerName]')!.value).toBe('*先生');
    expect(host.querySelector<HTMLSelectElement>('select[name=category]')!.value).toBe('product_defect');
    expect(host.textContent).toContain('问题描述');
  });

  it('asks the follow-up question when the problem text is vague (不好用)', async () => {
    const { draw } = mount();
    await act(() => type(host.querySelector('textarea[name=problem]')!, '不好用'));
    act(draw);
    expect(host.querySelector('[data-testid=coaching]')?.textContent).toBe('具体是哪一步操作不便?');
  });

  it('masks the contact as soon as the field is left', async () => {
    const { model, draw } = mount('en');
    const contact = host.querySelector<HTMLInputElement>('input[name=contact]')!;
    await act(() => type(contact, '13812345678'));
    await act(() => void contact.dispatchEvent(new Event('blur')));
    act(draw);
    expect(model.values.value.contact).toBe('138****5678');
    expect(host.querySelector<HTMLInputElement>('input[name=contact]')!.value).toBe('138****5678');
    // The number as typed stays in memory only, for the vault should the customer consent; the draft has the masked form.
    expect(model.typedContact.value).toBe('13812345678');
    expect(JSON.stringify(model.values.value)).not.toContain('13812345678');
  });

  it('marks the fields the last save found invalid and hands the submit to its caller', async () => {
    const { model, onSave, draw } = mount('en');
    model.showIssues([{ path: ['problem'], code: 'too_small', message: 'x' }]);
    act(draw);
    expect(host.querySelector('textarea[name=problem]')!.getAttribute('aria-invalid')).toBe('true');
    expect(host.querySelector('[data-field=problem]')).not.toBeNull();
    await act(() => void host.querySelector<HTMLFormElement>('form')!.dispatchEvent(new Event('submit', { cancelable: true })));
    expect(onSave).toHaveBeenCalledTimes(1);
  });
});

describe('redaction boxes', () => {
  it('normalises a drag in any direction and clamps it to the image', () => {
    expect(boxFromDrag(50, 40, 10, 10, 100, 100)).toEqual({ x: 10, y: 10, w: 40, h: 30 });
    expect(boxFromDrag(-20, -5, 30, 500, 100, 100)).toEqual({ x: 0, y: 0, w: 30, h: 100 });
    expect(boxFromDrag(10, 10, 12, 11, 100, 100)).toBeNull();
  });

  it('collects boxes until they are applied or undone', () => {
    const model = createRedactionModel();
    model.add({ x: 0, y: 0, w: 10, h: 10 });
    model.add(null);
    model.add({ x: 5, y: 5, w: 10, h: 10 });
    expect(model.pending.value).toBe(true);
    model.undo();
    expect(model.boxes.value).toEqual([{ x: 0, y: 0, w: 10, h: 10 }]);
    model.clear();
    expect(model.pending.value).toBe(false);
  });
});
