import type { Translation } from '../translator';

/*
 * `enum.<enumName>.<code>` labels of every enum in shared/schemas/enums.ts except those the widget
 * shows (enum-public.ts). zh-CN uses the Chinese term of DOMAIN.md exactly as written there.
 */

/** English enum labels. */
export const en = {
  'enum.source.customer_self': 'Customer self-submitted',
  'enum.source.customer_service': 'Customer service',
  'enum.source.sales': 'Sales',
  'enum.source.product': 'Product',

  'enum.channel.suggestion_box': 'Suggestion box',
  'enum.channel.survey': 'Satisfaction survey pop-up',
  'enum.channel.ticket': 'Ticket',
  'enum.channel.chat': 'Chat',
  'enum.channel.complaint': 'Complaint',
  'enum.channel.call': 'Call',
  'enum.channel.meeting': 'Meeting',
  'enum.channel.email': 'E-mail',
  'enum.channel.interview': '1:1 interview',
  'enum.channel.questionnaire': 'Targeted questionnaire',
  'enum.channel.user_research': 'User research',
  'enum.channel.data_analysis': 'Data analysis',
  'enum.channel.social_media': 'Social media comment',
  'enum.channel.other': 'Other',

  'enum.channelMode.active': 'Active outreach',
  'enum.channelMode.passive': 'Passive collection',

  'enum.customerType.new': 'New customer',
  'enum.customerType.existing': 'Existing customer',
  'enum.customerType.high_value': 'High-value customer',
  'enum.customerType.potential': 'Potential customer',

  'enum.customerKind.individual': 'Individual customer',
  'enum.customerKind.enterprise': 'Enterprise customer',

  'enum.nature.feature_optimisation': 'Feature optimisation',
  'enum.nature.service_improvement': 'Service improvement',
  'enum.nature.new_business': 'New business development',
  'enum.nature.technical_consultation': 'Technical consultation',

  'enum.urgency.urgent': 'Urgent',
  'enum.urgency.important': 'Important',
  'enum.urgency.routine': 'Routine',

  'enum.initialPriority.high': 'High',
  'enum.initialPriority.medium': 'Medium',
  'enum.initialPriority.low': 'Low',

  'enum.status.pending_analysis': 'Pending analysis',
  'enum.status.in_progress': 'In progress',
  'enum.status.done': 'Done',
  'enum.status.closed': 'Closed',

  'enum.validity.unscreened': 'Not yet screened',
  'enum.validity.valid': 'Valid requirement',
  'enum.validity.invalid': 'Invalid requirement',

  'enum.priority.P0': 'P0 (highest)',
  'enum.priority.P1': 'P1 (high)',
  'enum.priority.P2': 'P2 (medium)',
  'enum.priority.P3': 'P3 (low)',

  'enum.handling.develop': 'Develop',
  'enum.handling.optimise': 'Optimise',
  'enum.handling.not_now': 'Not now',

  'enum.milestone.requirement_review': 'Requirement review',
  'enum.milestone.development_testing': 'Development/testing',
  'enum.milestone.internal_acceptance': 'Internal acceptance',
  'enum.milestone.customer_acceptance': 'Customer acceptance',

  'enum.changeRequestState.pending': 'Awaiting approval',
  'enum.changeRequestState.approved': 'Approved',
  'enum.changeRequestState.rejected': 'Rejected',

  'enum.communicationKind.adopted': 'Adopted',
  'enum.communicationKind.not_adopted': 'Not adopted',
  'enum.communicationKind.defect_progress': 'Defect fix progress',
  'enum.communicationKind.done': 'Outcome',
  'enum.communicationKind.second_contact': 'Second communication',
  'enum.communicationKind.release_follow_up': 'Follow-up after release',

  'enum.role.agent': 'Agent',
  'enum.role.reviewer': 'Reviewer',
  'enum.role.admin': 'Administrator',

  'enum.questionKind.csat': 'Satisfaction score (CSAT)',
  'enum.questionKind.nps': 'Net Promoter Score (NPS)',
  'enum.questionKind.single_choice': 'Single choice',
  'enum.questionKind.open_text': 'Open text',

  'enum.helpdeskSystem.zendesk': 'Zendesk',
  'enum.helpdeskSystem.freshdesk': 'Freshdesk',
  'enum.helpdeskSystem.jira': 'Jira',
  'enum.helpdeskSystem.github': 'GitHub',
  'enum.helpdeskSystem.intercom': 'Intercom',
  'enum.helpdeskSystem.helpscout': 'Help Scout',
  'enum.helpdeskSystem.generic': 'Any web page',
} as const;

/** Simplified Chinese enum labels. */
export const zhCN = {
  'enum.source.customer_self': '客户主动提交',
  'enum.source.customer_service': '客服端',
  'enum.source.sales': '销售端',
  'enum.source.product': '产品端',

  'enum.channel.suggestion_box': '意见箱',
  'enum.channel.survey': '满意度调研弹窗',
  'enum.channel.ticket': '工单',
  'enum.channel.chat': '在线会话',
  'enum.channel.complaint': '投诉',
  'enum.channel.call': '电话',
  'enum.channel.meeting': '会议',
  'enum.channel.email': '邮件',
  'enum.channel.interview': '一对一访谈',
  'enum.channel.questionnaire': '定向问卷',
  'enum.channel.user_research': '用户调研',
  'enum.channel.data_analysis': '数据分析',
  'enum.channel.social_media': '社交媒体评论',
  'enum.channel.other': '其他',

  'enum.channelMode.active': '主动触达',
  'enum.channelMode.passive': '被动收集',

  'enum.customerType.new': '新客户',
  'enum.customerType.existing': '老客户',
  'enum.customerType.high_value': '高价值客户',
  'enum.customerType.potential': '潜在客户',

  'enum.customerKind.individual': '个人客户',
  'enum.customerKind.enterprise': '企业客户',

  'enum.nature.feature_optimisation': '功能优化类',
  'enum.nature.service_improvement': '服务改进类',
  'enum.nature.new_business': '新业务开发类',
  'enum.nature.technical_consultation': '技术咨询类',

  'enum.urgency.urgent': '紧急',
  'enum.urgency.important': '重要',
  'enum.urgency.routine': '常规',

  'enum.initialPriority.high': '高',
  'enum.initialPriority.medium': '中',
  'enum.initialPriority.low': '低',

  'enum.status.pending_analysis': '待分析',
  'enum.status.in_progress': '处理中',
  'enum.status.done': '已完成',
  'enum.status.closed': '已关闭',

  'enum.validity.unscreened': '待筛选',
  'enum.validity.valid': '有效需求',
  'enum.validity.invalid': '无效需求',

  'enum.priority.P0': 'P0(最高)',
  'enum.priority.P1': 'P1(高)',
  'enum.priority.P2': 'P2(中)',
  'enum.priority.P3': 'P3(低)',

  'enum.handling.develop': '开发',
  'enum.handling.optimise': '优化',
  'enum.handling.not_now': '暂不实施',

  'enum.milestone.requirement_review': '需求评审',
  'enum.milestone.development_testing': '开发/测试',
  'enum.milestone.internal_acceptance': '内部验收',
  'enum.milestone.customer_acceptance': '客户验收',

  'enum.changeRequestState.pending': '待审批',
  'enum.changeRequestState.approved': '已批准',
  'enum.changeRequestState.rejected': '已驳回',

  'enum.communicationKind.adopted': '已采纳',
  'enum.communicationKind.not_adopted': '未采纳',
  'enum.communicationKind.defect_progress': '缺陷修复进度',
  'enum.communicationKind.done': '处理结果告知',
  'enum.communicationKind.second_contact': '二次沟通',
  'enum.communicationKind.release_follow_up': '上线后回访',

  'enum.role.agent': '客服专员',
  'enum.role.reviewer': '审核人',
  'enum.role.admin': '管理员',

  'enum.questionKind.csat': '满意度评分(CSAT)',
  'enum.questionKind.nps': '净推荐值(NPS)',
  'enum.questionKind.single_choice': '单选题',
  'enum.questionKind.open_text': '开放式问题',

  'enum.helpdeskSystem.zendesk': 'Zendesk',
  'enum.helpdeskSystem.freshdesk': 'Freshdesk',
  'enum.helpdeskSystem.jira': 'Jira',
  'enum.helpdeskSystem.github': 'GitHub',
  'enum.helpdeskSystem.intercom': 'Intercom',
  'enum.helpdeskSystem.helpscout': 'Help Scout',
  'enum.helpdeskSystem.generic': '任意网页',
} as const satisfies Translation<typeof en>;
