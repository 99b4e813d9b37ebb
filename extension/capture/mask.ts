import { maskName, maskText } from '../../shared/domain/masking';

// Names ending in a legal-form word are companies, which DOMAIN.md §3 keeps (only contact inside is masked).
const COMPANY = /(?:公司|集团|企业|工作室|事务所|银行|大学|医院|\b(?:inc|ltd|llc|gmbh|corp|co|plc|limited|company|group)\.?)\s*$/i;

// The shared masker knows mainland formats; helpdesks also carry foreign numbers (+49 30 1234567),
// which must not leave the device readable either. Mainland ones are already masked by then.
const INTERNATIONAL_PHONE = /(?<![\w+])\+[1-9][\d ().-]{6,18}\d(?!\d)/g;

const maskInternational = (text: string): string =>
  text.replace(INTERNATIONAL_PHONE, (found) => {
    const digits = found.replace(/\D/g, '');
    return digits.length < 8 ? found : `+${digits.slice(0, 3)}****${digits.slice(-4)}`;
  });

/** Mask free text on the device: phones (mainland and international), e-mails, ID cards, QQ/WeChat ids, titled names. */
export function maskFree(text: string): string {
  const masked = maskText(text);
  return masked.ok ? maskInternational(masked.value) : '';
}

/** Mask a person shown as requester or author (`*先生`, `Ms *`, `*`); company names are kept. */
export function maskPerson(name: string): string {
  const masked = maskName(name, { kind: COMPANY.test(name) ? 'company' : 'person' });
  return masked.ok ? maskInternational(masked.value) : '*';
}
