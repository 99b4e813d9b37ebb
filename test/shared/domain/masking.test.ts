import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskContact, maskName, maskText } from '../../../shared/domain/masking';
import type { Result } from '../../../shared/domain/result';

const value = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.value;
};
const mt = (s: string) => value(maskText(s));
const fullWidth = (s: string) =>
  s.replace(/[0-9+\-@]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const halfWidth = (s: string) =>
  s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
const digitCount = (s: string) => halfWidth(s).replace(/\D/g, '').length;

// Generators for the personal data the masker must find.
const d = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });
const mobileDigits = fc
  .tuple(fc.constantFrom(...'3456789'), d(9))
  .map(([second, rest]) => `1${second}${rest}`);
const mobileWritten = fc
  .tuple(
    mobileDigits,
    fc.constantFrom('', '+86 ', '+86-', '0086 ', '86', '(+86)'),
    fc.constantFrom('plain', 'spaced', 'dashed'),
    fc.boolean(),
  )
  .map(([p, prefix, style, wide]) => {
    const body =
      style === 'plain'
        ? p
        : [p.slice(0, 3), p.slice(3, 7), p.slice(7)].join(style === 'spaced' ? ' ' : '-');
    const s = prefix + body;
    return { digits: p, text: wide ? fullWidth(s) : s };
  });
const email = fc.stringMatching(/^[a-z][a-z0-9._]{0,10}@[a-z0-9]{1,8}\.(com|cn|net|com\.cn)$/);
const idCard = fc
  .tuple(
    fc.integer({ min: 110000, max: 659999 }),
    fc.date({ min: new Date('1940-01-01'), max: new Date('2015-12-31'), noInvalidDate: true }),
    d(3),
    fc.constantFrom(...'0123456789X'),
  )
  .map(([region, born, seq, check]) => `${region}${born.toISOString().slice(0, 10).replace(/-/g, '')}${seq}${check}`);
const landline = fc
  .tuple(fc.constantFrom('010', '021', '0755', '0571', '0898'), fc.constantFrom('-', ' ', ''), d(4), d(3))
  .map(([area, sep, a, b]) => `${area}${sep}${a}${b}`);
const wordy = fc.constantFrom(
  '客户多次提及问题未解决', '请联系', '导出报表时点击导出按钮没反应', 'please call back', 'order amount ¥1,280.00',
  '日期 2024-05-20', '编号 CS-20240520-002', 'version v2.3.10', '邮箱', '电话', 'tel:', '，', '。', ' ', '\n',
);
const noise = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: fc.constantFrom(...'0123456789 -+()@.xX*转'), maxLength: 40 }),
  fc.string({ unit: fc.constantFrom(...'0013789 -@.com*qQ微信wxid_先生王Mr'), maxLength: 40 }),
);
const pii = fc.oneof(mobileWritten.map((m) => m.text), email, idCard, landline);
const text = fc.array(fc.oneof(pii, wordy, noise), { maxLength: 12 }).map((parts) => parts.join(''));

describe('maskText', () => {
  it('masks a mainland mobile to the first 3 and last 4 digits, whatever the spelling', () => {
    expect(mt('请联系王先生 13812345678，谢谢')).toBe('请联系*先生 138****5678，谢谢');
    expect(mt('+86 138-1234-5678')).toBe('138****5678');
    expect(mt('call 0086 139 1234 5678 or (+86)13712345678')).toBe('call 139****5678 or 137****5678');
    expect(mt('手机：１３８１２３４５６７８')).toBe('手机：138****5678');
  });

  it('keeps the area code and last 2 digits of a landline and drops the extension', () => {
    expect(mt('010-12345678')).toBe('010-****78');
    expect(mt('电话：0755-1234567转123')).toBe('电话：0755-****67');
    expect(mt('(021) 6123 4567 ext. 88, thanks')).toBe('021-****67, thanks');
  });

  it('hides e-mails, ID-card numbers, QQ and WeChat ids', () => {
    expect(mt('发邮件到 wang.xm@example.com.cn 吧')).toBe('发邮件到 ***@*** 吧');
    expect(mt('身份证 11010519491231002X 已核对')).toBe('身份证 1****************X 已核对');
    expect(mt('old id 110105491231002')).toBe('old id 1*************2');
    expect(mt('QQ：123456789')).toBe('QQ：***');
    expect(mt('加我微信 wang_xm88')).toBe('加我微信 ***');
    expect(mt('WeChat ID: zhangsan')).toBe('WeChat ID: ***');
    expect(mt('wxid_abc123def')).toBe('wxid_***');
  });

  it('masks names written with a title in free text', () => {
    expect(mt('王小明先生和欧阳女士都反馈过')).toBe('*先生和*女士都反馈过');
    expect(mt('Mrs. Brown and Mr Smith called')).toBe('Mrs. * and Mr * called');
  });

  it('leaves ordinary numbers and words alone', () => {
    const ordinary = [
      '订单金额¥1,280.00，日期2024-05-20，编号CS-20240520-002，版本v2.3.10',
      'Order 20240520123 shipped at 2024-05-20 08:30, total $13,800.50',
      'wechat payment failed on version 10.2.1',
      '这位先生说各位女士都在用',
      'the build number is 1381234',
    ];
    for (const s of ordinary) expect(mt(s)).toBe(s);
  });

  it('returns validation_failed for a non-string instead of throwing', () => {
    for (const bad of [null, undefined, 42, {}, ['138']]) {
      const r = maskText(bad);
      expect(r.ok ? 'ok' : r.error.code).toBe('validation_failed');
    }
  });

  it('handles a very long text', () => {
    const long = `${'很长的描述 '.repeat(20_000)}13812345678 ${'9'.repeat(50_000)}`;
    const out = mt(long);
    expect(out.endsWith(`138****5678 ${'9'.repeat(50_000)}`)).toBe(true);
  });

  it('is idempotent where one masked span changes the border of another', () => {
    // The landline keeps "0700", which then ends the digit group the mobile needed.
    const once = mt('130 6000 0700130 0000 0000');
    expect(once).toBe('130****0700-****00 0000');
    expect(mt(once)).toBe(once);
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(text, (s) => {
        const once = mt(s);
        expect(mt(once)).toBe(once);
      }),
      { numRuns: 500 },
    );
  });

  it('shows at most 7 digits of each embedded phone and never a whole mobile number', () => {
    const filler = fc.constantFrom('请联系', '电话', 'call me at', '，', ' ', '客户说导出没反应', 'abc', '\n');
    fc.assert(
      fc.property(fc.array(fc.tuple(filler, mobileWritten), { minLength: 1, maxLength: 5 }), (parts) => {
        const out = mt(parts.map(([f, m]) => f + m.text).join(' '));
        expect(digitCount(out)).toBeLessThanOrEqual(7 * parts.length);
        expect(halfWidth(out)).not.toMatch(/1[3-9]\d{9}/);
        for (const [, m] of parts) {
          expect(out).toContain(`${m.digits.slice(0, 3)}****${m.digits.slice(7)}`);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('reveals no ID-card or e-mail characters and keeps the length sane', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('身份证', '，邮箱 ', ' '), fc.oneof(idCard, email))), (parts) => {
        const input = parts.map(([f, p]) => f + p).join('');
        const out = mt(input);
        expect(digitCount(out)).toBeLessThanOrEqual(2 * parts.length);
        expect(out).not.toMatch(/[a-z0-9]@/);
      }),
    );
    fc.assert(
      fc.property(text, (s) => {
        const out = mt(s);
        const ats = (s.match(/[@＠]/g) ?? []).length;
        expect(out.length).toBeLessThanOrEqual(s.length + ats);
        expect(out.length > 0).toBe(s.length > 0);
      }),
      { numRuns: 300 },
    );
  });
});

describe('maskContact', () => {
  const mc = (s: unknown) => value(maskContact(s));

  it('detects the kind of a contact value and masks it', () => {
    expect(mc(' 138 1234 5678 ')).toEqual({ kind: 'mobile', masked: '138****5678' });
    expect(mc('0755-1234567')).toEqual({ kind: 'landline', masked: '0755-****67' });
    expect(mc('Wang.XM@Example.com')).toEqual({ kind: 'email', masked: '***@***' });
    expect(mc('11010519491231002x')).toEqual({ kind: 'id_card', masked: '1****************X' });
    expect(mc('QQ 12345')).toEqual({ kind: 'qq', masked: 'QQ ***' });
    expect(mc('微信号: wang_xm')).toEqual({ kind: 'wechat', masked: '微信号: ***' });
  });

  it('keeps only the masked parts of a mixed value and hides anything unrecognised', () => {
    expect(mc('王先生 微信同号 13812345678，邮箱 a@b.cn')).toEqual({ kind: 'mixed', masked: '138****5678 / ***@***' });
    expect(mc('ask for Lily at the front desk')).toEqual({ kind: 'other', masked: '***' });
    expect(mc('87654321')).toEqual({ kind: 'other', masked: '***' });
    expect(mc('   ')).toEqual({ kind: 'other', masked: '' });
  });

  it('returns validation_failed for a non-string', () => {
    const r = maskContact(13812345678);
    expect(r.ok ? 'ok' : r.error.code).toBe('validation_failed');
  });

  it('is idempotent, kind included', () => {
    const contact = fc.oneof(
      mobileWritten.map((m) => m.text),
      email,
      idCard,
      landline,
      fc.constantFrom('QQ 12345', '微信: abc_123', 'someone'),
      text,
    );
    fc.assert(
      fc.property(contact, (s) => {
        const once = mc(s);
        expect(mc(once.masked)).toEqual(once);
      }),
      { numRuns: 300 },
    );
  });
});

describe('maskName', () => {
  const mn = (name: unknown, opts?: Parameters<typeof maskName>[1]) => value(maskName(name, opts));

  it('writes a Chinese person as *先生 / *女士 and an English one as Mr * / Ms *', () => {
    expect(mn('王小明', { gender: 'female' })).toBe('*女士');
    expect(mn('王小明', { kind: 'person', gender: 'male' })).toBe('*先生');
    expect(mn('李小姐')).toBe('*女士');
    expect(mn('John Smith', { gender: 'male' })).toBe('Mr *');
    expect(mn('Mrs. Brown')).toBe('Ms *');
    expect(mn('Mr Smith')).toBe('Mr *');
  });

  it('uses the neutral * when the gender is unknown', () => {
    expect(mn('王小明')).toBe('*');
    expect(mn('Alex Kim', { gender: 'unknown' })).toBe('*');
    expect(mn('  ')).toBe('');
  });

  it('keeps a company name, masking only contact data typed into it', () => {
    expect(mn('深圳市某某科技有限公司', { kind: 'company' })).toBe('深圳市某某科技有限公司');
    expect(mn('Acme Ltd 13812345678', { kind: 'company' })).toBe('Acme Ltd 138****5678');
  });

  it('is idempotent and rejects non-strings', () => {
    for (const [n, g] of [['王小明', 'female'], ['John', 'male'], ['Kim', 'unknown']] as const) {
      const once = mn(n, { gender: g });
      expect(mn(once, { gender: g })).toBe(once);
      expect(mn(once)).toBe(once);
    }
    const r = maskName(null);
    expect(r.ok ? 'ok' : r.error.code).toBe('validation_failed');
  });
});
