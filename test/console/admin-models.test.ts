import { describe, expect, it } from 'vitest';
import { firstPassword } from '../../console/models/admin-users';
import { adapterOrigin } from '../../console/models/admin-adapters';
import { parseRoute } from '../../console/models/router';
import { BUILTIN_ADAPTERS } from '../../shared/adapters/builtin';
import { PASSWORD_MIN } from '../../shared/schemas/staff';

describe('administration models', () => {
  it('makes first passwords of 20 unambiguous characters, skipping random bytes that would bias them', () => {
    // 224..255 would make the first 32 characters likelier: they are dropped, not folded in.
    let calls = 0;
    const bytes = (b: Uint8Array) => (calls++ === 0 ? b.fill(255) : b.map((_, i) => i));
    const password = firstPassword(bytes);
    expect(calls).toBe(2);
    expect(password).toBe('abcdefghijkmnpqrstuv');
    expect(password.length).toBeGreaterThanOrEqual(PASSWORD_MIN);
    const real = firstPassword();
    expect(real).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{20}$/);
    expect(firstPassword()).not.toBe(real);
  });

  it('tells built-in, overridden and added adapter definitions apart', () => {
    const builtIn = BUILTIN_ADAPTERS[0]!;
    expect(adapterOrigin(builtIn)).toBe('builtin');
    expect(adapterOrigin({ ...builtIn, version: builtIn.version + 1 })).toBe('override');
    expect(adapterOrigin({ ...builtIn, id: 'acme-desk' })).toBe('added');
    expect(adapterOrigin({ ...builtIn, id: 'taught-desk-acme-example' }, new Set(['taught-desk-acme-example']))).toBe('published');
    expect(adapterOrigin({ ...builtIn, version: 9 }, new Set([builtIn.id]))).toBe('published');
  });

  it('reads administration addresses as their section, and anything else under /admin as not found', () => {
    expect(parseRoute('/admin')).toEqual({ page: 'admin', section: 'users' });
    expect(parseRoute('/admin/site-keys')).toEqual({ page: 'admin', section: 'site-keys' });
    expect(parseRoute('/admin/calendars')).toEqual({ page: 'admin', section: 'calendars' });
    expect(parseRoute('/admin/adapters')).toEqual({ page: 'admin', section: 'adapters' });
    expect(parseRoute('/admin/secrets')).toEqual({ page: 'not_found' });
  });
});
