import { useEffect, useState } from 'preact/hooks';
import type { Assignee } from '../../shared/schemas/assignee';
import { MILESTONES, type Milestone } from '../../shared/schemas/enums';
import { endOfLocalDay } from '../../shared/domain/time-zone';
import { formatDate } from '../../shared/i18n/format-date';
import { ActionFailure, Card, EnumSelect, Item, Labelled, ZoneNote, when, type SectionProps } from './record-parts';
import { textOf } from '../i18n';

const value = (e: Event) => (e.target as HTMLInputElement | HTMLTextAreaElement).value;

/** An instant refusal messages carry (a change request's due-by), to show in the reader's zone. */
const INSTANT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z/;

/**
 * Execution and tracking (DOMAIN.md §7): owner and start, the task order, the four milestones with
 * weekly progress, change requests (refused when later than 2 working days ahead) and completion.
 */
export function RecordExecution({ model, t, locale, timeZone }: SectionProps) {
  const r = model.record.value!;
  const actions = model.detail.value!.actions;
  const busy = model.busy.value !== null;
  const reviews = model.reviews.value;
  const api = model.api;
  const me = { id: model.viewer.id, name: model.viewer.name };
  const order = r.taskOrder;
  const [goal, setGoal] = useState(order?.goal ?? '');
  const [standard, setStandard] = useState(order?.deliveryStandard ?? '');
  const [deadline, setDeadline] = useState(order?.deadline ?? '');
  // The stored task order can change under the form (an approved change request moves the deadline):
  // show what is stored then, not what the form held before.
  useEffect(() => {
    setGoal(order?.goal ?? '');
    setStandard(order?.deliveryStandard ?? '');
    setDeadline(order?.deadline ?? '');
  }, [order?.goal, order?.deliveryStandard, order?.deadline]);
  const [milestone, setMilestone] = useState<string>(MILESTONES[Math.min(new Set(r.progress.map((p) => p.milestone)).size, 3)]!);
  const [note, setNote] = useState('');
  const [crReason, setCrReason] = useState('');
  const [crPlan, setCrPlan] = useState('');
  const [crEffective, setCrEffective] = useState(order?.deadline ?? '');
  const [crDeadline, setCrDeadline] = useState('');
  const [crOwner, setCrOwner] = useState('');
  const [staffList, setStaffList] = useState<Assignee[] | null>(null);
  const [result, setResult] = useState(r.result ?? '');
  const reached = new Set(r.progress.map((p) => p.milestone));
  const open = r.validity === 'valid' && r.status !== 'closed';
  const inProgress = r.status === 'in_progress';
  const ownerId = r.owner?.id ?? me.id;

  const saveOrder = () =>
    model.save('task_order', {
      taskOrder: { goal: goal.trim(), deliveryStandard: standard.trim(), deadline, ownerId },
      ...(r.owner ? {} : { owner: me }),
    });
  const fileChange = () => {
    // The date picked is that day in the company's zone (where deadlines are counted), not the browser's.
    const at = endOfLocalDay(crEffective, timeZone);
    if (!at.ok) return;
    void model.run('change_request', () =>
      api.fileChangeRequest(r.id, {
        reason: crReason.trim(),
        adjustedPlan: crPlan.trim(),
        effectiveAt: at.value.toISOString(),
        ...(crDeadline ? { adjustedDeadline: crDeadline } : {}),
        ...(crOwner ? { adjustedOwnerId: crOwner } : {}),
      }),
    ).then((ok) => ok && (setCrReason(''), setCrPlan(''), setCrDeadline(''), setCrOwner('')));
  };
  // The owner choices load when the form is first opened, not with every record page.
  const loadStaff = (e: Event) => {
    if (!(e.currentTarget as HTMLDetailsElement).open || staffList) return;
    void api.assignees().then((res) => setStaffList(res.ok ? res.value.items : []));
  };
  const lateBy = model.error.value?.action === 'change_request' ? INSTANT.exec(model.error.value.message)?.[0] : undefined;

  return (
    <Card id="execution" title={t('console.rec.execution')} aside={<ZoneNote t={t} locale={locale} timeZone={timeZone} />}>
      <dl class="facts">
        <Item label={t('field.owner')}>
          {r.owner?.name ?? <span class="muted">{t('console.queue.unassigned')}</span>}
          {reviews && open && r.owner?.id !== me.id && (
            <button type="button" class="button button-small link-button" disabled={busy} onClick={() => model.save('assign', { owner: me })}>
              {t('console.rec.assignMe')}
            </button>
          )}
        </Item>
      </dl>
      <ActionFailure t={t} error={model.error.value} action="assign" />
      {actions.includes('start') && (
        <div class="form-actions">
          <button type="button" class="button button-primary" disabled={busy} onClick={() => model.run('start', () => api.transition(r.id, { type: 'start', ownerId }))}>
            {t('workflow.action.start')}
          </button>
          <ActionFailure t={t} error={model.error.value} action="start" />
        </div>
      )}

      <h3>{t('console.rec.taskOrder')}</h3>
      {reviews && open ? (
        <div class="form-grid">
          <Labelled id="task-goal" label={t('console.rec.goal')}>
            <textarea id="task-goal" rows={2} value={goal} disabled={busy} onInput={(e) => setGoal(value(e))} />
          </Labelled>
          <Labelled id="task-standard" label={t('console.rec.deliveryStandard')}>
            <textarea id="task-standard" rows={2} value={standard} disabled={busy} onInput={(e) => setStandard(value(e))} />
          </Labelled>
          <div class="form-row">
            <Labelled id="task-deadline" label={t('console.rec.deadline')}>
              <input id="task-deadline" type="date" value={deadline} disabled={busy} onInput={(e) => setDeadline(value(e))} />
            </Labelled>
            <button type="button" class="button" disabled={busy || !goal.trim() || !standard.trim() || !deadline} onClick={saveOrder}>
              {t('console.rec.saveTaskOrder')}
            </button>
          </div>
          <ActionFailure t={t} error={model.error.value} action="task_order" />
        </div>
      ) : order ? (
        <dl class="facts">
          <Item label={t('console.rec.goal')}>{order.goal}</Item>
          <Item label={t('console.rec.deliveryStandard')}>{order.deliveryStandard}</Item>
          <Item label={t('console.rec.deadline')}>{order.deadline}</Item>
        </dl>
      ) : (
        <p class="muted">{t('console.rec.noTaskOrder')}</p>
      )}

      <h3>{t('console.rec.milestones')}</h3>
      <ol class="milestones">
        {MILESTONES.map((m, i) => (
          <li key={m} class={reached.has(m) ? 'is-done' : ''}>
            <span class="milestone-dot" aria-hidden="true">{reached.has(m) ? '✓' : i + 1}</span>
            <span>{textOf(t, `enum.milestone.${m}`)}</span>
            <span class="visually-hidden">{reached.has(m) ? t('console.rec.reached') : t('console.rec.notReached')}</span>
          </li>
        ))}
      </ol>
      {r.progress.length > 0 && (
        <ol class="log">
          {[...r.progress].reverse().map((p) => (
            <li key={p.at}>
              <span class="log-head">
                <strong>{textOf(t, `enum.milestone.${p.milestone}`)}</strong>
                <span class="muted">{p.by.name} · {when(p.at, locale, timeZone)}</span>
              </span>
              <span class="prose">{p.note}</span>
            </li>
          ))}
        </ol>
      )}
      {inProgress && model.allowed('record.transition') && (
        <div class="form-grid">
          <div class="form-row">
            <Labelled id="progress-milestone" label={t('console.rec.milestone')}>
              <EnumSelect id="progress-milestone" t={t} name="milestone" codes={MILESTONES} value={milestone} onChange={setMilestone} disabled={busy} />
            </Labelled>
            <Labelled id="progress-note" label={t('console.rec.progressNote')}>
              <input id="progress-note" value={note} disabled={busy} onInput={(e) => setNote(value(e))} />
            </Labelled>
            <button
              type="button"
              class="button"
              disabled={busy || !milestone || !note.trim()}
              onClick={() => void model.run('progress', () => api.addProgress(r.id, { milestone: milestone as Milestone, note: note.trim() })).then((ok) => ok && setNote(''))}
            >
              {t('console.rec.addProgress')}
            </button>
          </div>
          <ActionFailure t={t} error={model.error.value} action="progress" />
        </div>
      )}

      <h3>{t('console.rec.changeRequests')}</h3>
      {r.changeRequests.length === 0 && <p class="muted">{t('console.rec.noChangeRequests')}</p>}
      <ul class="log">
        {r.changeRequests.map((cr) => (
          <li key={cr.id}>
            <span class="log-head">
              <strong>{cr.reason}</strong>
              <span class={`pill pill-cr-${cr.state}`}>{textOf(t, `enum.changeRequestState.${cr.state}`)}</span>
              <span class="muted">{when(cr.filedAt, locale, timeZone)}</span>
            </span>
            <span class="prose">{cr.adjustedPlan}</span>
            <span class="muted">
              {t('console.rec.effectiveAt', { at: formatDate(cr.effectiveAt, locale, timeZone) })}
              {cr.adjustedDeadline ? ` · ${t('console.rec.newDeadline', { date: cr.adjustedDeadline })}` : ''}
              {cr.adjustedOwner ? ` · ${t('console.rec.newOwner', { name: cr.adjustedOwner.name })}` : ''}
            </span>
            {cr.state === 'pending' && model.allowed('record.assess') && (
              <span class="form-actions">
                <button type="button" class="button button-small button-primary" disabled={busy} onClick={() => model.run('decide', () => api.decideChangeRequest(r.id, cr.id, true))}>
                  {t('console.rec.approve')}
                </button>
                <button type="button" class="button button-small" disabled={busy} onClick={() => model.run('decide', () => api.decideChangeRequest(r.id, cr.id, false))}>
                  {t('console.rec.reject')}
                </button>
              </span>
            )}
          </li>
        ))}
      </ul>
      <ActionFailure t={t} error={model.error.value} action="decide" />
      {inProgress && model.allowed('record.transition') && (
        <details class="sub-form" onToggle={loadStaff}>
          <summary>{t('console.rec.fileChange')}</summary>
          <div class="form-grid">
            <Labelled id="cr-reason" label={t('console.rec.changeReason')}>
              <input id="cr-reason" value={crReason} disabled={busy} onInput={(e) => setCrReason(value(e))} />
            </Labelled>
            <Labelled id="cr-plan" label={t('console.rec.adjustedPlan')}>
              <textarea id="cr-plan" rows={2} value={crPlan} disabled={busy} onInput={(e) => setCrPlan(value(e))} />
            </Labelled>
            <div class="form-row">
              <Labelled id="cr-effective" label={t('console.rec.changeEffective')} hint={t('console.rec.leadHint')}>
                <input id="cr-effective" type="date" value={crEffective} disabled={busy} onInput={(e) => setCrEffective(value(e))} />
              </Labelled>
              <Labelled id="cr-deadline" label={t('console.rec.adjustedDeadline')}>
                <input id="cr-deadline" type="date" value={crDeadline} disabled={busy} onInput={(e) => setCrDeadline(value(e))} />
              </Labelled>
              <Labelled id="cr-owner" label={t('console.rec.adjustedOwner')}>
                <select id="cr-owner" value={crOwner} disabled={busy || !staffList} onChange={(e) => setCrOwner(value(e))}>
                  <option value="">{t('console.rec.sameOwner')}</option>
                  {staffList
                    ?.filter((s) => s.id !== r.owner?.id)
                    .map((s) => (
                      <option key={s.id} value={s.id}>
                        {s.name}
                      </option>
                    ))}
                </select>
              </Labelled>
              <button type="button" class="button" disabled={busy || !crReason.trim() || !crPlan.trim() || !crEffective} onClick={fileChange}>
                {t('console.rec.submitChange')}
              </button>
            </div>
            {lateBy ? (
              <p class="field-error" role="alert">
                {t('console.rec.changeLate', { dueBy: when(lateBy, locale, timeZone) })}
              </p>
            ) : (
              <ActionFailure t={t} error={model.error.value} action="change_request" />
            )}
          </div>
        </details>
      )}

      {(actions.includes('complete') || r.result) && <h3>{t('field.result')}</h3>}
      {actions.includes('complete') ? (
        <div class="form-grid">
          <textarea aria-label={t('field.result')} rows={2} value={result} disabled={busy} onInput={(e) => setResult(value(e))} />
          <div class="form-actions">
            <button type="button" class="button button-primary" disabled={busy || !result.trim()} onClick={() => model.run('complete', () => api.transition(r.id, { type: 'complete', result: result.trim() }))}>
              {t('workflow.action.complete')}
            </button>
          </div>
          <ActionFailure t={t} error={model.error.value} action="complete" />
        </div>
      ) : (
        r.result && <p class="prose">{r.result}</p>
      )}
    </Card>
  );
}
