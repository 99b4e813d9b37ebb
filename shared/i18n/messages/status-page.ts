import type { Translation } from '../translator';

/* The customer's status page (DOMAIN.md §13): public progress and the satisfaction question. */

/** English status-page text. */
export const en = {
  'status.title': 'Your feedback {recordNumber}',
  'status.status': 'Status',
  'status.milestones': 'Progress',
  'status.no_milestones': 'No progress has been logged yet.',
  'status.told': 'What we told you',
  'status.nothing_told': 'We have not written to you yet.',
  'status.rate_title': 'Are you satisfied with the result?',
  'status.comment': 'Anything you would like to add? (optional)',
  'status.submit': 'Send my rating',
  'status.rated': 'Your rating: {rating}',
  'status.language': 'Language',
  'status.invalid_title': 'This link cannot be used',
  'status.invalid_body':
    'The link is incomplete, was changed, has expired or was withdrawn. Please use the link from the most recent e-mail we sent you, or reply to that e-mail.',
  'status.state.pending_analysis': 'Received, being reviewed',
  'status.state.in_progress': 'In progress',
  'status.state.done': 'Done',
  'status.state.closed': 'Closed',
} as const;

/** Simplified Chinese status-page text. */
export const zhCN = {
  'status.title': '您的反馈 {recordNumber}',
  'status.status': '处理状态',
  'status.milestones': '处理进度',
  'status.no_milestones': '暂无进度记录。',
  'status.told': '我们告知您的内容',
  'status.nothing_told': '我们尚未给您发送消息。',
  'status.rate_title': '您对处理结果满意吗?',
  'status.comment': '还有什么想补充的吗?(选填)',
  'status.submit': '提交评价',
  'status.rated': '您的评价:{rating}',
  'status.language': '语言',
  'status.invalid_title': '此链接无法使用',
  'status.invalid_body': '链接不完整、已被修改、已过期或已被撤回。请使用我们最近一封邮件中的链接,或直接回复该邮件。',
  'status.state.pending_analysis': '已收到,待分析',
  'status.state.in_progress': '处理中',
  'status.state.done': '已完成',
  'status.state.closed': '已关闭',
} as const satisfies Translation<typeof en>;
