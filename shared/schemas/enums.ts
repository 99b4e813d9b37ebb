import * as z from 'zod/mini';
import * as codes from './codes';

export * from './codes';

/*
 * Stable codes for every enumerated field of DOMAIN.md. Codes never change once shipped;
 * their zh-CN and en labels live in shared/i18n under `enum.<name>.<code>`.
 */

/** Where a requirement came from (需求来源), DOMAIN.md §1. */
export const Source = z.enum(codes.SOURCES);
export type Source = z.infer<typeof Source>;

/** The concrete channel (渠道) a record was captured through, DOMAIN.md §1. */
export const Channel = z.enum(codes.CHANNELS);
export type Channel = z.infer<typeof Channel>;

/** Active outreach (主动触达) or passive collection (被动收集), DOMAIN.md §1. */
export const ChannelMode = z.enum(codes.CHANNEL_MODES);
export type ChannelMode = z.infer<typeof ChannelMode>;

/** Customer type (客户类型), DOMAIN.md §4. */
export const CustomerType = z.enum(codes.CUSTOMER_TYPES);
export type CustomerType = z.infer<typeof CustomerType>;

/** Individual (个人客户) or enterprise (企业客户) customer, DOMAIN.md §4. */
export const CustomerKind = z.enum(codes.CUSTOMER_KINDS);
export type CustomerKind = z.infer<typeof CustomerKind>;

/** Initial category tag (反馈类型), DOMAIN.md §4. */
export const Category = z.enum(codes.CATEGORIES);
export type Category = z.infer<typeof Category>;

/** Nature of the requirement (需求性质), set at screening, DOMAIN.md §4–5. */
export const Nature = z.enum(codes.NATURES);
export type Nature = z.infer<typeof Nature>;

/** Urgency (紧急程度): sets the response deadline, DOMAIN.md §4–5. */
export const Urgency = z.enum(codes.URGENCIES);
export type Urgency = z.infer<typeof Urgency>;

/** Initial priority (优先级(初步)) set by the recorder, DOMAIN.md §4. */
export const InitialPriority = z.enum(codes.INITIAL_PRIORITIES);
export type InitialPriority = z.infer<typeof InitialPriority>;

/** Handling status (处理状态), DOMAIN.md §4. */
export const Status = z.enum(codes.STATUSES);
export type Status = z.infer<typeof Status>;

/** Screening verdict (有效需求 / 无效需求); `unscreened` until the lead decides, DOMAIN.md §5. */
export const Validity = z.enum(codes.VALIDITIES);
export type Validity = z.infer<typeof Validity>;

/** Assessed priority P0 (highest) to P3, DOMAIN.md §6. */
export const Priority = z.enum(codes.PRIORITIES);
export type Priority = z.infer<typeof Priority>;

/** Proposed handling (建议处理方案), DOMAIN.md §6. */
export const Handling = z.enum(codes.HANDLINGS);
export type Handling = z.infer<typeof Handling>;

/** Execution milestones in order (需求评审 → 开发/测试 → 内部验收 → 客户验收), DOMAIN.md §7. */
export const Milestone = z.enum(codes.MILESTONES);
export type Milestone = z.infer<typeof Milestone>;

/** Change request (需求变更申请) approval state, DOMAIN.md §7. */
export const ChangeRequestState = z.enum(codes.CHANGE_REQUEST_STATES);
export type ChangeRequestState = z.infer<typeof ChangeRequestState>;

/** What a message to the customer reports, DOMAIN.md §8. */
export const CommunicationKind = z.enum(codes.COMMUNICATION_KINDS);
export type CommunicationKind = z.infer<typeof CommunicationKind>;

/** Customer confirmation (客户确认): 满意 / 基本满意 / 不满意, DOMAIN.md §4 and §8. */
export const Satisfaction = z.enum(codes.SATISFACTIONS);
export type Satisfaction = z.infer<typeof Satisfaction>;

/** Staff roles; see shared/domain/workflow for what each may do. */
export const Role = z.enum(codes.ROLES);
export type Role = z.infer<typeof Role>;

/** Survey question kinds the widget can show, DOMAIN.md §2 and §10. */
export const QuestionKind = z.enum(codes.QUESTION_KINDS);
export type QuestionKind = z.infer<typeof QuestionKind>;

/** Helpdesk systems the extension recognises, plus the generic page. */
export const HelpdeskSystem = z.enum(codes.HELPDESK_SYSTEMS);
export type HelpdeskSystem = z.infer<typeof HelpdeskSystem>;
