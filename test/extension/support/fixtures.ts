import type { ExtensionOptions } from '../../../extension/storage/extension-options';

/** What the in-page capture returns on the Zendesk ticket of DOMAIN.md's example (already masked). */
export const ZENDESK_CAPTURE = {
  clip: {
    page: {
      url: 'https://acme.zendesk.com/agent/tickets/48213',
      title: '导出报表没有反应 – 工单 #48213 – Zendesk',
      selection: '你好，我们在报表模块点击“导出”按钮之后一直没有反应，等了一分钟也没有下载。',
      metadata: {},
    },
    ticket: {
      system: 'zendesk',
      ticketId: '48213',
      url: 'https://acme.zendesk.com/agent/tickets/48213',
      subject: '导出报表没有反应',
      requester: '*先生',
      status: 'Open',
      tags: ['报表'],
      messages: [
        { role: 'customer', author: '*先生', text: '麻烦尽快回电 138****5678。' },
        { role: 'customer', author: '*先生', text: '今天还是不行，已经影响月底对账了。' },
      ],
      missingFields: [],
    },
    capturedAt: '2025-09-30T02:05:00.000Z',
  },
  adapterId: 'zendesk-agent',
  missingFields: [],
};

/** Options of a configured agent in the CS department. */
export const CONFIGURED: ExtensionOptions = {
  serverUrl: 'https://echobox.test',
  token: 'placeholder',
  department: 'CS',
  initiatorName: '李客服',
  locale: 'zh-CN',
  defaults: { source: 'customer_service', channel: 'ticket', channelMode: 'passive', category: 'product_defect' },
};
