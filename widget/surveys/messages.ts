import type { Translation } from '../../shared/i18n/translator';

/* Words of the survey card. Loaded with its chunk. */

/** English words. */
export const en = {
  'widget.survey': 'Survey',
  'widget.survey_send': 'Send answers',
  'widget.survey_thanks': 'Thank you for your answers.',
  'widget.answer_required': 'Please answer this question.',
  'widget.csat_low': 'Very dissatisfied',
  'widget.csat_high': 'Very satisfied',
  'widget.nps_low': 'Not at all likely',
  'widget.nps_high': 'Extremely likely',
} as const;

/** Simplified Chinese words. */
export const zhCN = {
  'widget.survey': '问卷',
  'widget.survey_send': '提交答案',
  'widget.survey_thanks': '感谢您的参与!',
  'widget.answer_required': '请回答此问题。',
  'widget.csat_low': '非常不满意',
  'widget.csat_high': '非常满意',
  'widget.nps_low': '完全不可能',
  'widget.nps_high': '非常可能',
} as const satisfies Translation<typeof en>;
