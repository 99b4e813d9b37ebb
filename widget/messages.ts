import type { Translation } from '../shared/i18n/translator';

/*
 * Words only the suggestion box shows (form labels, after sending). The shared areas it also shows
 * (ui, coaching, error-public, enum-public) stay in shared/i18n; this area has their shape so it can
 * move to shared/i18n/messages/widget.ts unchanged. The lazily loaded parts bring their own words
 * (updates/messages.ts, surveys/messages.ts, screenshot/messages.ts), so the box does not carry them.
 */

/** English widget words. */
export const en = {
  'widget.category': 'Feedback type',
  'widget.category_required': 'Choose a feedback type.',
  'widget.scenario': 'Where did it happen?',
  'widget.scenario_hint': 'The page or feature, and what you were doing.',
  'widget.problem': 'What went wrong?',
  'widget.expected': 'What would you expect instead?',
  'widget.contact': 'Contact (optional)',
  'widget.contact_hint': 'Phone or e-mail; it is masked before it is stored.',
  'widget.consent_required': 'Tick the box to let us record your contact, or leave it empty.',
  'widget.send_anyway': 'Add details, or submit again to send it as it is.',
  'widget.screenshot': 'Add a screenshot of this page',
  'widget.screenshot_taking': 'Taking the screenshot…',
  'widget.screenshot_failed': 'The screenshot could not be taken. You can send your feedback without it.',
  'widget.screenshot_attached': 'Screenshot attached',
  'widget.screenshot_remove': 'Remove screenshot',
  'widget.number': 'Your feedback number is {number}.',
  'widget.send_another': 'Send more feedback',
  'widget.fix_and_resend': 'Fix the marked fields and submit again.',
} as const;

/** Simplified Chinese widget words. */
export const zhCN = {
  'widget.category': '反馈类型',
  'widget.category_required': '请选择反馈类型。',
  'widget.scenario': '发生场景',
  'widget.scenario_hint': '在哪个页面或功能,进行了什么操作。',
  'widget.problem': '问题描述',
  'widget.expected': '期望的解决方案',
  'widget.contact': '联系方式(选填)',
  'widget.contact_hint': '手机号或邮箱,保存前会脱敏。',
  'widget.consent_required': '留下联系方式需勾选同意,否则请清空。',
  'widget.send_anyway': '可补充描述,或再次提交直接发送。',
  'widget.screenshot': '截取当前页面',
  'widget.screenshot_taking': '正在截图…',
  'widget.screenshot_failed': '截图失败。您可以不附截图直接提交反馈。',
  'widget.screenshot_attached': '已附截图',
  'widget.screenshot_remove': '移除截图',
  'widget.number': '您的反馈编号:{number}',
  'widget.send_another': '继续反馈',
  'widget.fix_and_resend': '请修改标出的内容后再提交。',
} as const satisfies Translation<typeof en>;
