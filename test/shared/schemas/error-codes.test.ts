import { describe, expect, it } from 'vitest';
import { ERROR_CODES, ERROR_STATUS, ErrorCode, errorMessageKey, errorStatus } from '../../../shared/schemas/error-codes';
import { en, zhCN } from '../../../shared/i18n/catalog';

const enTable: Record<string, string> = en;
const zhTable: Record<string, string> = zhCN;

describe('the error table', () => {
  it('gives every code a status: an HTTP error status, or 0 for the failures only a client meets', () => {
    expect(ERROR_CODES.length).toBeGreaterThan(0);
    for (const code of ERROR_CODES) {
      const status = errorStatus(code);
      expect(status === 0 || (status >= 400 && status <= 599), code).toBe(true);
    }
    expect(ERROR_CODES.filter((code) => errorStatus(code) === 0).sort()).toEqual(['network_error', 'timeout']);
  });

  it('answers guard_failed with 409 (it was 400 for a late change request and 409 for a workflow guard)', () => {
    expect(errorStatus('guard_failed')).toBe(409);
    expect(errorStatus('invalid_transition')).toBe(409);
  });

  it('names a message in both catalogs for every code', () => {
    for (const code of ERROR_CODES) {
      const key = errorMessageKey(code);
      expect(key).toBe(`error.${code}`);
      expect(enTable[key], `en ${key}`).toMatch(/\S/);
      expect(zhTable[key], `zh-CN ${key}`).toMatch(/\S/);
    }
    // The key is typed: a code's key is a key of the catalog (this line does not compile otherwise).
    const typed: keyof typeof en = errorMessageKey('guard_failed');
    expect(typed in zhCN).toBe(true);
  });

  it('is the schema of a code: exactly the table, nothing else', () => {
    expect([...ErrorCode.options].sort()).toEqual(Object.keys(ERROR_STATUS).sort());
    expect(ErrorCode.safeParse('teapot').success).toBe(false);
  });
});
