import { v7 as uuidv7 } from 'uuid';
import type { RecordInput } from '../../../shared/schemas/record';

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
