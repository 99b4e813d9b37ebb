import type { Translation } from '../translator';

/* Ledger (需求台账) headings the field catalog does not have: derived columns and sheet names, DOMAIN.md §6–§9. */

/** English ledger labels. */
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
  'ledger.truncated': ' … [cut: {count} more characters are in Echobox and in the CSV ledger]',
} as const;

/** Simplified Chinese ledger labels. */
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
  'ledger.truncated': ' …【已截断:另有 {count} 个字符,见 Echobox 或 CSV 台账】',
} as const satisfies Translation<typeof en>;
