import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { capturePage, type CaptureResult } from '../../../extension/capture/capture-page';
import { BUILTIN_ADAPTERS } from '../../../shared/adapters/builtin';
import { Clip, type ClipMessage, type ClipTicket } from '../../../shared/schemas/clip';
import { fixtureHtml, fixtureNames, fixtureUrl, loadFixture } from './load-fixture';

const NOW = new Date('2025-10-01T02:00:00.000Z');

const capture = (fixture: string, extra: { url?: string; selection?: string } = {}): CaptureResult =>
  capturePage(loadFixture(fixture, extra.url), {
    url: extra.url ?? fixtureUrl(fixture),
    adapters: BUILTIN_ADAPTERS,
    now: NOW,
    ...(extra.selection === undefined ? {} : { selection: extra.selection }),
  });

const msg = (role: ClipMessage['role'], text: string, author?: string, at?: string): ClipMessage => ({
  role,
  text,
  ...(author ? { author } : {}),
  ...(at ? { at } : {}),
});

interface Case {
  fixture: string;
  adapterId: string;
  ticket: Omit<ClipTicket, 'url'>;
}

/** Every helpdesk fixture and exactly what its adapter must extract (requesters and contacts masked). */
const CASES: Case[] = [
  {
    fixture: 'zendesk-agent-workspace',
    adapterId: 'zendesk-agent',
    ticket: {
      system: 'zendesk',
      ticketId: '48213',
      subject: '导出报表没有反应',
      requester: '*先生',
      status: 'Open',
      tags: ['报表', 'vip_customer', 'export'],
      messages: [
        msg(
          'customer',
          '你好，我们在报表模块点击“导出”按钮之后一直没有反应，等了一分钟也没有下载。\n麻烦尽快回电 138****5678，或者发邮件到 ***@***。',
          '*先生',
          '2025-09-29T01:12:00.000Z',
        ),
        msg('agent', '*先生您好，我们已经复现了这个问题，正在排查。', '*', '2025-09-29T01:40:00.000Z'),
        msg('customer', '今天还是不行，已经影响月底对账了。', '*先生', '2025-09-30T02:05:00.000Z'),
      ],
      missingFields: [],
    },
  },
  {
    fixture: 'zendesk-legacy',
    adapterId: 'zendesk-agent',
    ticket: {
      system: 'zendesk',
      ticketId: '48102',
      subject: 'Invoice PDF shows wrong VAT number',
      requester: '*',
      status: 'Pending',
      tags: ['billing', 'invoice', 'eu'],
      messages: [
        msg('customer', 'Our invoice PDF shows the VAT number of another company.\nPlease reply to ***@***.\nThanks, Emily', '*', '2025-09-25T07:15:00.000Z'),
        msg('agent', 'Hi Emily, thanks for reporting. Could you send the invoice number?', '*', '2025-09-25T09:00:00.000Z'),
        msg('customer', 'Still wrong on the reissued invoice. Call me on 139****5678 if easier.', '*', '2025-09-26T08:30:00.000Z'),
      ],
      missingFields: [],
    },
  },
  {
    fixture: 'zendesk-partial',
    adapterId: 'zendesk-agent',
    ticket: {
      system: 'zendesk',
      ticketId: '48250',
      subject: '希望支持批量导出',
      tags: [],
      messages: [msg('customer', '每次只能导出一页太麻烦了，能不能一次导出全部？我的微信号 ***。', '*女士')],
      missingFields: ['requester', 'status', 'tags'],
    },
  },
  {
    fixture: 'freshdesk-mint',
    adapterId: 'freshdesk-ticket',
    ticket: {
      system: 'freshdesk',
      ticketId: '10342',
      subject: 'Payment failed but order was charged',
      requester: 'Ms *',
      status: 'Waiting on Customer',
      tags: ['payment', 'refund'],
      messages: [
        msg(
          'customer',
          'Checkout said "payment failed", but my card was charged $129.00 twice.\nOrder 55-1203. You can reach me at ***@*** or 010-****34.',
          'Ms *',
          '2025-09-29T03:20:00.000Z',
        ),
        msg('agent', 'Sorry about this, Mrs. *. We have asked the payment provider to check.', '*', '2025-09-29T05:00:00.000Z'),
        msg('customer', 'Any update? The second charge is still on my statement.', 'Ms *', '2025-09-30T09:45:00.000Z'),
      ],
      missingFields: [],
    },
  },
  {
    fixture: 'freshdesk-legacy',
    adapterId: 'freshdesk-ticket',
    ticket: {
      system: 'freshdesk',
      ticketId: '987',
      subject: '发票抬头开错了',
      requester: '*女士',
      status: 'Pending',
      tags: ['发票', '财务'],
      messages: [
        msg(
          'customer',
          '发票抬头应该是“杭州青禾贸易有限公司”，你们开成了个人。\n身份证号 3****************4 我已经发过了，电话 0571-****21。',
          '*女士',
          '2025-09-28T06:00:00.000Z',
        ),
        msg('agent', '*女士您好，已为您提交重开申请。', '*', '2025-09-28T08:00:00.000Z'),
        msg('customer', '好的，新发票请寄到公司，收件人QQ *** 可以联系。', '*女士', '2025-09-30T01:30:00.000Z'),
      ],
      missingFields: [],
    },
  },
  {
    fixture: 'jira-cloud-issue',
    adapterId: 'jira-issue',
    ticket: {
      system: 'jira',
      ticketId: 'SHOP-321',
      subject: 'Bulk export times out for more than 10,000 rows',
      requester: '*',
      status: 'In Progress',
      tags: ['export', 'performance', 'enterprise'],
      messages: [
        msg(
          'customer',
          'Customer (enterprise plan) reports that exporting the orders report with more than 10,000 rows fails after 60 s.\nContact: ***@***, 186****1234.',
        ),
        msg('agent', 'Reproduced on staging with 12k rows; the worker hits the 60 s gateway limit.', '*', '2025-09-22T03:00:00.000Z'),
        msg('customer', 'Customer asked again today; they need the full export for the quarterly audit.', '*', '2025-09-23T01:30:00.000Z'),
      ],
      missingFields: [],
    },
  },
  {
    fixture: 'jira-service-queue',
    adapterId: 'jira-issue',
    ticket: {
      system: 'jira',
      ticketId: 'ITSD-88',
      subject: '无法登录 VPN',
      requester: '*',
      status: '等待客户',
      tags: ['vpn', '远程办公'],
      messages: [
        msg('customer', '从昨天下午开始 VPN 客户端一直提示“证书无效”，在家无法办公。'),
        msg('agent', '*您好，请重启客户端后再试一次。', '*', '2025-09-29T02:10:00.000Z'), // the requester's own name is masked in the thread too
        msg('customer', '重启后还是不行，我的工号 A1029，手机 159****1234。', '*', '2025-09-29T03:25:00.000Z'),
      ],
      missingFields: [],
    },
  },
  {
    fixture: 'jira-server-issue',
    adapterId: 'jira-issue',
    ticket: {
      system: 'jira',
      ticketId: 'CRM-77',
      subject: '客户列表按地区筛选',
      requester: '*',
      status: '待处理',
      tags: ['功能需求', 'crm'],
      messages: [
        msg('customer', '销售希望在客户列表里按省份和城市筛选，现在只能导出到 Excel 再筛。'),
        msg('customer', '补充：华南区客户最多，优先支持广东省。', '*', '2025-09-18T00:00:00.000Z'),
      ],
      missingFields: [],
    },
  },
  {
    fixture: 'jira-portal-request',
    adapterId: 'jira-service-portal',
    ticket: {
      system: 'jira',
      ticketId: 'ITSD-90',
      subject: 'Laptop battery swells after update',
      requester: 'Ms *',
      status: 'Waiting for support',
      tags: [],
      messages: [
        msg('customer', "The battery of my ThinkPad started to bulge after last week's BIOS update. Asset tag LT-5521. Please call 021-****67."),
        msg('agent', 'Please stop using the laptop and bring it to the IT desk on floor 3.', '*', '2025-09-24T02:00:00.000Z'),
        msg('customer', 'I work remotely in Suzhou; can you ship a replacement? My e-mail is ***@***.', 'Ms *', '2025-09-24T03:10:00.000Z'),
      ],
      missingFields: ['tags'],
    },
  },
  {
    fixture: 'jira-portal-classic',
    adapterId: 'jira-service-portal',
    ticket: {
      system: 'jira',
      ticketId: 'HR-14',
      subject: '社保缴纳证明开具',
      requester: '*女士',
      status: '处理中',
      tags: [],
      messages: [
        msg('customer', '需要开具 2024 年全年的社保缴纳证明，用于办理居住证。'),
        msg('agent', '已收到，预计三个工作日内完成。', '*', '2025-09-26T09:00:00.000Z'),
        msg('customer', '请开好后发到 ***@***，谢谢！', '*女士', '2025-09-27T06:00:00.000Z'),
      ],
      missingFields: ['tags'],
    },
  },
  {
    fixture: 'github-issue-react',
    adapterId: 'github-issue',
    ticket: {
      system: 'github',
      ticketId: '1423',
      subject: 'CSV export drops Chinese characters',
      requester: '*',
      status: 'Open',
      tags: ['bug', 'i18n', 'export'],
      messages: [
        msg(
          'customer',
          'Exported CSV shows ??? instead of 中文 names when opened in Excel.\nSteps: Reports → Export → CSV. Sample file sent to ***@***.',
          '*',
          '2025-09-20T12:00:00.000Z',
        ),
        msg('agent', 'Thanks! Looks like we write UTF-8 without a BOM. Will fix.', '*', '2025-09-21T02:00:00.000Z'),
        msg('customer', 'Any ETA? Our finance team (contact: *女士, 137****1111) exports every Monday.', '*', '2025-09-28T09:30:00.000Z'),
      ],
      missingFields: [],
    },
  },
  {
    fixture: 'github-issue-classic',
    adapterId: 'github-issue',
    ticket: {
      system: 'github',
      ticketId: '987',
      subject: 'Login page freezes on Safari 16',
      requester: '*',
      status: 'Closed',
      tags: ['bug', 'safari'],
      messages: [
        msg('customer', 'On Safari 16.6 the login button spins forever. Works in Chrome.', '*', '2025-08-02T10:00:00.000Z'),
        msg('agent', 'Fixed in v2.4.1 (polyfill for structuredClone).', '*', '2025-08-03T10:00:00.000Z'),
        msg('customer', 'Confirmed fixed, thanks! Reach me at ***@*** if it comes back.', '*', '2025-08-05T10:00:00.000Z'),
      ],
      missingFields: [],
    },
  },
  {
    fixture: 'intercom-inbox',
    adapterId: 'intercom-inbox',
    ticket: {
      system: 'intercom',
      ticketId: '215468712345678',
      subject: '优惠券无法叠加使用',
      requester: '*女士',
      status: 'open',
      tags: ['coupon', '促销'],
      messages: [
        msg('customer', '满减券和新人券为什么不能一起用？活动页上写的可以叠加。', '*女士', '2025-09-30T06:01:00.000Z'),
        msg('agent', 'I can connect you with the team. 正在为您转接人工客服。', '*', '2025-09-30T06:01:10.000Z'),
        msg('agent', '*小姐您好，活动规则里满减券不能与新人券同时使用，抱歉给您带来困扰。', '*', '2025-09-30T06:05:00.000Z'),
        msg('customer', '那页面上的说明要改一下，不然会误导。有结果请打 186****3344 告诉我。', '*女士', '2025-09-30T06:07:00.000Z'),
      ],
      missingFields: [],
    },
  },
  {
    fixture: 'intercom-legacy',
    adapterId: 'intercom-inbox',
    ticket: {
      system: 'intercom',
      ticketId: '20451233',
      requester: 'Mr *',
      tags: [],
      messages: [
        msg('customer', 'Can I change the delivery address of order 7781? New number: 0755-****89.', 'Mr *', '2025-09-15T01:00:00.000Z'),
        msg('agent', 'Done, Mr. *. The courier will call you before delivery.', '*', '2025-09-15T01:20:00.000Z'),
      ],
      missingFields: ['subject', 'status', 'tags'],
    },
  },
  {
    fixture: 'helpscout-conversation',
    adapterId: 'helpscout-conversation',
    ticket: {
      system: 'helpscout',
      ticketId: '10452',
      subject: 'Shipping label printed twice',
      requester: 'Acme Logistics GmbH',
      status: 'Active',
      tags: ['shipping', 'bug'],
      messages: [
        msg('customer', 'Every label in batch B-20 printed twice. Contact: ***@***', 'Acme Logistics GmbH', '2025-09-29T07:30:00.000Z'),
        msg('agent', 'Thanks for the report. Could you tell us which printer model you use?', '*', '2025-09-29T10:00:00.000Z'),
        msg(
          'customer',
          'It happened again this morning, 14 labels duplicated. Please call Mr. * at +493****4567.',
          'Acme Logistics GmbH',
          '2025-09-30T08:00:00.000Z',
        ),
      ],
      missingFields: [],
    },
  },
  {
    fixture: 'helpscout-classic',
    adapterId: 'helpscout-conversation',
    ticket: {
      system: 'helpscout',
      ticketId: '8812',
      subject: '退款一直没到账',
      requester: '*先生',
      status: 'Pending',
      tags: ['退款', '支付宝'],
      messages: [
        msg('customer', '申请退款订单 88812，商品未发货。', '*先生', '2025-09-21T13:00:00.000Z'),
        msg('agent', '退款已提交，预计 7 个工作日内到账。', '*', '2025-09-22T02:00:00.000Z'),
        msg('customer', '已经过去 10 个工作日了，退款还没有到支付宝。\n身份证 4****************X，订单号 88812。', '*先生', '2025-09-25T04:00:00.000Z'),
      ],
      missingFields: [],
    },
  },
];

describe('capturePage on helpdesk fixtures', () => {
  it('has a case for every helpdesk fixture and two layouts per adapter', () => {
    const pageOnly = ['generic-article', 'intercom-no-conversation'];
    expect(CASES.map((c) => c.fixture).sort()).toEqual(fixtureNames().filter((n) => !pageOnly.includes(n)));
    for (const adapter of BUILTIN_ADAPTERS) {
      expect(CASES.filter((c) => c.adapterId === adapter.id).length, adapter.id).toBeGreaterThanOrEqual(2);
    }
  });

  it.each(CASES)('$fixture: extracts the ticket exactly, masked', ({ fixture, adapterId, ticket }) => {
    const result = capture(fixture);
    expect(result.adapterId).toBe(adapterId);
    expect(result.clip.ticket).toEqual({ ...ticket, url: fixtureUrl(fixture) });
    expect(result.missingFields).toEqual(ticket.missingFields);
    expect(result.clip.capturedAt).toBe(NOW.toISOString());
  });

  it.each(CASES)('$fixture: the clip is valid for the shared schema and leaks no contact data', ({ fixture }) => {
    const result = capture(fixture, { selection: 'Please call 13812345678' });
    expect(z.safeParse(Clip, result.clip).success).toBe(true);
    const json = JSON.stringify(result.clip);
    // Every phone, e-mail and ID number planted in the fixtures, unmasked.
    for (const secret of [
      '13812345678', 'wang.jg@example.cn', '13900001111', '1234 5678', 'emily.carter@', 'zhao_li_2024',
      'linda.brown@', '6552 1234', '330106199001011234', '-87654321', 'QQ 12345678', 'ops-lead@', '0000 1234',
      '15900001234', '6123 4567', 'olivia.chen@', 'zhou.m@', 'support@acme', '13700001111', 'dana.w@',
      '0211-3344', '2345 6789', '30 1234567', 'ops@acme-logistics', '44030119850505123X',
    ]) {
      expect(json, secret).not.toContain(secret);
    }
  });
});

describe('gaps and fallbacks', () => {
  it('names the fields a page lacks, and the ticket still carries what was found', () => {
    const result = capture('zendesk-partial');
    expect(result.missingFields).toEqual(['requester', 'status', 'tags']);
    expect(result.clip.ticket?.missingFields).toEqual(['requester', 'status', 'tags']);
    expect(result.clip.ticket?.subject).toBe('希望支持批量导出');
  });

  it('keeps the page capture when a recognised helpdesk page has no usable ticket', () => {
    const result = capture('intercom-no-conversation');
    expect(result.adapterId).toBe('intercom-inbox');
    expect(result.clip.ticket).toBeUndefined();
    expect(result.missingFields).toEqual(['ticketId', 'subject', 'requester', 'status', 'tags', 'messages']);
    expect(result.clip.page.title).toBe('All conversations | Inbox'); // the site's name stripped
    expect(result.clip.page.readableText).toContain('Select a conversation to see its messages.');
  });

  it('captures an unknown site as a generic page: no adapter, no ticket, no gaps', () => {
    const result = capture('generic-article');
    expect(result.adapterId).toBeNull();
    expect(result.clip.ticket).toBeUndefined();
    expect(result.missingFields).toEqual([]);
    expect(z.safeParse(Clip, result.clip).success).toBe(true);
  });

  it('treats a helpdesk page as generic when no adapters are given', () => {
    const result = capturePage(loadFixture('zendesk-agent-workspace'), { url: fixtureUrl('zendesk-agent-workspace'), adapters: [] });
    expect(result.adapterId).toBeNull();
    expect(result.clip.ticket).toBeUndefined();
    expect(result.clip.page.title).toBe('导出报表没有反应 – 工单 #48213'); // the site's name stripped
  });

  it('recognises a fixture served from localhost by its product markers (ids then come from the page)', () => {
    const url = 'http://localhost:4173/zendesk-agent-workspace.html';
    const result = capture('zendesk-agent-workspace', { url });
    expect(result.adapterId).toBe('zendesk-agent');
    expect(result.clip.ticket).toMatchObject({ system: 'zendesk', ticketId: '48213', url, requester: '*先生', missingFields: [] });
    const jira = capture('jira-server-issue', { url: 'http://127.0.0.1:8080/jira-server-issue.html' });
    expect(jira.clip.ticket).toMatchObject({ system: 'jira', ticketId: 'CRM-77' });
  });

  it('does not let a marker on another product page pull in the wrong adapter', () => {
    // The GitHub page also matches no Zendesk marker, so the URL decides.
    expect(capture('github-issue-react').adapterId).toBe('github-issue');
    expect(capture('generic-article', { url: 'https://acme.zendesk.com/hc/en-us/articles/1' }).adapterId).toBeNull();
  });
});

describe('the page part', () => {
  it('passes the selection through, masked and trimmed', () => {
    const result = capture('generic-article', { selection: '  分批导出，联系 13512345678 \n ' });
    expect(result.clip.page.selection).toBe('分批导出，联系 135****5678');
    expect(capture('generic-article', { selection: '   ' }).clip.page).not.toHaveProperty('selection');
    expect(capture('generic-article').clip.page).not.toHaveProperty('selection');
  });

  it('extracts the readable main text with Readability, masked', () => {
    const text = capture('generic-article').clip.page.readableText ?? '';
    expect(text.startsWith('如何导出大报表：五个技巧\n作者 周明，2025年9月15日更新\n导出超过一万行的报表时')).toBe(true);
    expect(text).toContain('2. 改用异步任务');
    expect(text).toContain('有问题可以联系作者 ***@*** 或拨打 135****5678。');
    expect(text).not.toContain('首页');
    expect(text).not.toContain('© 2025');
  });

  it('reads url, canonical url (resolved) and title', () => {
    const { page } = capture('generic-article').clip;
    expect(page.url).toBe('https://blog.example.com/2025/09/export-guide?utm_source=newsletter');
    expect(page.canonicalUrl).toBe('https://blog.example.com/2025/09/export-guide');
    expect(page.title).toBe('如何导出大报表：五个技巧'); // og:title, without the site's name
  });

  it('parses OpenGraph, JSON-LD (the page node only) and microdata into bounded metadata', () => {
    expect(capture('generic-article').clip.page.metadata).toEqual({
      description: '导出超过一万行的报表时，分批、异步和压缩能让下载快很多。',
      'og:title': '如何导出大报表：五个技巧',
      'page:author': '周明',
      'page:lang': 'zh-CN',
      'og:type': 'article',
      'og:url': 'https://blog.example.com/2025/09/export-guide',
      'og:image': 'https://blog.example.com/img/export-guide.png',
      'og:site_name': '示例博客',
      'article:published_time': '2025-09-12T08:00:00+08:00',
      'article:tag': '报表',
      'schema:type': 'BlogPosting',
      'schema:headline': '如何导出大报表：五个技巧',
      'schema:datePublished': '2025-09-12T08:00:00+08:00',
      'schema:author': '周明',
      'schema:keywords': '报表, 导出, 性能',
      'schema:wordCount': '1200',
      'schema:publisher': '示例科技有限公司',
      'schema:name': '如何导出大报表：五个技巧',
      'schema:dateModified': '2025-09-15',
    });
  });

  it('bounds metadata to the schema limits: 100 keys, 2,000 characters a value', () => {
    const metas = Array.from({ length: 150 }, (_, i) => `<meta property="og:k${i}" content="${'值'.repeat(3000)}">`).join('');
    const doc = new DOMParser().parseFromString(`<html><head><title>t</title>${metas}</head><body><p>x</p></body></html>`, 'text/html');
    const { metadata } = capturePage(doc, { url: 'https://example.com/', adapters: [] }).clip.page;
    expect(Object.keys(metadata)).toHaveLength(100);
    expect(metadata['og:k0']).toHaveLength(2000);
    expect(z.safeParse(Clip, capturePage(doc, { url: 'https://example.com/', adapters: [] }).clip).success).toBe(true);
  });

  it('leaves the document untouched (Readability works on a clone)', () => {
    const doc = loadFixture('generic-article');
    const before = doc.documentElement.outerHTML;
    capturePage(doc, { url: fixtureUrl('generic-article'), adapters: BUILTIN_ADAPTERS, selection: 'x' });
    expect(doc.documentElement.outerHTML).toBe(before);
  });

  it('never throws on odd input: empty documents, bad dates, hostile adapters', () => {
    const empty = new DOMParser().parseFromString('', 'text/html');
    const result = capturePage(empty, { url: 'not a url', adapters: BUILTIN_ADAPTERS, now: new Date('nope') });
    expect(result.adapterId).toBeNull();
    expect(result.clip.page.title).toBe('');
    expect(Number.isFinite(Date.parse(result.clip.capturedAt))).toBe(true);
    const broken = [{ id: 'broken' }, { ...BUILTIN_ADAPTERS[0], fields: null }] as unknown as typeof BUILTIN_ADAPTERS;
    const url = fixtureUrl('zendesk-agent-workspace');
    const withBroken = capturePage(loadFixture('zendesk-agent-workspace'), { url, adapters: [...broken, ...BUILTIN_ADAPTERS] });
    expect(withBroken.clip.ticket?.ticketId).toBe('48213');
  });

  it('uses the page text, not Readability, on a ticket page (the conversation is in the ticket)', () => {
    const text = capture('helpscout-classic').clip.page.readableText ?? '';
    expect(text.split('\n').slice(0, 4)).toEqual(['#8812', '退款一直没到账', 'Pending', '退款, 支付宝']);
    expect(text).toContain('身份证 4****************X');
  });
});

describe('fixtures stay offline', () => {
  it.each(fixtureNames())('%s loads no external asset', (name) => {
    const html = fixtureHtml(name);
    const loads = html.match(/<(?:link|script|img|iframe|source|video|audio)\b[^>]*>/gi) ?? [];
    // A canonical link names an address; it loads nothing.
    const external = loads.filter((tag) => !/rel="canonical"/.test(tag) && /\b(?:href|src)="(?:https?:)?\/\//i.test(tag));
    expect(external).toEqual([]);
  });
});
