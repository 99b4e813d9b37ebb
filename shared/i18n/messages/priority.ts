import type { Translation } from '../translator';

/* The assessed-priority formula and what P0–P3 mean (shared/domain/priority.ts), DOMAIN.md §6. */

/** English priority texts. */
export const en = {
  'priority.formula':
    'Suggested priority = 2 × customer value + 2 × business value + (6 − implementation cost) + (6 − risk), out of 30: 25 or more is P0, 20–24 is P1, 14–19 is P2, below 14 is P3.',
  'priority.P0': 'P0: highest priority, start now.',
  'priority.P1': 'P1: high priority, start within 1 month.',
  'priority.P2': 'P2: medium priority, handle within the quarter.',
  'priority.P3': 'P3: low priority, long-term plan.',
  'priority.scale': 'Rate each dimension from 1 (lowest) to 5 (highest); for cost and risk, 5 is the most expensive or riskiest.',
  'priority.score': 'Score {score} of 30',
  'priority.reason.customer_value': 'Customer value {rating} of 5, counted double: {points} points',
  'priority.reason.business_value': 'Business value {rating} of 5, counted double: {points} points',
  'priority.reason.cost': 'Implementation cost {rating} of 5, the cheaper the more: {points} points',
  'priority.reason.risk': 'Risk {rating} of 5, the safer the more: {points} points',
  'priority.reason.band': '{score} points lie in {min}–{max}: {level}',
  'priority.reason.top_band': '{score} points are {min} or more: {level}',
} as const;

/** Simplified Chinese priority texts. */
export const zhCN = {
  'priority.formula':
    '建议优先级 = 2×客户价值 + 2×业务价值 + (6 − 实施成本) + (6 − 风险等级),满分 30:25 分及以上为 P0,20–24 分为 P1,14–19 分为 P2,低于 14 分为 P3。',
  'priority.P0': 'P0:最高优先级,立即启动。',
  'priority.P1': 'P1:高优先级,1 个月内启动。',
  'priority.P2': 'P2:中优先级,本季度内处理。',
  'priority.P3': 'P3:低优先级,纳入长期规划。',
  'priority.scale': '每个维度按 1(最低)到 5(最高)打分;实施成本和风险等级中,5 表示成本最高或风险最大。',
  'priority.score': '得分 {score} / 30',
  'priority.reason.customer_value': '客户价值 {rating}/5,按双倍计:{points} 分',
  'priority.reason.business_value': '业务价值 {rating}/5,按双倍计:{points} 分',
  'priority.reason.cost': '实施成本 {rating}/5,成本越低得分越高:{points} 分',
  'priority.reason.risk': '风险等级 {rating}/5,风险越低得分越高:{points} 分',
  'priority.reason.band': '{score} 分在 {min}–{max} 分之间:{level}',
  'priority.reason.top_band': '{score} 分达到 {min} 分及以上:{level}',
} as const satisfies Translation<typeof en>;
