import type { Translation } from '../translator';

/* Follow-up prompts for vague input (shared/domain/coaching.ts), DOMAIN.md §3. */

/** English coaching prompts. */
export const en = {
  'coaching.which_step': 'Which step exactly is inconvenient?',
  'coaching.too_short': 'Could you tell us a little more: what were you doing, and what happened?',
  'coaching.no_scenario': 'Where did this happen: which page or feature, and after which action?',
  'coaching.empty': 'Please describe the problem; this field is required.',
  'coaching.hint': 'A helpful description says where it happened, what went wrong, and what you expected instead.',
} as const;

/** Simplified Chinese coaching prompts. */
export const zhCN = {
  'coaching.which_step': '具体是哪一步操作不便?',
  'coaching.too_short': '能再具体一些吗?当时您在做什么,发生了什么?',
  'coaching.no_scenario': '问题发生在哪里?是哪个页面或功能,在进行了什么操作之后?',
  'coaching.empty': '请填写问题描述,此项为必填。',
  'coaching.hint': '描述清楚 具体场景 + 遇到的问题 + 期望的解决方案,能帮助我们更快处理。',
} as const satisfies Translation<typeof en>;
