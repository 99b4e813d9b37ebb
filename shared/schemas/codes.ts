/*
 * The stable codes of every enumerated field of DOMAIN.md as plain lists, with no zod: size-bound
 * bundles (the widget) import these; shared/schemas/enums.ts builds the zod enums from them.
 */

/** Where a requirement came from (需求来源), DOMAIN.md §1. */
export const SOURCES = ['customer_self', 'customer_service', 'sales', 'product'] as const;

/** The concrete channel (渠道) a record was captured through, DOMAIN.md §1. */
export const CHANNELS = [
  'suggestion_box',
  'survey',
  'ticket',
  'chat',
  'complaint',
  'call',
  'meeting',
  'email',
  'interview',
  'questionnaire',
  'user_research',
  'data_analysis',
  'social_media',
  'other',
] as const;

/** Active outreach (主动触达) or passive collection (被动收集), DOMAIN.md §1. */
export const CHANNEL_MODES = ['active', 'passive'] as const;

/** Customer type (客户类型), DOMAIN.md §4. */
export const CUSTOMER_TYPES = ['new', 'existing', 'high_value', 'potential'] as const;

/** Individual (个人客户) or enterprise (企业客户) customer, DOMAIN.md §4. */
export const CUSTOMER_KINDS = ['individual', 'enterprise'] as const;

/** Initial category tag (反馈类型), DOMAIN.md §4. */
export const CATEGORIES = ['feature_request', 'service_experience', 'product_defect', 'other'] as const;

/** Nature of the requirement (需求性质), set at screening, DOMAIN.md §4–5. */
export const NATURES = [
  'feature_optimisation',
  'service_improvement',
  'new_business',
  'technical_consultation',
] as const;

/** Urgency (紧急程度): sets the response deadline, DOMAIN.md §4–5. */
export const URGENCIES = ['urgent', 'important', 'routine'] as const;

/** Initial priority (优先级(初步)) set by the recorder, DOMAIN.md §4. */
export const INITIAL_PRIORITIES = ['high', 'medium', 'low'] as const;

/** Handling status (处理状态), DOMAIN.md §4. */
export const STATUSES = ['pending_analysis', 'in_progress', 'done', 'closed'] as const;

/** Screening verdict (有效需求 / 无效需求); `unscreened` until the lead decides, DOMAIN.md §5. */
export const VALIDITIES = ['unscreened', 'valid', 'invalid'] as const;

/** Assessed priority P0 (highest) to P3, DOMAIN.md §6. */
export const PRIORITIES = ['P0', 'P1', 'P2', 'P3'] as const;

/** Proposed handling (建议处理方案), DOMAIN.md §6. */
export const HANDLINGS = ['develop', 'optimise', 'not_now'] as const;

/** Execution milestones in order (需求评审 → 开发/测试 → 内部验收 → 客户验收), DOMAIN.md §7. */
export const MILESTONES = [
  'requirement_review',
  'development_testing',
  'internal_acceptance',
  'customer_acceptance',
] as const;

/** Change request (需求变更申请) approval state, DOMAIN.md §7. */
export const CHANGE_REQUEST_STATES = ['pending', 'approved', 'rejected'] as const;

/** What a message to the customer reports, DOMAIN.md §8. */
export const COMMUNICATION_KINDS = [
  'adopted',
  'not_adopted',
  'defect_progress',
  'done',
  'second_contact',
  'release_follow_up',
] as const;

/** Customer confirmation (客户确认): 满意 / 基本满意 / 不满意, DOMAIN.md §4 and §8. */
export const SATISFACTIONS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;

/** Staff roles; see shared/domain/workflow for what each may do. */
export const ROLES = ['agent', 'reviewer', 'admin'] as const;

/** Survey question kinds the widget can show, DOMAIN.md §2 and §10. */
export const QUESTION_KINDS = ['csat', 'nps', 'single_choice', 'open_text'] as const;

/** Helpdesk systems the extension recognises, plus the generic page. */
export const HELPDESK_SYSTEMS = [
  'zendesk',
  'freshdesk',
  'jira',
  'github',
  'intercom',
  'helpscout',
  'generic',
] as const;
