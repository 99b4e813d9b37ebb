import type { Translation } from '../translator';

/*
 * E-mails to customers (DOMAIN.md §8), the built-in default per communication kind; a company may
 * store its own wording (server/messages). `{message}` is what staff wrote to the customer; every
 * subject names the record number, and every body carries the status-page link.
 */

/** English e-mail defaults. */
export const en = {
  'mail.subject.adopted': '[{recordNumber}] Your suggestion has been adopted',
  'mail.body.adopted':
    'Hello,\n\nyour suggestion {recordNumber} has been recorded and is expected in version {version}.\n\n{message}\n\nFollow its progress here: {statusUrl}\n\nThank you for telling us.',
  'mail.subject.not_adopted': '[{recordNumber}] About your suggestion',
  'mail.body.not_adopted':
    'Hello,\n\nthank you for your suggestion {recordNumber}. We will not adopt it for now:\n\n{message}\n\nSee its status here: {statusUrl}\n\nWe appreciate you taking the time to tell us.',
  'mail.subject.defect_progress': '[{recordNumber}] Progress on the problem you reported',
  'mail.body.defect_progress':
    'Hello,\n\nhere is the progress on the problem you reported ({recordNumber}):\n\n{message}\n\nFollow it here: {statusUrl}',
  'mail.subject.done': '[{recordNumber}] Your feedback has been handled',
  'mail.body.done':
    'Hello,\n\nyour feedback {recordNumber} has been handled:\n\n{message}\n\nPlease tell us whether you are satisfied with the result: {statusUrl}',
  'mail.subject.second_contact': '[{recordNumber}] We are handling your feedback again',
  'mail.body.second_contact':
    'Hello,\n\nwe are sorry the result did not meet your expectations. We have started handling {recordNumber} again:\n\n{message}\n\nFollow it here: {statusUrl}',
  'mail.subject.release_follow_up': '[{recordNumber}] Has the change solved your problem?',
  'mail.body.release_follow_up':
    'Hello,\n\nthe change you asked for ({recordNumber}) has been released.\n\n{message}\n\nTell us whether it worked: {statusUrl}',
} as const;

/** Simplified Chinese e-mail defaults. */
export const zhCN = {
  'mail.subject.adopted': '[{recordNumber}] 您的建议已被收录',
  'mail.body.adopted': '您好:\n\n您的建议 {recordNumber} 已被收录,预计 {version} 版本上线。\n\n{message}\n\n查看处理进度:{statusUrl}\n\n感谢您的反馈。',
  'mail.subject.not_adopted': '[{recordNumber}] 关于您的建议',
  'mail.body.not_adopted': '您好:\n\n感谢您的建议 {recordNumber}。该建议暂不采纳:\n\n{message}\n\n查看处理状态:{statusUrl}\n\n再次感谢您抽出时间反馈。',
  'mail.subject.defect_progress': '[{recordNumber}] 您反馈的问题修复进度',
  'mail.body.defect_progress': '您好:\n\n您反馈的问题({recordNumber})修复进度如下:\n\n{message}\n\n查看处理进度:{statusUrl}',
  'mail.subject.done': '[{recordNumber}] 您的反馈已处理完成',
  'mail.body.done': '您好:\n\n您的反馈 {recordNumber} 已处理完成:\n\n{message}\n\n请告诉我们您对处理结果是否满意:{statusUrl}',
  'mail.subject.second_contact': '[{recordNumber}] 我们已重新处理您的反馈',
  'mail.body.second_contact': '您好:\n\n很抱歉处理结果未达到您的期望。我们已重新处理 {recordNumber}:\n\n{message}\n\n查看处理进度:{statusUrl}',
  'mail.subject.release_follow_up': '[{recordNumber}] 改进是否解决了您的问题?',
  'mail.body.release_follow_up': '您好:\n\n您提出的改进({recordNumber})已发布上线。\n\n{message}\n\n请告诉我们效果如何:{statusUrl}',
} as const satisfies Translation<typeof en>;
