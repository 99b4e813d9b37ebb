import type { Translation } from '../translator';

/*
 * Closing-the-loop messages to the customer, keyed `communication.<communicationKind>` so every
 * kind in shared/schemas/enums.ts has a template, DOMAIN.md §8. Staff may edit before sending.
 */

/** English customer message templates. */
export const en = {
  'communication.adopted': 'Your suggestion has been recorded and is expected in version {version}.',
  'communication.not_adopted':
    'Thank you for your suggestion. We will not adopt it for now because of {reason}. We appreciate you taking the time to tell us.',
  'communication.defect_progress':
    'Progress on fixing the problem you reported: {progress}. The fix is expected to be released on {releaseAt}.',
  'communication.done': 'Your feedback has been handled: {result}.',
  'communication.second_contact':
    'We are sorry the result did not meet your expectations. We have started handling your feedback again and will keep you informed.',
  'communication.release_follow_up':
    'Version {version} has been released with the change you asked for. Has it solved your problem?',
  'communication.reason.technical_limits': 'technical limits',
  'communication.reason.outside_positioning': 'it being outside the product’s positioning',
} as const;

/** Simplified Chinese customer message templates. */
export const zhCN = {
  'communication.adopted': '您的建议已被收录,预计 {version} 版本上线',
  'communication.not_adopted': '感谢您的建议。由于{reason},该建议暂不采纳。再次感谢您抽出时间反馈。',
  'communication.defect_progress': '您反馈的问题修复进度:{progress},预计于 {releaseAt} 发布。',
  'communication.done': '您的反馈已处理完成:{result}。',
  'communication.second_contact': '很抱歉处理结果未达到您的期望。我们已重新处理您的反馈,并会及时告知进展。',
  'communication.release_follow_up': '{version} 版本已上线您提出的改进。问题是否已经解决?',
  'communication.reason.technical_limits': '技术限制',
  'communication.reason.outside_positioning': '不符合产品定位',
} as const satisfies Translation<typeof en>;
