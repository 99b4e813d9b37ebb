import type { Clip, Record, RecordInput, SubmissionInput, Survey } from '../../../shared/schemas';

/*
 * Real-looking payloads after DOMAIN.md: CS-20240520-002, a support agent's record of an
 * export problem in the Reports module, masked the way §3 asks.
 */

export const clip: Clip = {
  page: {
    url: 'https://acme.zendesk.com/agent/tickets/48213',
    canonicalUrl: 'https://acme.zendesk.com/agent/tickets/48213',
    title: '#48213 报表导出失败 – Zendesk',
    selection: '点击导出后页面一直转圈,没有文件下载',
    metadata: { 'og:title': '报表导出失败', 'og:site_name': 'Zendesk' },
  },
  ticket: {
    system: 'zendesk',
    ticketId: '48213',
    url: 'https://acme.zendesk.com/agent/tickets/48213',
    subject: '报表导出失败',
    requester: '*先生',
    status: 'open',
    tags: ['export', 'reports'],
    messages: [
      { role: 'customer', author: '*先生', text: '在报表模块点击导出后没有反应,已经是第三次了。', at: '2024-05-20T01:58:00Z' },
      { role: 'agent', text: '已记录,我们会尽快反馈处理进度。' },
    ],
    missingFields: ['requester_phone'],
  },
  capturedAt: '2024-05-20T02:05:11.250Z',
};

export const recordInput: RecordInput = {
  id: '0190a6f2-7c3e-7b1a-9c2d-5e8f1a2b3c4d',
  department: 'CS',
  source: 'customer_service',
  channel: 'ticket',
  channelMode: 'passive',
  customerType: 'high_value',
  customerKind: 'enterprise',
  customerName: '杭州某科技有限公司',
  industry: '制造业',
  contactPerson: '*先生',
  contact: '138****5678',
  contactConsent: true,
  category: 'product_defect',
  scenario: 'Reports module, after pressing Export',
  problem: 'After pressing Export in the Reports module the spinner never stops and no file is downloaded; the customer raised it three times.',
  expectedSolution: 'Export finishes within a minute and downloads an Excel file.',
  initialPriority: 'high',
  attachments: [
    {
      id: '0190a6f2-8000-7000-8000-000000000001',
      name: 'export-spinner.png',
      mimeType: 'image/png',
      size: 184_233,
      sha256: 'a'.repeat(64),
      capturedAt: '2024-05-20T02:05:11.250Z',
    },
  ],
  initiator: { id: '0190a000-0000-7000-8000-00000000a001', name: '客服 王*' },
  recordedAt: '2024-05-20T02:06:00Z',
  notes: '客户多次提及问题未解决',
  origin: { kind: 'extension', clip },
};

export const record: Record = {
  ...recordInput,
  recordNumber: 'CS-20240520-002',
  status: 'in_progress',
  validity: 'valid',
  invalidReason: null,
  nature: 'feature_optimisation',
  urgency: 'important',
  dueAt: '2024-05-23T15:59:59.999Z',
  owner: { id: '0190a000-0000-7000-8000-00000000b002', name: '研发 李*' },
  responsibleDepartment: 'RD',
  assessment: {
    customerValue: 5,
    businessValue: 4,
    cost: 2,
    risk: 2,
    score: 26,
    priority: 'P0',
    handling: 'develop',
    meetingAt: '2024-05-21T06:00:00Z',
    participants: [{ name: '产品 张*' }, { name: '销售 赵*' }],
    reproductionRate: 100,
    impactScope: 'affects every export of reports over 10 000 rows',
  },
  taskOrder: {
    goal: 'Exports of large reports complete',
    deliveryStandard: 'A 50 000-row report exports in under 60 s',
    deadline: '2024-06-14',
    ownerId: '0190a000-0000-7000-8000-00000000b002',
  },
  progress: [
    { milestone: 'requirement_review', note: 'Reviewed, root cause: synchronous export', at: '2024-05-22T03:00:00Z', by: { id: '0190a000-0000-7000-8000-00000000b002', name: '研发 李*' } },
  ],
  changeRequests: [],
  communications: [
    {
      id: '0190a6f2-9000-7000-8000-000000000010',
      kind: 'adopted',
      message: '您的建议已被收录,预计版本上线',
      expectedVersion: '3.8.0',
      at: '2024-05-22T04:00:00Z',
      by: { id: '0190a000-0000-7000-8000-00000000a001', name: '客服 王*' },
    },
  ],
  satisfaction: [],
  cycle: 1,
  result: null,
  mergedInto: null,
  version: 4,
  createdAt: '2024-05-20T02:06:03Z',
  updatedAt: '2024-05-22T04:00:00Z',
};

export const submission: SubmissionInput = {
  id: '0190a6f3-0000-7abc-8def-0123456789ab',
  siteKey: 'pk_live_3f9a2c7d',
  category: 'feature_request',
  scenario: 'Reports module, after pressing Export',
  problem: '导出报表时只能导出当前页,希望能批量导出全部数据',
  expectedSolution: 'Bulk export of all pages',
  contact: '138****5678',
  contactConsent: true,
  screenshot: {
    id: '0190a6f3-0001-7abc-8def-0123456789ab',
    name: 'screenshot.png',
    mimeType: 'image/png',
    size: 90_210,
    capturedAt: '2024-05-20T09:30:00Z',
  },
  page: {
    url: 'https://app.example.com/reports?tab=monthly',
    title: 'Monthly report – Example',
    referrer: 'https://app.example.com/dashboard',
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/124.0 Safari/537.36',
    screen: { w: 1920, h: 1080 },
    appVersion: '3.7.2',
  },
  reporter: { kind: 'anonymous', secretHash: 'b'.repeat(64) },
  locale: 'zh-CN',
  submittedAt: '2024-05-20T09:30:02Z',
  website: '',
};

export const survey: Survey = {
  id: '0190a6f4-0000-7000-8000-000000000001',
  campaignId: '0190a6f4-0000-7000-8000-0000000000c1',
  purpose: 'annual_satisfaction',
  period: '2024',
  title: { 'zh-CN': '2024 年度客户满意度调研', en: '2024 customer satisfaction survey' },
  questions: [
    { id: 'csat', kind: 'csat', prompt: { 'zh-CN': '您对产品整体是否满意?', en: 'How satisfied are you overall?' }, required: true },
    { id: 'nps', kind: 'nps', prompt: { en: 'How likely are you to recommend us?' } },
    {
      id: 'area',
      kind: 'single_choice',
      prompt: { 'zh-CN': '最需要改进的是?' },
      options: [
        { id: 'export', label: { 'zh-CN': '导出', en: 'Export' } },
        { id: 'speed', label: { 'zh-CN': '速度', en: 'Speed' } },
      ],
    },
    { id: 'more', kind: 'open_text', prompt: { en: 'Anything else?' }, maxLength: 500 },
  ],
  targeting: {
    urlPatterns: ['https://app.example.com/reports/*'],
    traits: { customerType: ['existing', 'high_value'] },
    samplingPercent: 20,
    frequencyCapDays: 90,
  },
  activeWindow: { from: '2024-12-01T00:00:00Z', to: '2024-12-31T23:59:59Z' },
  active: true,
};
