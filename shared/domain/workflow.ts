import {
  NATURES,
  ROLES,
  URGENCIES,
  type CommunicationKind,
  type Nature,
  type Role,
  type Satisfaction,
  type Status,
  type Urgency,
  type Validity,
} from '../schemas/enums';
import { err, ok, type Result } from './result';

/** Workflow actions; UI label key 'workflow.action.<action>'. */
export const WORKFLOW_ACTIONS = ['mark_valid', 'mark_invalid', 'start', 'complete', 'close', 'reopen'] as const;
/** One workflow action. */
export type WorkflowActionType = (typeof WORKFLOW_ACTIONS)[number];

/** Why an action was refused; UI message key 'workflow.guard.<guard>'. */
export const WORKFLOW_GUARDS = [
  'reason_required',
  'nature_and_urgency_required',
  'owner_required',
  'result_required',
  'customer_not_told',
  'not_dissatisfied',
  'not_valid',
  'role_not_allowed',
  'transition_not_allowed',
] as const;
/** One guard code. */
export type WorkflowGuard = (typeof WORKFLOW_GUARDS)[number];

/**
 * The workflow-relevant part of a record. `communicationKinds` and `latestSatisfaction` must cover the
 * current handling cycle only, so that a reopened record has to tell the customer and ask again.
 */
export interface WorkflowState {
  status: Status;
  validity: Validity;
  nature: Nature | null;
  urgency: Urgency | null;
  ownerId: string | null;
  result: string | null;
  invalidReason: string | null;
  communicationKinds: readonly CommunicationKind[];
  latestSatisfaction: Satisfaction | null;
  /** Handling cycle, 1 for the first; each reopen after dissatisfaction starts the next. */
  cycle?: number;
}

/** An action with its payload; mark_valid and start fall back to the record's nature, urgency and owner. */
export type WorkflowAction =
  | { type: 'mark_valid'; nature?: Nature | null; urgency?: Urgency | null }
  | { type: 'mark_invalid'; reason: string }
  | { type: 'start'; ownerId?: string | null }
  | { type: 'complete'; result: string }
  | { type: 'close' }
  | { type: 'reopen' };

/** Who is acting. */
export interface WorkflowActor {
  id: string;
  role: Role;
}

/** The fields a transition changes; `status` is always present. */
export interface WorkflowPatch {
  status: Status;
  validity?: Validity;
  nature?: Nature;
  urgency?: Urgency;
  ownerId?: string;
  result?: string;
  invalidReason?: string;
  /** Set by reopen: the new cycle number, from which the server sets the dissatisfied follow-up deadline. */
  cycle?: number;
}

/** One row of the transition table. */
export interface WorkflowTransition {
  from: readonly Status[];
  /** Validity the record must have for the action to apply at all (otherwise transition_not_allowed). */
  fromValidity?: readonly Validity[];
  to: Status;
  roles: readonly Role[];
  /** Roles that may act only on a record they own. */
  ownerRoles: readonly Role[];
  /** Guards checked after role and from-status, in this order. */
  guards: readonly WorkflowGuard[];
}

const STAFF: readonly Role[] = ['reviewer', 'admin'];

/** The agreed status machine (pending_analysis → in_progress → done → closed), DOMAIN.md §5–§8. */
export const WORKFLOW_TRANSITIONS: Readonly<Record<WorkflowActionType, WorkflowTransition>> = {
  mark_valid: {
    from: ['pending_analysis'],
    fromValidity: ['unscreened', 'invalid'],
    to: 'pending_analysis',
    roles: STAFF,
    ownerRoles: [],
    guards: ['nature_and_urgency_required'],
  },
  mark_invalid: { from: ['pending_analysis'], to: 'closed', roles: STAFF, ownerRoles: [], guards: ['reason_required'] },
  start: { from: ['pending_analysis'], to: 'in_progress', roles: STAFF, ownerRoles: [], guards: ['not_valid', 'owner_required'] },
  complete: { from: ['in_progress'], to: 'done', roles: STAFF, ownerRoles: ['agent'], guards: ['result_required'] },
  close: { from: ['done'], to: 'closed', roles: STAFF, ownerRoles: [], guards: ['customer_not_told'] },
  reopen: { from: ['done', 'closed'], to: 'in_progress', roles: STAFF, ownerRoles: [], guards: ['not_valid', 'not_dissatisfied'] },
};

const TOLD_KINDS: readonly CommunicationKind[] = ['done', 'not_adopted'];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
const oneOf = <T extends string>(list: readonly T[], v: unknown): T | null =>
  typeof v === 'string' && (list as readonly string[]).includes(v) ? (v as T) : null;

const guardFailed = (action: WorkflowActionType, guard: WorkflowGuard, path?: string[]) =>
  err('guard_failed', `${action} refused: ${guard}`, { details: { guard, action }, ...(path ? { path } : {}) });

/** Checks everything but the payload; the patch is built only when `payload` is true. */
function evaluate(state: unknown, action: unknown, actor: unknown, payload: boolean): Result<WorkflowPatch> {
  if (!isObject(state) || !isObject(actor) || !isObject(action)) {
    return err('validation_failed', 'state, action and actor must be objects');
  }
  const type = oneOf(WORKFLOW_ACTIONS, action.type);
  if (!type) return err('validation_failed', 'unknown workflow action', { path: ['type'], details: { allowed: WORKFLOW_ACTIONS } });
  const rule = WORKFLOW_TRANSITIONS[type];
  const s = state as unknown as WorkflowState;

  const role = oneOf(ROLES, actor.role);
  const actorId = text(actor.id);
  const owns = actorId !== null && actorId === text(s.ownerId);
  if (!role || !(rule.roles.includes(role) || (rule.ownerRoles.includes(role) && owns))) {
    return err('forbidden', `${String(actor.role)} may not ${type}`, {
      details: { guard: 'role_not_allowed', action: type, role: actor.role },
    });
  }

  if (!rule.from.includes(s.status) || (rule.fromValidity && !rule.fromValidity.includes(s.validity))) {
    return err('invalid_transition', `${type} is not possible from ${String(s.status)}`, {
      details: { guard: 'transition_not_allowed', action: type, from: s.status, allowedFrom: rule.from },
    });
  }

  if (rule.guards.includes('not_valid') && s.validity !== 'valid') return guardFailed(type, 'not_valid');
  if (type === 'close' && !(Array.isArray(s.communicationKinds) && s.communicationKinds.some((k) => TOLD_KINDS.includes(k)))) {
    return guardFailed(type, 'customer_not_told');
  }
  if (type === 'reopen' && s.latestSatisfaction !== 'dissatisfied') return guardFailed(type, 'not_dissatisfied');
  if (!payload) return ok({ status: rule.to });

  switch (type) {
    case 'mark_valid': {
      const nature = oneOf(NATURES, action.nature ?? s.nature);
      const urgency = oneOf(URGENCIES, action.urgency ?? s.urgency);
      if (!nature || !urgency) return guardFailed(type, 'nature_and_urgency_required', [nature ? 'urgency' : 'nature']);
      return ok({ status: rule.to, validity: 'valid', nature, urgency });
    }
    case 'mark_invalid': {
      const reason = text(action.reason);
      if (!reason) return guardFailed(type, 'reason_required', ['reason']);
      return ok({ status: rule.to, validity: 'invalid', invalidReason: reason });
    }
    case 'start': {
      const ownerId = text(action.ownerId) ?? text(s.ownerId);
      if (!ownerId) return guardFailed(type, 'owner_required', ['ownerId']);
      return ok({ status: rule.to, ownerId });
    }
    case 'complete': {
      const result = text(action.result);
      if (!result) return guardFailed(type, 'result_required', ['result']);
      return ok({ status: rule.to, result });
    }
    case 'close':
      return ok({ status: rule.to });
    case 'reopen': {
      const cycle = typeof s.cycle === 'number' && Number.isInteger(s.cycle) && s.cycle >= 1 ? s.cycle : 1;
      return ok({ status: rule.to, cycle: cycle + 1 });
    }
  }
}

/**
 * Applies an action: the patch to store, or 'forbidden' / 'invalid_transition' / 'guard_failed' with
 * details.guard naming the WorkflowGuard (checked in that order: role, from-status, guards).
 */
export function transition(state: WorkflowState, action: WorkflowAction, actor: WorkflowActor): Result<WorkflowPatch> {
  return evaluate(state, action, actor, true);
}

/**
 * Actions the actor may take now, for showing only allowed buttons. Guards the action's own dialog
 * satisfies (reason, nature and urgency, owner, result) are not checked here.
 */
export function availableActions(state: WorkflowState, actor: WorkflowActor): WorkflowActionType[] {
  return WORKFLOW_ACTIONS.filter((type) => evaluate(state, { type }, actor, false).ok);
}
