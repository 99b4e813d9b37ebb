import type { Translation } from '../translator';

/* What Echobox tells staff outside the console: webhook and team-chat events, reminder e-mails. */

/** English notification texts. */
export const en = {
  'notify.event.record.created': 'New record',
  'notify.event.record.screened': 'Record screened',
  'notify.event.record.assigned': 'Record assigned',
  'notify.event.record.status_changed': 'Record status changed',
  'notify.event.obligation.due_soon': 'Obligation due soon',
  'notify.event.obligation.breached': 'Obligation overdue',
  'notify.event.satisfaction.received': 'Satisfaction rating received',
  'notify.event.survey.response_received': 'Survey response received',
  'notify.event.webhook.test': 'Test event',
  'notify.chat.line': '[Echobox] {event}: {subject}',
  'notify.chat.survey': 'survey {survey}',
  'notify.chat.test': 'this endpoint receives Echobox events',
  'notify.reminder.due_soon.subject': '[Echobox] {record}: {obligation} due {due}',
  'notify.reminder.due_soon.body': 'The {obligation} obligation of record {record} is due {due} ({timeZone}).\n\nOpen it in the console: {link}\n',
  'notify.reminder.breached.subject': '[Echobox] Overdue: {record} {obligation} (due {due})',
  'notify.reminder.breached.body':
    'The {obligation} obligation of record {record} was due {due} ({timeZone}) and is not met. You get this as its owner or as a reviewer of department {department}.\n\nOpen it in the console: {link}\n',
  'notify.digest.subject': '[Echobox] Your due work on {date}: {count} record(s)',
  'notify.digest.intro': 'Records you own (as a reviewer: unowned ones of your department) with an obligation overdue or due by the end of the next working day, most urgent first ({timeZone}):',
  'notify.digest.line': '- {record}: {obligation} due {due}{overdue}',
  'notify.digest.overdue': ' (overdue)',
  'notify.digest.more': 'and {count} more: see the queue in the console.',
  'notify.change_request.approved.subject': '[Echobox] {record}: your change request was approved',
  'notify.change_request.rejected.subject': '[Echobox] {record}: your change request was refused',
  'notify.change_request.approved.body':
    'Your change request on record {record}, filed {filed} ("{reason}"), was approved by {decidedBy} on {decided} ({timeZone}). The adjusted plan applies: {plan}\n\nOpen it in the console: {link}\n',
  'notify.change_request.rejected.body':
    'Your change request on record {record}, filed {filed} ("{reason}"), was refused by {decidedBy} on {decided} ({timeZone}). The task order keeps its plan and deadline.\n\nOpen it in the console: {link}\n',
} as const;

/** Simplified Chinese notification texts. */
export const zhCN = {
  'notify.event.record.created': '新建需求记录',
  'notify.event.record.screened': '需求已筛选',
  'notify.event.record.assigned': '需求已分派',
  'notify.event.record.status_changed': '需求状态变更',
  'notify.event.obligation.due_soon': '时限即将到期',
  'notify.event.obligation.breached': '时限已超期',
  'notify.event.satisfaction.received': '收到满意度评价',
  'notify.event.survey.response_received': '收到问卷回答',
  'notify.event.webhook.test': '测试事件',
  'notify.chat.line': '[Echobox] {event}:{subject}',
  'notify.chat.survey': '问卷 {survey}',
  'notify.chat.test': '此端点可以接收 Echobox 事件',
  'notify.reminder.due_soon.subject': '[Echobox] {record}:{obligation}将于 {due} 到期',
  'notify.reminder.due_soon.body': '需求记录 {record} 的{obligation}时限为 {due}({timeZone})。\n\n在控制台打开:{link}\n',
  'notify.reminder.breached.subject': '[Echobox] 已超期:{record} {obligation}(时限 {due})',
  'notify.reminder.breached.body':
    '需求记录 {record} 的{obligation}时限为 {due}({timeZone}),至今未完成。您作为负责人或 {department} 部门的审核人收到此提醒。\n\n在控制台打开:{link}\n',
  'notify.digest.subject': '[Echobox] {date} 待办:{count} 条需求记录',
  'notify.digest.intro': '您负责的(审核人另含本部门无负责人的)已超期或将于下一个工作日结束前到期的需求记录,最紧急的在前({timeZone}):',
  'notify.digest.line': '- {record}:{obligation},时限 {due}{overdue}',
  'notify.digest.overdue': '(已超期)',
  'notify.digest.more': '另有 {count} 条,请在控制台的需求列表中查看。',
  'notify.change_request.approved.subject': '[Echobox] {record}:您的需求变更申请已批准',
  'notify.change_request.rejected.subject': '[Echobox] {record}:您的需求变更申请未获批准',
  'notify.change_request.approved.body':
    '您于 {filed} 就需求记录 {record} 提交的需求变更申请(“{reason}”)已由 {decidedBy} 于 {decided}({timeZone})批准,调整后的计划生效:{plan}\n\n在控制台打开:{link}\n',
  'notify.change_request.rejected.body':
    '您于 {filed} 就需求记录 {record} 提交的需求变更申请(“{reason}”)已由 {decidedBy} 于 {decided}({timeZone})驳回,任务单保持原计划与截止日期。\n\n在控制台打开:{link}\n',
} as const satisfies Translation<typeof en>;
