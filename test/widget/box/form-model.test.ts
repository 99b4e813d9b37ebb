import { describe, expect, it } from 'vitest';
import { CATEGORIES, createFormModel } from '../../../widget/box/form-model';

describe('form model', () => {
  it('asks for the categories in the order of DOMAIN.md §4', () => {
    expect(CATEGORIES).toEqual(['feature_request', 'service_experience', 'product_defect', 'other']);
  });

  it('marks what is missing: category, problem, and consent for a given contact', () => {
    const form = createFormModel();
    form.contact.value = '13812345678';
    expect(form.review()).toEqual({ kind: 'invalid', first: 'category' });
    expect(form.errors.value).toEqual({
      category: 'widget.category_required',
      problem: 'coaching.empty',
      contact: 'widget.consent_required',
    });
    form.category.value = 'product_defect';
    form.problem.value = '   ';
    form.contactConsent.value = true;
    expect(form.review()).toEqual({ kind: 'invalid', first: 'problem' });
    expect(form.errors.value).toEqual({ problem: 'coaching.empty' });
  });

  it('meets a vague problem with the follow-up question once, then sends it as it is', () => {
    const form = createFormModel();
    form.category.value = 'other';
    form.problem.value = '不好用';
    expect(form.review()).toEqual({ kind: 'coach' });
    expect(form.followUp.value).toBe('coaching.which_step');
    const again = form.review();
    expect(again.kind).toBe('ready');
    expect(again.kind === 'ready' && again.draft.problem).toBe('不好用');
  });

  it('sends a specific problem at once with every field', () => {
    const form = createFormModel();
    form.prefill({ category: 'product_defect', scenario: '报表页面' });
    form.problem.value = '导出报表时点击导出按钮没有反应,等了一分钟也没有下载';
    form.expectedSolution.value = '点击后马上开始下载';
    form.contact.value = '13812345678';
    form.contactConsent.value = true;
    expect(form.review()).toEqual({
      kind: 'ready',
      draft: {
        category: 'product_defect',
        scenario: '报表页面',
        problem: '导出报表时点击导出按钮没有反应,等了一分钟也没有下载',
        expectedSolution: '点击后马上开始下载',
        contact: '13812345678',
        contactConsent: true,
      },
    });
    expect(form.followUp.value).toBeNull();
  });

  it('keeps a typed scenario when opened again from the page, but takes a new category', () => {
    const form = createFormModel();
    form.prefill({ scenario: 'Page title' });
    form.scenario.value = '设置页面,点击保存之后';
    form.prefill({ category: 'feature_request', scenario: 'Another title' });
    expect(form.scenario.value).toBe('设置页面,点击保存之后');
    expect(form.category.value).toBe('feature_request');
  });

  it('puts a refused submission back with the server’s field errors, without asking the follow-up again', () => {
    const form = createFormModel();
    form.restore(
      { category: 'other', scenario: '', problem: '不好用', expectedSolution: '', contact: '138****5678', contactConsent: false },
      [
        { path: ['contact'], code: 'contact_requires_consent', message: 'contact_requires_consent' },
        { path: ['problem'], code: 'too_big', message: 'Too big' },
        { path: ['page', 'url'], code: 'invalid_format', message: 'Invalid url' },
      ],
    );
    expect(form.errors.value).toEqual({ contact: 'widget.consent_required', problem: 'error.validation_failed' });
    form.contactConsent.value = true;
    expect(form.review().kind).toBe('ready');
  });

  it('starts over empty after reset', () => {
    const form = createFormModel();
    form.category.value = 'other';
    form.problem.value = '不好用';
    form.review();
    form.reset();
    expect([form.category.value, form.problem.value, form.followUp.value]).toEqual(['', '', null]);
    form.category.value = 'other';
    form.problem.value = '不好用';
    expect(form.review()).toEqual({ kind: 'coach' });
  });
});
