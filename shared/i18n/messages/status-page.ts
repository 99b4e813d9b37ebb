import type { Translation } from '../translator';

/* The customer's status page (DOMAIN.md §13): public progress and the satisfaction question. */

/** English status-page text. */
export const en = {
  'status_page.title': 'Your feedback {recordNumber}',
  'status_page.status': 'Status',
  'status_page.milestones': 'Progress',
  'status_page.no_milestones': 'No progress has been logged yet.',
  'status_page.told': 'What we told you',
  'status_page.nothing_told': 'We have not written to you yet.',
  'status_page.rate_title': 'Are you satisfied with the result?',
  'status_page.comment': 'Anything you would like to add? (optional)',
  'status_page.submit': 'Send my rating',
  'status_page.rated': 'Your rating: {rating}',
  'status_page.language': 'Language',
  'status_page.invalid_title': 'This link cannot be used',
  'status_page.invalid_body':
    'The link is incomplete, was changed, has expired or was withdrawn. Please use the link from the most recent e-mail we sent you, or reply to that e-mail.',
  'status_page.status.pending_analysis': 'Received, being reviewed',
  'status_page.status.in_progress': 'In progress',
  'status_page.status.done': 'Done',
  'status_page.status.closed': 'Closed',
} as const;

/** Simplified Chinese status-page text. */
export const zhCN = {
  'status_page.title': '您的反馈 {recordNumber}',
  'status_page.status': '处理状态',
  'status_page.milestones': '处理进度',
  'status_page.no_milestones': '暂无进度记录。',
  'status_page.told': '我们告知您的内容',
  'status_page.nothing_told': '我们尚未给您发送消息。',
  'status_page.rate_title': '您对处理结果满意吗?',
  'status_page.comment': '还有什么想补充的吗?(选填)',
  'status_page.submit': '提交评价',
  'status_page.rated': '您的评价:{rating}',
  'status_page.language': '语言',
  'status_page.invalid_title': '此链接无法使用',
  'status_page.invalid_body': '链接不完整、已被修改、已过期或已被撤回。请使用我们最近一封邮件中的链接,或直接回复该邮件。',
  'status_page.status.pending_analysis': '已收到,待分析',
  'status_page.status.in_progress': '处理中',
  'status_page.status.done': '已完成',
  'status_page.status.closed': '已关闭',
} as const satisfies Translation<typeof en>;
