import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  WORKFLOW_ACTIONS,
  WORKFLOW_GUARDS,
  WORKFLOW_TRANSITIONS,
  availableActions,
  transition,
  type WorkflowAction,
  type WorkflowActionType,
  type WorkflowActor,
  type WorkflowState,
} from '../../../shared/domain/workflow';
import {
  COMMUNICATION_KINDS,
  NATURES,
  ROLES,
  SATISFACTIONS,
  STATUSES,
  URGENCIES,
  VALIDITIES,
  type Status,
} from '../../../shared/schemas/enums';

const reviewer: WorkflowActor = { id: 'u-reviewer', role: 'reviewer' };
const admin: WorkflowActor = { id: 'u-admin', role: 'admin' };
const agent: WorkflowActor = { id: 'u-agent', role: 'agent' };
const otherAgent: WorkflowActor = { id: 'u-agent-2', role: 'agent' };

const fresh: WorkflowState = {
  status: 'pending_analysis',
  validity: 'unscreened',
  nature: null,
  urgency: null,
  ownerId: null,
  result: null,
  invalidReason: null,
  communicationKinds: [],
  latestSatisfaction: null,
};
const screened: WorkflowState = { ...fresh, validity: 'valid', nature: 'feature_optimisation', urgency: 'important' };
const inProgress: WorkflowState = { ...screened, status: 'in_progress', ownerId: 'u-agent', cycle: 1 };
const done: WorkflowState = { ...inProgress, status: 'done', result: 'Export now streams; shipped in 3.2', communicationKinds: ['done'] };
const closed: WorkflowState = { ...done, status: 'closed', latestSatisfaction: 'satisfied' };

/** A payload that satisfies every payload guard, so only role, status and state guards decide. */
const full: Record<WorkflowActionType, WorkflowAction> = {
  mark_valid: { type: 'mark_valid', nature: 'feature_optimisation', urgency: 'urgent' },
  mark_invalid: { type: 'mark_invalid', reason: 'In direct conflict with strategy' },
  start: { type: 'start', ownerId: 'u-agent' },
  complete: { type: 'complete', result: 'Fixed in 3.2' },
  close: { type: 'close' },
  reopen: { type: 'reopen' },
};

/** A state in `status` on which the action's state guards pass. */
const ready: Record<WorkflowActionType, WorkflowState> = {
  mark_valid: fresh,
  mark_invalid: fresh,
  start: screened,
  complete: inProgress,
  close: done,
  reopen: { ...done, latestSatisfaction: 'dissatisfied' },
};

const arbState: fc.Arbitrary<WorkflowState> = fc.record({
  status: fc.constantFrom(...STATUSES),
  validity: fc.constantFrom(...VALIDITIES),
  nature: fc.option(fc.constantFrom(...NATURES)),
  urgency: fc.option(fc.constantFrom(...URGENCIES)),
  ownerId: fc.option(fc.constantFrom('u-agent', 'u-agent-2', 'u-reviewer')),
  result: fc.option(fc.constantFrom('done it', '')),
  invalidReason: fc.constant(null),
  communicationKinds: fc.subarray([...COMMUNICATION_KINDS]),
  latestSatisfaction: fc.option(fc.constantFrom(...SATISFACTIONS)),
  cycle: fc.integer({ min: 1, max: 5 }),
});
const arbActor: fc.Arbitrary<WorkflowActor> = fc.record({
  id: fc.constantFrom('u-agent', 'u-agent-2', 'u-reviewer'),
  role: fc.constantFrom(...ROLES),
});

describe('WORKFLOW_TRANSITIONS', () => {
  it('is the agreed table', () => {
    const summary = Object.fromEntries(
      WORKFLOW_ACTIONS.map((a) => [a, [WORKFLOW_TRANSITIONS[a].from.join('|'), WORKFLOW_TRANSITIONS[a].to]]),
    );
    expect(summary).toEqual({
      mark_valid: ['pending_analysis', 'pending_analysis'],
      mark_invalid: ['pending_analysis', 'closed'],
      start: ['pending_analysis', 'in_progress'],
      complete: ['in_progress', 'done'],
      close: ['done', 'closed'],
      reopen: ['done|closed', 'in_progress'],
    });
    for (const a of WORKFLOW_ACTIONS) {
      expect(WORKFLOW_TRANSITIONS[a].roles).toEqual(['reviewer', 'admin']);
      for (const g of WORKFLOW_TRANSITIONS[a].guards) expect(WORKFLOW_GUARDS).toContain(g);
    }
    expect(WORKFLOW_TRANSITIONS.complete.ownerRoles).toEqual(['agent']);
  });
});

describe('transition: the closed loop of DOMAIN.md', () => {
  it('screens, starts, completes, closes, then reopens after dissatisfaction with a new cycle', () => {
    let state: WorkflowState = fresh;
    const step = (action: WorkflowAction, actor: WorkflowActor) => {
      const r = transition(state, action, actor);
      if (!r.ok) throw new Error(`${action.type}: ${r.error.code} ${JSON.stringify(r.error.details)}`);
      state = { ...state, ...r.value };
      return r.value;
    };
    expect(step({ type: 'mark_valid', nature: 'service_improvement', urgency: 'important' }, reviewer)).toEqual({
      status: 'pending_analysis',
      validity: 'valid',
      nature: 'service_improvement',
      urgency: 'important',
    });
    expect(step({ type: 'start', ownerId: 'u-agent' }, admin)).toEqual({ status: 'in_progress', ownerId: 'u-agent' });
    expect(step({ type: 'complete', result: '  Export now streams  ' }, agent)).toEqual({
      status: 'done',
      result: 'Export now streams',
    });
    state = { ...state, communicationKinds: ['adopted', 'done'] };
    expect(step({ type: 'close' }, reviewer)).toEqual({ status: 'closed' });
    state = { ...state, latestSatisfaction: 'dissatisfied' };
    expect(step({ type: 'reopen' }, reviewer)).toEqual({ status: 'in_progress', cycle: 2 });
    // Second cycle: the server passes the new cycle's (empty) communications and satisfaction.
    state = { ...state, communicationKinds: [], latestSatisfaction: null };
    step({ type: 'complete', result: 'Export limit raised to 1M rows' }, reviewer);
    expect(transition(state, { type: 'close' }, reviewer)).toMatchObject({ ok: false, error: { details: { guard: 'customer_not_told' } } });
    state = { ...state, communicationKinds: ['done'], latestSatisfaction: 'dissatisfied' };
    expect(step({ type: 'reopen' }, reviewer)).toEqual({ status: 'in_progress', cycle: 3 });
  });

  it('marks a record invalid with its reason and closes it', () => {
    expect(transition(fresh, { type: 'mark_invalid', reason: ' False information ' }, reviewer)).toEqual({
      ok: true,
      value: { status: 'closed', validity: 'invalid', invalidReason: 'False information' },
    });
  });

  it('takes nature, urgency and owner already on the record when the payload omits them', () => {
    const tagged = { ...fresh, nature: 'technical_consultation', urgency: 'routine' } as const;
    expect(transition(tagged, { type: 'mark_valid' }, reviewer)).toEqual({
      ok: true,
      value: { status: 'pending_analysis', validity: 'valid', nature: 'technical_consultation', urgency: 'routine' },
    });
    expect(transition({ ...screened, ownerId: 'u-x' }, { type: 'start' }, reviewer)).toEqual({
      ok: true,
      value: { status: 'in_progress', ownerId: 'u-x' },
    });
    expect(transition({ ...screened, ownerId: 'u-x' }, { type: 'start', ownerId: 'u-y' }, reviewer)).toMatchObject({
      ok: true,
      value: { ownerId: 'u-y' },
    });
  });

  it('lets mark_valid re-screen a pending record that was marked invalid but not one already valid', () => {
    expect(transition({ ...fresh, validity: 'invalid' }, full.mark_valid, reviewer).ok).toBe(true);
    expect(transition(screened, full.mark_valid, reviewer)).toMatchObject({
      ok: false,
      error: { code: 'invalid_transition', details: { guard: 'transition_not_allowed' } },
    });
  });

  it('counts the cycle from 1 when the record has none', () => {
    const { cycle: _, ...noCycle } = ready.reopen;
    expect(transition(noCycle, full.reopen, reviewer)).toEqual({ ok: true, value: { status: 'in_progress', cycle: 2 } });
    expect(transition({ ...ready.reopen, cycle: 4 }, full.reopen, reviewer)).toMatchObject({ value: { cycle: 5 } });
    expect(transition({ ...ready.reopen, status: 'closed', cycle: 2 }, full.reopen, admin)).toMatchObject({ value: { cycle: 3 } });
  });
});

describe('transition: from-status', () => {
  const cases = WORKFLOW_ACTIONS.flatMap((action) =>
    STATUSES.filter((s) => !WORKFLOW_TRANSITIONS[action].from.includes(s)).map((status) => [action, status] as const),
  );
  it.each(cases)('%s from %s is invalid_transition', (action, status: Status) => {
    const r = transition({ ...ready[action], status }, full[action], admin);
    expect(r).toEqual({
      ok: false,
      error: expect.objectContaining({
        code: 'invalid_transition',
        details: { guard: 'transition_not_allowed', action, from: status, allowedFrom: WORKFLOW_TRANSITIONS[action].from },
      }),
    });
  });

  it.each(WORKFLOW_ACTIONS.flatMap((a) => WORKFLOW_TRANSITIONS[a].from.map((s) => [a, s] as const)))(
    '%s from %s succeeds with a full payload',
    (action, status) => {
      const r = transition({ ...ready[action], status }, full[action], admin);
      expect(r).toMatchObject({ ok: true, value: { status: WORKFLOW_TRANSITIONS[action].to } });
    },
  );
});

describe('transition: roles', () => {
  const matrix = WORKFLOW_ACTIONS.flatMap((action) =>
    [reviewer, admin, agent, otherAgent].map((actor) => {
      const allowed = actor.role !== 'agent' || (action === 'complete' && actor.id === ready.complete.ownerId);
      return [action, actor.role, actor.id, allowed] as const;
    }),
  );
  it.each(matrix)('%s by %s %s allowed=%s', (action, role, id, allowed) => {
    const r = transition(ready[action], full[action], { id, role });
    if (allowed) expect(r.ok).toBe(true);
    else
      expect(r).toMatchObject({
        ok: false,
        error: { code: 'forbidden', details: { guard: 'role_not_allowed', action, role } },
      });
  });

  it('refuses an agent completing a record without owner, and unknown roles', () => {
    expect(transition({ ...inProgress, ownerId: null }, full.complete, agent)).toMatchObject({
      error: { code: 'forbidden', details: { guard: 'role_not_allowed' } },
    });
    expect(transition({ ...inProgress, ownerId: '' }, full.complete, { id: '', role: 'agent' })).toMatchObject({
      error: { code: 'forbidden' },
    });
    expect(transition(inProgress, full.complete, { id: 'u-agent', role: 'root' as never })).toMatchObject({
      error: { code: 'forbidden', details: { guard: 'role_not_allowed' } },
    });
  });

  it('checks the role before the from-status', () => {
    expect(transition(closed, full.start, agent)).toMatchObject({ error: { code: 'forbidden' } });
  });
});

describe('transition: guards', () => {
  const fails = (state: WorkflowState, action: WorkflowAction, guard: string, path?: string[]) => {
    const r = transition(state, action, reviewer);
    expect(r).toMatchObject({ ok: false, error: { code: 'guard_failed', details: { guard, action: action.type } } });
    if (!r.ok) expect(r.error.path).toEqual(path);
  };

  it('reason_required: an empty or blank reason', () => {
    fails(fresh, { type: 'mark_invalid', reason: '' }, 'reason_required', ['reason']);
    fails(fresh, { type: 'mark_invalid', reason: ' \n\t ' }, 'reason_required', ['reason']);
    fails(fresh, { type: 'mark_invalid' } as never, 'reason_required', ['reason']);
  });

  it('nature_and_urgency_required: either one missing or not a known code', () => {
    fails(fresh, { type: 'mark_valid', urgency: 'urgent' }, 'nature_and_urgency_required', ['nature']);
    fails(fresh, { type: 'mark_valid', nature: 'new_business' }, 'nature_and_urgency_required', ['urgency']);
    fails(fresh, { type: 'mark_valid' }, 'nature_and_urgency_required', ['nature']);
    fails(fresh, { type: 'mark_valid', nature: 'bogus' as never, urgency: 'urgent' }, 'nature_and_urgency_required', ['nature']);
  });

  it('owner_required: no owner in the payload nor on the record', () => {
    fails(screened, { type: 'start' }, 'owner_required', ['ownerId']);
    fails(screened, { type: 'start', ownerId: '  ' }, 'owner_required', ['ownerId']);
  });

  it('not_valid: start on an unscreened record, reopen of an invalid one', () => {
    fails({ ...fresh, ownerId: 'u-agent' }, full.start, 'not_valid');
    fails({ ...ready.reopen, status: 'closed', validity: 'invalid' }, full.reopen, 'not_valid');
  });

  it('result_required: empty result on complete', () => {
    fails(inProgress, { type: 'complete', result: '' }, 'result_required', ['result']);
    fails({ ...inProgress, result: 'old result' }, { type: 'complete', result: '   ' }, 'result_required', ['result']);
  });

  it('customer_not_told: close needs a done or not_adopted communication', () => {
    fails({ ...done, communicationKinds: [] }, full.close, 'customer_not_told');
    fails({ ...done, communicationKinds: ['adopted', 'defect_progress', 'second_contact'] }, full.close, 'customer_not_told');
    expect(transition({ ...done, communicationKinds: ['not_adopted'] }, full.close, reviewer).ok).toBe(true);
  });

  it('not_dissatisfied: reopen needs the latest satisfaction to be dissatisfied', () => {
    for (const latestSatisfaction of [null, 'satisfied', 'basically_satisfied'] as const) {
      fails({ ...done, latestSatisfaction }, full.reopen, 'not_dissatisfied');
      fails({ ...closed, latestSatisfaction }, full.reopen, 'not_dissatisfied');
    }
  });

  it('every guard code is reachable', () => {
    const seen = new Set<unknown>();
    fc.assert(
      fc.property(arbState, fc.constantFrom(...WORKFLOW_ACTIONS), arbActor, fc.boolean(), (state, a, actor, withPayload) => {
        const r = transition(state, withPayload ? full[a] : ({ type: a } as WorkflowAction), actor);
        if (!r.ok) seen.add(r.error.details?.guard);
      }),
      { numRuns: 20000, seed: 20251011 },
    );
    expect([...seen].sort()).toEqual([...WORKFLOW_GUARDS].sort());
  });
});

describe('transition: bad input never throws', () => {
  it.each([
    [null, full.close, reviewer],
    [done, null, reviewer],
    [done, full.close, null],
    [done, { type: 'delete' }, reviewer],
    [done, {}, reviewer],
    ['done', full.close, reviewer],
  ])('%#', (state, action, actor) => {
    const r = transition(state as never, action as never, actor as never);
    expect(r).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
  });

  it('handles a garbled state', () => {
    const garbled = { status: 'done', communicationKinds: 'done' } as never;
    expect(transition(garbled, full.close, reviewer)).toMatchObject({ error: { details: { guard: 'customer_not_told' } } });
    expect(availableActions(null as never, reviewer)).toEqual([]);
  });
});

describe('availableActions', () => {
  it.each([
    ['fresh', fresh, reviewer, ['mark_valid', 'mark_invalid']],
    ['screened', screened, admin, ['mark_invalid', 'start']],
    ['in progress, reviewer', inProgress, reviewer, ['complete']],
    ['in progress, owning agent', inProgress, agent, ['complete']],
    ['in progress, other agent', inProgress, otherAgent, []],
    ['done and told', done, reviewer, ['close']],
    ['done, not told', { ...done, communicationKinds: ['adopted'] }, reviewer, []],
    ['done and dissatisfied', { ...done, latestSatisfaction: 'dissatisfied' }, reviewer, ['close', 'reopen']],
    ['closed and dissatisfied', { ...closed, latestSatisfaction: 'dissatisfied' }, admin, ['reopen']],
    ['closed as invalid', { ...fresh, status: 'closed', validity: 'invalid', latestSatisfaction: 'dissatisfied' }, admin, []],
    ['fresh, agent', fresh, agent, []],
  ] as const)('%s', (_, state, actor, expected) => {
    expect(availableActions(state as WorkflowState, actor)).toEqual(expected);
  });

  it('property: an available action succeeds with a full payload, an unavailable one fails whatever the payload', () => {
    fc.assert(
      fc.property(arbState, arbActor, (state, actor) => {
        const available = availableActions(state, actor);
        for (const a of WORKFLOW_ACTIONS) {
          const r = transition(state, full[a], actor);
          expect(r.ok).toBe(available.includes(a));
        }
      }),
      { numRuns: 2000 },
    );
  });
});
