import type { Translation } from '../translator';

/* Refusals of the record rules outside the workflow (`rule.guard.<code>`, shared/domain/record-guards.ts). */

/** English record-rule messages. */
export const en = {
  'rule.guard.not_in_progress': 'Progress can be logged only while the record is in progress.',
  'rule.guard.version_required': 'Say in which version the adopted suggestion is expected.',
  'rule.guard.contact_requires_consent': 'Contact details can be kept only with the customer’s consent.',
  'rule.guard.change_request_late': 'A change request must be filed at least 2 working days before it takes effect; pick a later date.',
  'rule.guard.merge_into_self': 'A record cannot be merged into itself.',
  'rule.guard.survivor_merged': 'Merge into a record that is not itself merged.',
  'rule.guard.already_merged': 'The record is already merged; unmerge it first.',
  'rule.guard.not_merged': 'The record is not merged.',
  'rule.guard.link_target_merged': 'This record was merged into another one; link to that one instead.',
  'rule.guard.link_target_closed': 'This record is closed; record the request as a new one instead.',
  'rule.guard.link_target_invalid': 'This record was marked invalid; record the request as a new one instead.',
  'rule.guard.link_undone': 'A reviewer undid this link; link it again or record it as a new request.',
  'rule.guard.link_already_undone': 'This link was already undone.',
} as const;

/** Simplified Chinese record-rule messages. */
export const zhCN = {
  'rule.guard.not_in_progress': '只有处理中的记录才能更新进度。',
  'rule.guard.version_required': '请填写采纳的建议预计上线的版本。',
  'rule.guard.contact_requires_consent': '需客户授权后才能记录联系方式。',
  'rule.guard.change_request_late': '需求变更申请须至少提前 2 个工作日提交,请选择更晚的生效日期。',
  'rule.guard.merge_into_self': '记录不能合并到自身。',
  'rule.guard.survivor_merged': '请合并到一条本身未被合并的记录。',
  'rule.guard.already_merged': '该记录已被合并,请先取消合并。',
  'rule.guard.not_merged': '该记录未被合并。',
  'rule.guard.link_target_merged': '该记录已被合并到另一条记录,请关联到那一条。',
  'rule.guard.link_target_closed': '该记录已关闭,请另行记录为新的需求。',
  'rule.guard.link_target_invalid': '该记录已被标记为无效需求,请另行记录为新的需求。',
  'rule.guard.link_undone': '审核人已撤销此关联,请重新关联或记录为新的需求。',
  'rule.guard.link_already_undone': '此关联已被撤销。',
} as const satisfies Translation<typeof en>;
