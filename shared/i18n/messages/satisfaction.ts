import type { Translation } from '../translator';

/* Asking the customer for satisfaction after the outcome is told, DOMAIN.md §8 and §10. */

/** English satisfaction prompts. */
export const en = {
  'satisfaction.prompt': 'Are you satisfied with how your feedback was handled?',
  'satisfaction.prompt_with_result': 'We handled your feedback: {result}. Are you satisfied with the result?',
  'satisfaction.comment': 'Anything you would like to add? (optional)',
  'satisfaction.thanks': 'Thank you for your rating.',
  'satisfaction.dissatisfied_follow_up':
    'We are sorry the result did not meet your expectations. We will contact you again within 3 working days.',
  'satisfaction.annual_survey': 'Help us improve: how satisfied are you with our products and service this year?',
} as const;

/** Simplified Chinese satisfaction prompts. */
export const zhCN = {
  'satisfaction.prompt': '您对本次反馈的处理结果满意吗?',
  'satisfaction.prompt_with_result': '您的反馈已处理:{result}。您对处理结果满意吗?',
  'satisfaction.comment': '还有什么想补充的吗?(选填)',
  'satisfaction.thanks': '感谢您的评价。',
  'satisfaction.dissatisfied_follow_up': '很抱歉处理结果未达到您的期望。我们将在 3 个工作日内再次与您联系。',
  'satisfaction.annual_survey': '帮助我们改进:您对今年我们的产品和服务满意吗?',
} as const satisfies Translation<typeof en>;
