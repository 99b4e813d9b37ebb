import * as z from 'zod/mini';
import { Id, IsoDateTime } from './common';
import { Record } from './record';
import { WORKFLOW_ACTIONS } from '../domain/workflow';

/** What an audit entry records; one per kind of change a route makes. */
export const AUDIT_ACTIONS = [
  'create',
  'edit',
  ...WORKFLOW_ACTIONS.map((t) => `transition:${t}` as const),
  'progress',
  'communication',
  'change_request',
  'change_request:approve',
  'change_request:reject',
  'satisfaction',
  'merge',
  'unmerge',
  'requester:link',
  'requester:unlink',
  'assign',
  'contact:store',
  'contact:read',
  'customer_data:export',
  'customer_data:erase',
  'webhook:test',
] as const;
/** One audit action. */
export const AuditAction = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof AuditAction>;

/**
 * The changed top-level record fields of one entry: each is the field's value before (or after)
 * the change, null where the field was absent.
 */
export const AuditFields = z.partial(
  z.strictObject(
    Object.fromEntries(Object.entries(Record.shape).map(([key, schema]) => [key, z.nullable(schema)])) as {
      [K in keyof typeof Record.shape]: z.ZodMiniNullable<(typeof Record.shape)[K]>;
    },
  ),
);
export type AuditFields = z.infer<typeof AuditFields>;

/** One entry of a record's audit trail (who, when, what): changed top-level fields before and after. */
export const AuditEntry = z.object({
  id: z.int(),
  action: AuditAction,
  /** The staff member, or null for the widget (then `label` names the site). */
  actor: z.object({ id: z.nullable(Id), label: z.string().check(z.maxLength(500)) }),
  at: IsoDateTime,
  before: z.nullable(AuditFields),
  after: z.nullable(AuditFields),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
