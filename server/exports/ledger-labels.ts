import { catalog } from '../../shared/i18n/catalog';
import { createTranslator, type Translation } from '../../shared/i18n/translator';

/*
 * Ledger headings that the shared field catalog does not have (derived columns such as "latest
 * milestone", sheet names). Kept in the shape of a shared/i18n/messages area so it can move there
 * unchanged once the console shows the same columns; zh-CN follows DOMAIN.md §6–§9.
 */

/** English ledger-only labels. */
export const en = {
  'ledger.sheet': 'Ledger',
  'ledger.progressSheet': 'Progress log',
  'ledger.department': 'Department',
  'ledger.score': 'Score',
  'ledger.notNowReason': 'Reason for not now',
  'ledger.latestMilestone': 'Latest milestone',
  'ledger.progressCount': 'Progress updates',
  'ledger.lastProgressAt': 'Last update at',
  'ledger.lastProgressNote': 'Last update note',
  'ledger.changeRequestCount': 'Change requests',
  'ledger.changeRequestPending': 'Change requests awaiting approval',
  'ledger.lastCommunication': 'Last communication',
  'ledger.lastCommunicationAt': 'Last communication at',
  'ledger.lastCommunicationMessage': 'Last communication message',
  'ledger.satisfactionComment': 'Customer comment',
  'ledger.ratedAt': 'Rated at',
  'ledger.cycle': 'Handling cycle',
  'ledger.updatedAt': 'Last changed at',
  'ledger.milestone': 'Milestone',
  'ledger.progressNote': 'Progress note',
  'ledger.progressAt': 'Updated at',
  'ledger.progressBy': 'Updated by',
} as const;

/** Simplified Chinese ledger-only labels. */
export const zhCN = {
  'ledger.sheet': '需求台账',
  'ledger.progressSheet': '需求处理进度跟踪表',
  'ledger.department': '所属部门',
  'ledger.score': '综合评分',
  'ledger.notNowReason': '暂不实施原因',
  'ledger.latestMilestone': '最新里程碑',
  'ledger.progressCount': '进度更新次数',
  'ledger.lastProgressAt': '最近更新时间',
  'ledger.lastProgressNote': '最近更新说明',
  'ledger.changeRequestCount': '需求变更申请数',
  'ledger.changeRequestPending': '待审批变更申请数',
  'ledger.lastCommunication': '最近客户沟通',
  'ledger.lastCommunicationAt': '最近沟通时间',
  'ledger.lastCommunicationMessage': '最近沟通内容',
  'ledger.satisfactionComment': '客户评价',
  'ledger.ratedAt': '评价时间',
  'ledger.cycle': '处理轮次',
  'ledger.updatedAt': '最后修改时间',
  'ledger.milestone': '里程碑',
  'ledger.progressNote': '进度说明',
  'ledger.progressAt': '更新时间',
  'ledger.progressBy': '更新人',
} as const satisfies Translation<typeof en>;

const merged = { en: { ...catalog.en, ...en }, zhCN: { ...catalog.zhCN, ...zhCN } };

/** Any key the ledger translates: the shared catalog plus the ledger-only labels. */
export type LedgerMessageKey = keyof typeof merged.en;

/** A key that can head a ledger column (field and ledger labels, none of which take parameters). */
export type LedgerHeadingKey = Extract<LedgerMessageKey, `field.${string}` | `ledger.${string}`>;

/** Translate a shared or ledger-only key: `ledgerT('zh-CN', 'ledger.sheet')`. */
export const ledgerT = createTranslator(merged);
