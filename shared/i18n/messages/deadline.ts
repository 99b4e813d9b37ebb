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
  'deadline.calendar_missing':
    'Counted without a holiday calendar for {years}: only weekends were skipped. Ask an administrator to add the year.',
  'deadline.calendar_year_missing_soon': 'The working-day calendar {calendarId} has no holidays for {year} yet ({year} starts on {startsOn}). Add the year before deadlines reach it.',
} as const;

/** Simplified Chinese deadline texts. */
export const zhCN = {
  'deadline.urgent': '紧急:24 小时内响应,节假日照常计算。',
  'deadline.important': '重要:3 个工作日内响应。',
  'deadline.routine': '常规:5 个工作日内响应。',
  'deadline.working_days': '工作日不含周末和法定节假日,但包含调休上班日;记录当天不计入。',
  'deadline.due_at': '截止 {dueAt}',
  'deadline.overdue': '已超期(截止 {dueAt})',
  'deadline.calendar_missing': '计算时缺少 {years} 年的节假日安排,仅跳过了周末。请联系管理员补充该年度日历。',
  'deadline.calendar_year_missing_soon': '工作日历 {calendarId} 尚无 {year} 年的节假日安排({year} 年始于 {startsOn})。请在截止日期落入该年之前补充。',
} as const satisfies Translation<typeof en>;
