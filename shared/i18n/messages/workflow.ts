import type { Translation } from '../translator';

/*
 * Workflow actions (`workflow.action.<action>`) and guard failures (`workflow.guard.<code>`) of
 * shared/domain/workflow.ts; a guard message says what is missing so the person can supply it.
 */

/** English workflow labels. */
export const en = {
  'workflow.action.mark_valid': 'Mark as valid',
  'workflow.action.mark_invalid': 'Mark as invalid',
  'workflow.action.start': 'Start handling',
  'workflow.action.complete': 'Complete',
  'workflow.action.close': 'Close',
  'workflow.action.reopen': 'Reopen',

  'workflow.guard.reason_required': 'Give the reason this requirement is invalid.',
  'workflow.guard.nature_and_urgency_required': 'Set both the nature and the urgency before marking it valid.',
  'workflow.guard.owner_required': 'Assign an owner before handling starts.',
  'workflow.guard.result_required': 'Describe the result before completing.',
  'workflow.guard.customer_not_told':
    'Tell the customer the outcome (or why it was not adopted) and record it before closing.',
  'workflow.guard.not_dissatisfied': 'Only a record whose customer is dissatisfied can be reopened.',
  'workflow.guard.not_valid': 'Only a valid requirement can be handled; screen it first.',
  'workflow.guard.role_not_allowed': 'Your role is not allowed to do this.',
  'workflow.guard.transition_not_allowed': 'This action is not possible in the record’s current status.',
} as const;

/** Simplified Chinese workflow labels. */
export const zhCN = {
  'workflow.action.mark_valid': '标记为有效需求',
  'workflow.action.mark_invalid': '标记为无效需求',
  'workflow.action.start': '开始处理',
  'workflow.action.complete': '完成处理',
  'workflow.action.close': '关闭',
  'workflow.action.reopen': '重新处理',

  'workflow.guard.reason_required': '请填写判定为无效需求的原因。',
  'workflow.guard.nature_and_urgency_required': '标记为有效需求前,请先选择需求性质和紧急程度。',
  'workflow.guard.owner_required': '开始处理前,请先指定负责人。',
  'workflow.guard.result_required': '完成前,请填写处理结果。',
  'workflow.guard.customer_not_told': '关闭前,请先将处理结果(或未采纳的原因)告知客户并记录。',
  'workflow.guard.not_dissatisfied': '只有客户确认为不满意的记录才能重新处理。',
  'workflow.guard.not_valid': '只有有效需求才能处理,请先完成筛选。',
  'workflow.guard.role_not_allowed': '您的角色无权执行此操作。',
  'workflow.guard.transition_not_allowed': '记录当前的处理状态下不能执行此操作。',
} as const satisfies Translation<typeof en>;
