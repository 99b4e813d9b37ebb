import type { Role } from '../schemas/enums';

/**
 * Everything a staff member can be allowed to do through the API (record.read_contact: unmasked
 * contact, audited; customer_data.manage: a customer's export and erasure, key rotation; message_template.manage: e-mail wording; dashboard.read: the dashboard and meeting reports; adapter.manage: checking helpdesk adapter override files; record.link: linking a clip to a record as another requester, while undoing a link is record.merge).
 */
export const PERMISSIONS = [
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
  'user.manage',
  'site_key.manage',
  'calendar.manage',
  'audit.read',
  'webhook.manage',
  'job.manage',
  'customer_data.manage',
  'message_template.manage',
  'dashboard.read',
  'adapter.manage',
] as const;
/** One permission. */
export type Permission = (typeof PERMISSIONS)[number];

/** 'all' records, or only the records the actor recorded (initiator) or owns (owner). */
export type PermissionScope = 'all' | 'own';

const RECORD_ALL = Object.fromEntries(
  PERMISSIONS.filter((p) => p.startsWith('record.')).map((p) => [p, 'all']),
) as Partial<Record<Permission, PermissionScope>>;

/**
 * Who may do what. An agent edits only its own records; it holds record.transition on its own records
 * because shared/domain/workflow lets the owning agent complete a record (workflow checks each action).
 */
export const ROLE_PERMISSIONS: Readonly<Record<Role, Readonly<Partial<Record<Permission, PermissionScope>>>>> = {
  // Any agent who finds a request already recorded may add its customer as another requester of it.
  agent: { 'record.create': 'all', 'record.read': 'all', 'record.edit': 'own', 'record.transition': 'own', 'record.link': 'all' },
  reviewer: { ...RECORD_ALL, 'campaign.manage': 'all', 'survey.manage': 'all', 'dashboard.read': 'all' },
  admin: Object.fromEntries(PERMISSIONS.map((p) => [p, 'all'])),
};

/** The scope in which `role` holds `permission`, or null if it does not; unknown input gives null. */
export function permissionScope(role: unknown, permission: unknown): PermissionScope | null {
  if (typeof role !== 'string' || typeof permission !== 'string' || !Object.hasOwn(ROLE_PERMISSIONS, role)) return null;
  const grants = ROLE_PERMISSIONS[role as Role];
  return Object.hasOwn(grants, permission) ? (grants[permission as Permission] ?? null) : null;
}

/** Whether `role` holds `permission` at all (for 'own' scope the caller still checks the record). */
export function can(role: unknown, permission: unknown): boolean {
  return permissionScope(role, permission) !== null;
}

/** Whether `role` may use `permission` on one record, given whether the actor recorded or owns it. */
export function canOnRecord(role: unknown, permission: unknown, own: boolean): boolean {
  const scope = permissionScope(role, permission);
  return scope === 'all' || (scope === 'own' && own === true);
}
