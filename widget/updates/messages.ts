import type { Translation } from '../../shared/i18n/translator';

/* Words of the closing-the-loop card (news about the reporter's feedback, rating). Loaded with its chunk. */

/** English words. */
export const en = {
  'widget.updates': 'News about your feedback',
  'widget.update_label': 'Feedback {number}',
  'widget.status.pending_analysis': 'Received',
  'widget.status.in_progress': 'In progress',
  'widget.status.done': 'Done',
  'widget.status.closed': 'Closed',
  'widget.expected_version': 'Expected in version {version}',
  'widget.rate': 'Send rating',
  'widget.rating_required': 'Choose one of the answers.',
} as const;

/** Simplified Chinese words. */
export const zhCN = {
  'widget.updates': '您的反馈有新进展',
  'widget.update_label': '反馈 {number}',
  'widget.status.pending_analysis': '已收到',
  'widget.status.in_progress': '处理中',
  'widget.status.done': '已完成',
  'widget.status.closed': '已关闭',
  'widget.expected_version': '预计 {version} 版本上线',
  'widget.rate': '提交评价',
  'widget.rating_required': '请选择一项。',
} as const satisfies Translation<typeof en>;
