import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { RecordInput } from '../../../shared/schemas/record';
import type { AdapterDefinition } from '../../../shared/schemas/adapter';

/** A valid record as the extension would send it, after DOMAIN.md §4's example (CS, Reports export). */
export function recordInput(overrides: Partial<RecordInput> = {}): RecordInput {
  return {
    id: uuidv7(),
    department: 'CS',
    source: 'customer_service',
    channel: 'ticket',
    customerType: 'high_value',
    customerKind: 'enterprise',
    customerName: '华东贸易有限公司',
    contactPerson: '*先生',
    contact: '138****5678',
    contactConsent: true,
    category: 'product_defect',
    scenario: 'Reports module, after pressing Export',
    problem: '导出报表时点击导出按钮没有反应,客户多次提及问题未解决',
    expectedSolution: '点击后 10 秒内下载 Excel 文件',
    initialPriority: 'high',
    attachments: [],
    initiator: { name: '李客服' },
    recordedAt: '2025-09-30T02:00:00.000Z',
    origin: { kind: 'manual' },
    ...overrides,
  };
}

/** A widget submission with an anonymous reporter whose secret is `secret`. */
export function submissionInput(secret: string, overrides: Record<string, unknown> = {}) {
  return {
    id: uuidv7(),
    category: 'feature_request',
    scenario: '报表页面,点击导出之后',
    problem: '导出报表时点击导出按钮没有反应,等了一分钟也没有下载',
    expectedSolution: '点击后马上开始下载',
    contact: '138****5678',
    contactConsent: true,
    page: { url: 'https://app.example.com/reports', title: '报表', userAgent: 'Mozilla/5.0', screen: { w: 1280, h: 800 } },
    reporter: { kind: 'anonymous', secretHash: createHash('sha256').update(secret).digest('hex') },
    locale: 'zh-CN',
    submittedAt: '2025-09-30T09:00:00.000Z',
    ...overrides,
  };
}

/** A company's own helpdesk adapter, as an admin would serve it next to the built-in ones. */
export const CUSTOM_ADAPTER: AdapterDefinition = {
  id: 'acme-desk',
  system: 'generic',
  version: 1,
  urls: [{ host: 'desk.acme.example', path: '/tickets/*' }],
  idPatterns: ['/tickets/(?<id>\\d+)'],
  fields: { subject: [{ selector: 'h1.ticket-title' }] },
};
