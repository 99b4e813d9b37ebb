import { describe, expect, it } from 'vitest';
import { messages as en } from '../../../widget/box/locales/en';
import { messages as zhCN } from '../../../widget/box/locales/zh-cn';
import { BOX_KEYS } from '../../../widget/box/box-keys';
import { translatorOf } from '../../../widget/box/i18n';
import { extend } from '../../../widget/box/extend';
import * as widgetWords from '../../../widget/messages';

describe('box words', () => {
  it('carry every listed shared key and every box word, in both languages', () => {
    for (const table of [en, zhCN]) {
      for (const key of [...BOX_KEYS, ...Object.keys(widgetWords.en)]) expect(table, key).toHaveProperty([key]);
    }
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
    expect(zhCN['enum.category.product_defect']).toBe('产品缺陷');
    expect(en['error.network_error']).toMatch(/saved on this device/);
  });

  it('translate with parameters and read unknown error codes as internal', () => {
    const t = translatorOf(zhCN);
    expect(t('widget.number', { number: 'WEB-20250930-001' })).toBe('您的反馈编号:WEB-20250930-001');
    expect(t.error('rate_limited')).toBe(zhCN['error.rate_limited']);
    expect(t.error('no_such_code')).toBe(zhCN['error.internal']);
  });

  it('let a lazily loaded part use its own words first, then the box’s', () => {
    const t = extend(translatorOf(en), { en: { 'part.hello': 'Hello {name}' }, zhCN: { 'part.hello': '你好 {name}' } }, 'en');
    expect(t('part.hello', { name: 'Ann' })).toBe('Hello Ann');
    expect(t('ui.close')).toBe('Close');
  });
});
