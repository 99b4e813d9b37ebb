import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  PERMISSIONS,
  ROLE_PERMISSIONS,
  can,
  canOnRecord,
  permissionScope,
  type Permission,
} from '../../../shared/domain/permissions';
import { ROLES, type Role } from '../../../shared/schemas/enums';

const expected: Record<Role, Permission[]> = {
  agent: ['record.create', 'record.read', 'record.edit', 'record.transition', 'record.link'],
  reviewer: [
    'record.create',
    'record.read',
    'record.read_contact',
    'record.edit',
    'record.screen',
    'record.assess',
    'record.assign',
    'record.transition',
    'record.merge',
    'record.link',
    'record.export',
    'campaign.manage',
    'survey.manage',
    'dashboard.read',
  ],
  admin: [...PERMISSIONS],
};

describe('can', () => {
  it.each(ROLES.flatMap((role) => PERMISSIONS.map((p) => [role, p, expected[role].includes(p)] as const)))(
    '%s %s → %s',
    (role, permission, allowed) => {
      expect(can(role, permission)).toBe(allowed);
    },
  );

  it('keeps users, site keys and the audit log to admins', () => {
    for (const p of ['user.manage', 'site_key.manage', 'audit.read'] as const) {
      expect(can('admin', p)).toBe(true);
      expect(can('reviewer', p)).toBe(false);
      expect(can('agent', p)).toBe(false);
    }
  });

  it('shows unmasked contact and exports only to reviewers and admins', () => {
    expect(can('agent', 'record.read_contact')).toBe(false);
    expect(can('agent', 'record.export')).toBe(false);
    expect(can('reviewer', 'record.read_contact')).toBe(true);
    expect(can('reviewer', 'record.export')).toBe(true);
  });

  it.each([
    [null, 'record.read'],
    ['agent', null],
    ['root', 'record.read'],
    ['agent', 'record.delete'],
    ['agent', 'toString'],
    ['__proto__', 'record.read'],
    ['admin', 'constructor'],
    [42, {}],
  ])('refuses unknown input %o / %o', (role, permission) => {
    expect(can(role, permission)).toBe(false);
    expect(permissionScope(role, permission)).toBeNull();
  });

  it('property: the roles are nested agent ⊂ reviewer ⊂ admin', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PERMISSIONS), (p) => {
        if (can('agent', p)) expect(can('reviewer', p)).toBe(true);
        if (can('reviewer', p)) expect(can('admin', p)).toBe(true);
      }),
    );
  });
});

describe('permissionScope and canOnRecord', () => {
  it('limits an agent to editing and transitioning its own records', () => {
    expect(permissionScope('agent', 'record.edit')).toBe('own');
    expect(permissionScope('agent', 'record.transition')).toBe('own');
    expect(permissionScope('agent', 'record.read')).toBe('all');
    expect(canOnRecord('agent', 'record.edit', true)).toBe(true);
    expect(canOnRecord('agent', 'record.edit', false)).toBe(false);
    expect(canOnRecord('agent', 'record.read', false)).toBe(true);
    expect(canOnRecord('agent', 'record.merge', true)).toBe(false);
  });

  it('gives reviewers and admins every record permission on any record', () => {
    for (const role of ['reviewer', 'admin'] as const)
      for (const p of PERMISSIONS.filter((x) => x.startsWith('record.'))) {
        expect(permissionScope(role, p)).toBe('all');
        expect(canOnRecord(role, p, false)).toBe(true);
      }
  });

  it('grants only known permissions', () => {
    for (const role of ROLES) for (const p of Object.keys(ROLE_PERMISSIONS[role])) expect(PERMISSIONS).toContain(p);
  });
});
