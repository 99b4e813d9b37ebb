import type { Translation } from '../translator';

/* Obligations of a record (DOMAIN.md §12): what is due, its state, and the act that met it. */

/** English obligation texts. */
export const en = {
  'obligation.kind.recording': 'Recording',
  'obligation.kind.response': 'Response',
  'obligation.kind.adoption_notice': 'Adoption notice',
  'obligation.kind.not_adopted_notice': 'Not-adopted notice',
  'obligation.kind.weekly_progress': 'Weekly progress',
  'obligation.kind.change_request_lead': 'Change request lead time',
  'obligation.kind.task_completion': 'Task completion',
  'obligation.kind.dissatisfied_follow_up': 'Dissatisfied follow-up',
  'obligation.kind.post_release_follow_up': 'Post-release follow-up',
  'obligation.state.met': 'Met',
  'obligation.state.open': 'Open',
  'obligation.state.breached': 'Overdue',
  'obligation.act.recorded': 'Recorded',
  'obligation.act.communication': 'Message to the customer',
  'obligation.act.screening': 'Screening decision',
  'obligation.act.progress': 'Progress update',
  'obligation.act.done': 'Marked done',
  'obligation.act.filed': 'Filed in time',
  'obligation.late': 'Met late',
  'obligation.missing_calendar': 'Counted without a working-day calendar for {years}',
} as const;

/** Simplified Chinese obligation texts. */
export const zhCN = {
  'obligation.kind.recording': '录入',
  'obligation.kind.response': '响应',
  'obligation.kind.adoption_notice': '采纳告知',
  'obligation.kind.not_adopted_notice': '未采纳告知',
  'obligation.kind.weekly_progress': '进度更新',
  'obligation.kind.change_request_lead': '变更申请提前量',
  'obligation.kind.task_completion': '任务完成',
  'obligation.kind.dissatisfied_follow_up': '二次沟通',
  'obligation.kind.post_release_follow_up': '效果跟进',
  'obligation.state.met': '已完成',
  'obligation.state.open': '进行中',
  'obligation.state.breached': '已超期',
  'obligation.act.recorded': '已录入',
  'obligation.act.communication': '客户沟通',
  'obligation.act.screening': '筛选结论',
  'obligation.act.progress': '进度更新',
  'obligation.act.done': '标记完成',
  'obligation.act.filed': '按时提交',
  'obligation.late': '逾期完成',
  'obligation.missing_calendar': '{years} 年无工作日历,仅跳过周末计算',
} as const satisfies Translation<typeof en>;
