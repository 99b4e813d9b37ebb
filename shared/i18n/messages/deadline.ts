import type { Translation } from '../translator';

/* What each urgency means for the response deadline, DOMAIN.md §4, §5 and §11. */

/** English deadline texts. */
export const en = {
  'deadline.urgent': 'Urgent: respond within 24 hours, holidays included.',
  'deadline.important': 'Important: respond within 3 working days.',
  'deadline.routine': 'Routine: respond within 5 working days.',
  'deadline.working_days':
    'Working days skip weekends and public holidays but count make-up working days; the day the record is made does not count.',
  'deadline.due_at': 'Due {dueAt}',
  'deadline.overdue': 'Overdue since {dueAt}',
} as const;

/** Simplified Chinese deadline texts. */
export const zhCN = {
  'deadline.urgent': '紧急:24 小时内响应,节假日照常计算。',
  'deadline.important': '重要:3 个工作日内响应。',
  'deadline.routine': '常规:5 个工作日内响应。',
  'deadline.working_days': '工作日不含周末和法定节假日,但包含调休上班日;记录当天不计入。',
  'deadline.due_at': '截止 {dueAt}',
  'deadline.overdue': '已超期(截止 {dueAt})',
} as const satisfies Translation<typeof en>;
