import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as z from 'zod/mini';
import { consentedContactOf } from '../../../shared/domain/consented-contact';
import { ContactBody } from '../../../shared/schemas/contact';

describe('consentedContactOf', () => {
  it('takes the e-mail and the phone number out of one contact field, with the name where the form has one', () => {
    expect(consentedContactOf({ typed: '13987654321', consent: true, locale: 'zh-CN' })).toEqual({ consent: true, contact: { phone: '13987654321' }, locale: 'zh-CN' });
    expect(consentedContactOf({ typed: ' Zhang.San@Example.com ', consent: true, locale: 'en' })?.contact).toEqual({ email: 'Zhang.San@Example.com' });
    expect(consentedContactOf({ typed: '电话 +86 139 8765 4321,邮箱 zs@example.cn', consent: true, locale: 'zh-CN', name: ' 张三 ' })?.contact).toEqual({
      name: '张三',
      phone: '+86 139 8765 4321',
      email: 'zs@example.cn',
    });
  });

  it('gives nothing without consent, or when neither an e-mail nor a phone number is there', () => {
    expect(consentedContactOf({ typed: '13987654321', consent: false, locale: 'zh-CN' })).toBeUndefined();
    expect(consentedContactOf({ typed: 'wechat: zhangsan', consent: true, locale: 'zh-CN', name: '张三' })).toBeUndefined();
    expect(consentedContactOf({ typed: '', consent: true, locale: 'en' })).toBeUndefined();
  });

  it('whatever is typed, what it gives is a body the server accepts', () => {
    fc.assert(
      fc.property(
        fc
          .tuple(fc.string({ maxLength: 60 }), fc.option(fc.emailAddress()), fc.option(fc.stringMatching(/^\+?[\d ().-]{0,45}$/)), fc.string({ maxLength: 60 }))
          .map((parts) => parts.filter((p) => p !== null).join(' ')),
        fc.option(fc.string({ maxLength: 300 }), { nil: undefined }),
        (typed, name) => {
        const body = consentedContactOf({ typed, consent: true, locale: 'en', name });
          if (body) expect(z.safeParse(ContactBody, body).success).toBe(true);
        },
      ),
    );
  });
});
