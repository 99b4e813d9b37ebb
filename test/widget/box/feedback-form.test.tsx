import { describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { createFormModel } from '../../../widget/box/form-model';
import { translatorOf } from '../../../widget/box/i18n';
import { messages } from '../../../widget/box/locales/zh-cn';
import { FeedbackForm } from '../../../widget/box/ui/feedback-form';

/* The form view: labelled fields in the DOMAIN.md §3 order, errors tied to their fields. */

const t = translatorOf(messages);

function mount(form = createFormModel(), onSubmit = vi.fn(async () => {})) {
  const root = document.createElement('div');
  document.body.append(root);
  const draw = () =>
    render(<FeedbackForm form={form} t={t} busy={false} pending={2} rejected={undefined} shot="idle" onSubmit={onSubmit} onScreenshot={() => {}} />, root);
  draw();
  return { root, form, onSubmit, draw };
}

describe('FeedbackForm', () => {
  it('asks category, scenario, problem, expected solution, contact and consent, each labelled', () => {
    const { root } = mount();
    expect([...root.querySelectorAll('legend, label[for]')].map((l) => l.textContent)).toEqual([
      '反馈类型 必填',
      '发生场景',
      '问题描述 必填',
      '期望的解决方案',
      '联系方式(选填)',
    ]);
    for (const label of root.querySelectorAll('label[for]')) expect(root.querySelector(`#${label.getAttribute('for')}`)).not.toBeNull();
    expect([...root.querySelectorAll('input[type=radio]')].map((r) => r.parentElement!.textContent)).toEqual(['功能需求', '服务体验', '产品缺陷', '其他']);
    expect(root.textContent).toContain('2 条待发送');
    root.remove();
  });

  it('ties each error to its field and announces the summary', () => {
    const { root, form, draw } = mount();
    form.review();
    draw();
    const problem = root.querySelector('#problem')!;
    expect(problem.getAttribute('aria-invalid')).toBe('true');
    expect(root.querySelector(`#${problem.getAttribute('aria-describedby')}`)!.textContent).toBe('请填写问题描述,此项为必填。');
    expect(root.querySelector('[role=status]')!.textContent).toBe(messages['error.validation_failed']);
    root.remove();
  });

  it('writes what the person types into the model and submits through the prop', async () => {
    const { root, form, onSubmit } = mount();
    const problem = root.querySelector<HTMLTextAreaElement>('#problem')!;
    problem.value = '保存之后没有提示';
    problem.dispatchEvent(new Event('input', { bubbles: true }));
    expect(form.problem.value).toBe('保存之后没有提示');
    root.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await vi.waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    root.remove();
  });
});
