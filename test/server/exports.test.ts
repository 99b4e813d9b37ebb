import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as ExcelNamespace from 'exceljs';
import { v7 as uuidv7 } from 'uuid';
import { TEST_STORES } from './support/databases';
import { json, staff, testApp } from './support/app';
import { recordInput } from './support/fixtures';
import type { Database } from '../../server/db/open';
import { streamRecordPages } from '../../server/store/record-stream';
import { DEFAULT_TIME_ZONE } from '../../shared/domain/time-zone';

// exceljs is CommonJS with ES-style typings: under Node's ESM loader only `default` exists.
const ExcelJS = (ExcelNamespace as unknown as { default?: typeof ExcelNamespace }).default ?? ExcelNamespace;

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A small RFC 4180 reader: quoted fields, doubled quotes, CRLF line ends; fails on anything else. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (ch === '"') {
        quoted = false;
        i += 1;
      } else {
        field += ch;
        i += 1;
      }
    } else if (ch === '"' && field === '') {
      quoted = true;
      i += 1;
    } else if (ch === ',') {
      row.push(field);
      field = '';
      i += 1;
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
    } else if (ch === '\n' || ch === '\r' || ch === '"') {
      throw new Error(`bare ${JSON.stringify(ch)} outside quotes at ${i}`);
    } else {
      field += ch;
      i += 1;
    }
  }
  if (field !== '' || row.length > 0) throw new Error('last line is not CRLF-terminated');
  return rows;
}

/** Header row and data rows as objects keyed by heading. */
function table(rows: string[][]): { header: string[]; items: Array<Record<string, string>> } {
  const [header = [], ...data] = rows;
  return {
    header,
    items: data.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? '']))),
  };
}

/** The CSV body as a table, after checking it starts with the UTF-8 BOM. */
async function readCsv(res: Response) {
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return table(parseCsv(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.slice(3))));
}

async function readXlsx(res: Response) {
  const workbook = new ExcelJS.Workbook();
  // exceljs' typings predate Node's generic Buffer; the bytes are what matter.
  await workbook.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
  return workbook;
}

type Sheet = ReturnType<InstanceType<typeof ExcelJS.Workbook>['addWorksheet']>;

/** Data rows of a sheet as objects keyed by the header row's text. */
function sheetItems(sheet: Sheet): Array<Record<string, unknown>> {
  const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const items: Array<Record<string, unknown>> = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const values = row.values as unknown[];
    items.push(Object.fromEntries(header.map((h, i) => [h, values[i + 1] ?? null])));
  });
  return items;
}

describe.each(TEST_STORES)('ledger export on $name', (store) => {
  let database: Database;
  let t: ReturnType<typeof testApp>;
  let agent: Awaited<ReturnType<typeof staff>>;
  let reviewer: Awaited<ReturnType<typeof staff>>;
  let worked: { id: string; recordNumber: string };
  let hostile: { id: string; recordNumber: string };
  let rejected: { id: string; recordNumber: string };
  let other: { id: string; recordNumber: string };

  const create = async (overrides = {}) => {
    const res = await t.app.request('/api/v1/records', json('POST', recordInput(overrides), agent.auth));
    expect(res.status).toBe(201);
    return ((await res.json()) as { record: { id: string; recordNumber: string; version: number } }).record;
  };
  const post = async (path: string, body: unknown, who = reviewer) => {
    const res = await t.app.request(path, json('POST', body, who.auth));
    expect(res.status, `${path} ${await res.clone().text()}`).toBe(200);
    return ((await res.json()) as { record: { version: number } }).record;
  };
  const get = (path: string, headers: Record<string, string> = reviewer.auth) => t.app.request(path, { headers });

  beforeAll(async () => {
    database = await store.open();
    t = testApp(database, { now: new Date('2025-09-30T10:00:00Z') });
    agent = await staff(database, 'agent', 'CS', '李客服');
    reviewer = await staff(database, 'reviewer', 'PM', '张经理');

    // A defect taken through screening, assessment, execution and the report back (DOMAIN.md §5–§8).
    const a = await create({
      department: 'EXP',
      contact: '13912345678',
      attachments: [
        { id: uuidv7(), name: 'screenshot.png', mimeType: 'image/png', size: 1200, capturedAt: '2025-09-30T01:59:00.000Z' },
        { id: uuidv7(), name: '导出日志.txt', mimeType: 'text/plain', size: 300, capturedAt: '2025-09-30T01:59:30.000Z' },
      ],
    });
    worked = a;
    const base = `/api/v1/records/${a.id}`;
    await post(`${base}/transitions`, { type: 'mark_valid', nature: 'feature_optimisation', urgency: 'important' });
    const current = await get(base);
    const version = ((await current.json()) as { record: { version: number } }).record.version;
    const patched = await t.app.request(
      base,
      json(
        'PATCH',
        {
          responsibleDepartment: 'RD',
          assessment: {
            customerValue: 5,
            businessValue: 4,
            cost: 2,
            risk: 2,
            priority: 'P1',
            handling: 'develop',
            reproductionRate: 12.5,
            impactScope: '影响 10% 的登录',
          },
        },
        { ...reviewer.auth, 'if-match': `"${version}"` },
      ),
    );
    expect(patched.status).toBe(200);
    await post(`${base}/transitions`, { type: 'start', ownerId: agent.user.id });
    await post(`${base}/progress`, { milestone: 'requirement_review', note: '评审通过' }, agent);
    t.clock.now = new Date('2025-10-09T03:00:00Z');
    await post(`${base}/progress`, { milestone: 'development_testing', note: '修复已提测' }, agent);
    await post(`${base}/change-requests`, { reason: '测试资源不足', adjustedPlan: '顺延一周', effectiveAt: '2025-10-20T00:00:00.000Z' }, agent);
    await post(`${base}/transitions`, { type: 'complete', result: '已修复,版本 2.3 上线' }, agent);
    await post(`${base}/communications`, { kind: 'done', message: '您反馈的问题已修复' });
    await post(`${base}/satisfaction`, { rating: 'satisfied', comment: '导出很快了' });
    t.clock.now = new Date('2025-09-30T10:00:00Z');

    // Text that a spreadsheet would run as a formula.
    hostile = await create({
      department: 'EXP',
      category: 'feature_request',
      customerName: '=HYPERLINK("http://evil.example","点我")',
      scenario: '+cmd|\' /C calc\'!A0',
      problem: '@SUM(1+1) 导出按钮, 点击后 "没有反应"\n第二行',
      notes: '-2+3',
      recordedAt: '2025-09-30T03:00:00.000Z',
    });
    rejected = await create({ department: 'EXP', recordedAt: '2025-09-30T04:00:00.000Z' });
    await post(`/api/v1/records/${rejected.id}/transitions`, { type: 'mark_invalid', reason: '与公司战略直接冲突' });
    other = await create({ department: 'EXPB', problem: '另一个部门的需求' });
  }, 60_000);
  afterAll(async () => {
    await database.close();
  });

  it('exports CSV with BOM, CRLF, zh-CN headings and labels, masked contact and company-time dates', async () => {
    const res = await get('/api/v1/exports/ledger.csv?department=EXP&lang=zh-CN');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="echobox-ledger-20250930.csv"; filename*=UTF-8''echobox-ledger-20250930.csv`,
    );
    expect(res.headers.get('cache-control')).toBe('no-store');
    const { header, items } = await readCsv(res);
    for (const heading of [
      '需求编号', '客户类型', '客户名称', '所属行业', '客户联系人', '联系方式', '反馈类型', '需求性质', '紧急程度', '发生场景',
      '问题描述', '需求描述 / 期望目标', '优先级(初步)', '需求附件', '发起人', '记录时间', '处理状态', '负责人', '截止日期',
      '处理结果', '客户确认', '备注', '筛选结论', '无效原因', '客户价值', '业务价值', '实施成本', '风险等级', '综合评分',
      '优先级', '建议处理方案', '暂不实施原因', '责任部门', '复现率', '影响范围', '最新里程碑', '进度更新次数',
      '最近更新时间', '最近更新说明', '需求变更申请数', '待审批变更申请数', '最近客户沟通', '处理轮次',
    ]) {
      expect(header).toContain(heading);
    }
    expect(header[0]).toBe('需求编号');
    expect(items.map((r) => r['需求编号'])).toEqual([worked.recordNumber, hostile.recordNumber, rejected.recordNumber]);
    const row = items[0] as Record<string, string>;
    expect(row).toMatchObject({
      需求编号: worked.recordNumber,
      客户类型: '高价值客户',
      客户名称: '华东贸易有限公司',
      联系方式: '139****5678',
      反馈类型: '产品缺陷',
      需求性质: '功能优化类',
      紧急程度: '重要',
      '优先级(初步)': '高',
      需求附件: 'screenshot.png; 导出日志.txt',
      发起人: '李客服',
      记录时间: '2025-09-30 10:00',
      处理状态: '已完成',
      负责人: '李客服',
      截止日期: '2025-10-11 23:59',
      处理结果: '已修复,版本 2.3 上线',
      客户确认: '满意',
      筛选结论: '有效需求',
      客户价值: '5',
      综合评分: '26',
      优先级: 'P1(高)',
      建议处理方案: '开发',
      责任部门: 'RD',
      复现率: '12.5%',
      影响范围: '影响 10% 的登录',
      最新里程碑: '开发/测试',
      进度更新次数: '2',
      最近更新时间: '2025-10-09 11:00',
      最近更新说明: '修复已提测',
      需求变更申请数: '1',
      待审批变更申请数: '1',
      最近客户沟通: '处理结果告知',
      客户评价: '导出很快了',
      处理轮次: '1',
    });
    expect(items[2]).toMatchObject({ 筛选结论: '无效需求', 无效原因: '与公司战略直接冲突', 处理状态: '已关闭' });
  });

  it('neutralises formula injection and keeps commas, quotes and line breaks intact in CSV', async () => {
    const res = await get('/api/v1/exports/ledger.csv?department=EXP&lang=en');
    const { items } = await readCsv(res);
    const row = items.find((r) => r['Record number'] === hostile.recordNumber) as Record<string, string>;
    expect(row['Customer name']).toBe(`'=HYPERLINK("http://evil.example","点我")`);
    expect(row.Scenario).toBe(`'+cmd|' /C calc'!A0`);
    expect(row['Problem description']).toBe(`'@SUM(1+1) 导出按钮, 点击后 "没有反应"\n第二行`);
    expect(row.Notes).toBe(`'-2+3`);
    expect(row['Feedback type']).toBe('Feature request');
    for (const item of items) {
      for (const value of Object.values(item)) expect(value).not.toMatch(/^[=+\-@\t\r]/);
    }
  });

  it('speaks English from lang=en or Accept-Language, and zh-CN by default', async () => {
    const en = await readCsv(await get('/api/v1/exports/ledger.csv?department=EXP&lang=en'));
    expect(en.header.slice(0, 3)).toEqual(['Record number', 'Department', 'Source']);
    expect(en.items[0]).toMatchObject({
      'Feedback type': 'Product defect',
      Urgency: 'Important',
      Priority: 'P1 (high)',
      Status: 'Done',
      'Customer confirmation': 'Satisfied',
      Contact: '139****5678',
    });
    const negotiated = await get('/api/v1/exports/ledger.csv?department=EXP', { ...reviewer.auth, 'accept-language': 'en-GB,en;q=0.9,zh;q=0.5' });
    expect((await readCsv(negotiated)).header[0]).toBe('Record number');
    const fallback = await get('/api/v1/exports/ledger.csv?department=EXP', { ...reviewer.auth, 'accept-language': 'fr-FR' });
    expect((await readCsv(fallback)).header[0]).toBe('需求编号');
  });

  it('applies the record-list filters and ignores cursor and limit', async () => {
    const rows = async (query: string) =>
      (await readCsv(await get(`/api/v1/exports/ledger.csv?lang=en&${query}`))).items.map(
        (r) => r['Record number'],
      );
    expect(await rows('department=EXPB')).toEqual([other.recordNumber]);
    expect(await rows('department=EXP,EXPB&validity=invalid')).toEqual([rejected.recordNumber]);
    expect(await rows('department=EXP&category=feature_request')).toEqual([hostile.recordNumber]);
    expect(await rows('department=EXP&sort=created_desc&limit=1')).toEqual([
      rejected.recordNumber,
      hostile.recordNumber,
      worked.recordNumber,
    ]);
    expect(await rows('department=NONE')).toEqual([]);
  });

  it('exports XLSX: one ledger sheet with frozen bold header, widths, real dates and a progress log', async () => {
    const res = await get('/api/v1/exports/ledger.xlsx?department=EXP&lang=zh-CN');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(XLSX_TYPE);
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="echobox-ledger-20250930.xlsx"; filename*=UTF-8''echobox-ledger-20250930.xlsx`,
    );
    const workbook = await readXlsx(res);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['需求台账', '需求处理进度跟踪表']);
    const sheet = workbook.worksheets[0] as Sheet;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getRow(1).getCell(1).value).toBe('需求编号');
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.getColumn(1).width).toBe(20);
    expect(sheet.getColumn(15).width).toBe(50);
    const items = sheetItems(sheet);
    expect(items.map((r) => r['需求编号'])).toEqual([worked.recordNumber, hostile.recordNumber, rejected.recordNumber]);
    const row = items[0] as Record<string, unknown>;
    expect(row).toMatchObject({
      联系方式: '139****5678',
      反馈类型: '产品缺陷',
      紧急程度: '重要',
      优先级: 'P1(高)',
      客户价值: 5,
      综合评分: 26,
      复现率: 0.125,
      进度更新次数: 2,
      客户确认: '满意',
    });
    // Dates are Excel dates holding the Shanghai wall clock.
    expect(row['记录时间']).toBeInstanceOf(Date);
    expect((row['记录时间'] as Date).toISOString()).toBe('2025-09-30T10:00:00.000Z');
    expect((row['截止日期'] as Date).toISOString()).toBe('2025-10-11T23:59:59.000Z');
    const recordedAtCol = (sheet.getRow(1).values as unknown[]).indexOf('记录时间');
    expect(sheet.getRow(2).getCell(recordedAtCol).numFmt).toBe('yyyy-mm-dd hh:mm');

    const hostileRow = sheet.getRow(3);
    const nameCell = hostileRow.getCell((sheet.getRow(1).values as unknown[]).indexOf('客户名称'));
    expect(nameCell.type).toBe(ExcelJS.ValueType.String);
    expect(nameCell.value).toBe(`'=HYPERLINK("http://evil.example","点我")`);
    expect(items[1]?.['备注']).toBe(`'-2+3`);

    const progress = sheetItems(workbook.worksheets[1] as Sheet);
    expect(progress.map((p) => [p['需求编号'], p['里程碑'], p['进度说明'], p['更新人']])).toEqual([
      [worked.recordNumber, '需求评审', '评审通过', '李客服'],
      [worked.recordNumber, '开发/测试', '修复已提测', '李客服'],
    ]);
    expect((progress[1]?.['更新时间'] as Date).toISOString()).toBe('2025-10-09T11:00:00.000Z');
  });

  it('labels XLSX sheets and headings in English', async () => {
    const workbook = await readXlsx(await get('/api/v1/exports/ledger.xlsx?department=EXPB&lang=en'));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Ledger', 'Progress log']);
    const items = sheetItems(workbook.worksheets[0] as Sheet);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ 'Record number': other.recordNumber, 'Feedback type': 'Product defect', Status: 'Pending analysis' });
  });

  it('refuses agents (403), anonymous callers (401) and bad filters (400)', async () => {
    for (const format of ['csv', 'xlsx']) {
      const forbidden = await get(`/api/v1/exports/ledger.${format}`, agent.auth);
      expect(forbidden.status).toBe(403);
      expect(((await forbidden.json()) as { code: string }).code).toBe('forbidden');
      const anonymous = await t.app.request(`/api/v1/exports/ledger.${format}`);
      expect(anonymous.status).toBe(401);
      for (const bad of ['status=nonsense', 'lang=fr', 'from=yesterday', 'owner=someone']) {
        const res = await get(`/api/v1/exports/ledger.${format}?${bad}`);
        expect(res.status, bad).toBe(400);
        const body = (await res.json()) as { code: string; errors: Array<{ path: unknown[] }> };
        expect(body.code).toBe('validation_failed');
        expect(body.errors[0]?.path[0]).toBe(bad.split('=')[0]);
      }
    }
  });

  it('exports every record of a table larger than many pages', async () => {
    const total = 1050;
    const numbers = new Set<string>();
    for (let start = 0; start < total; start += 100) {
      const items = Array.from({ length: Math.min(100, total - start) }, (_, i) =>
        recordInput({ department: 'BULK', problem: `批量导入的需求 ${start + i}` }),
      );
      const res = await t.app.request('/api/v1/records/batch', json('POST', { items }, agent.auth));
      expect(res.status).toBe(200);
      for (const r of ((await res.json()) as { results: Array<{ status: string; recordNumber: string }> }).results) {
        expect(r.status).toBe('accepted');
        numbers.add(r.recordNumber);
      }
    }
    expect(numbers.size).toBe(total);

    const pages: number[] = [];
    for await (const page of streamRecordPages(database.db, { department: ['BULK'] }, { now: t.clock.now, actorId: reviewer.user.id, timeZone: DEFAULT_TIME_ZONE }, 100)) {
      pages.push(page.length);
    }
    expect(pages).toEqual([...Array(10).fill(100), 50]);

    // The stream reads its pages past the query builder: under every sort it still walks the list's
    // order page after page (a time, a text or a null key in its cursor), each record once.
    for (const sort of ['created_desc', 'created_asc', 'updated_desc', 'due_asc', 'next_due_asc', 'number_asc'] as const) {
      const streamed: string[] = [];
      for await (const page of streamRecordPages(database.db, { department: ['BULK'], sort }, { now: t.clock.now, actorId: reviewer.user.id, timeZone: DEFAULT_TIME_ZONE }, 100)) {
        streamed.push(...page.map((r) => r.recordNumber));
      }
      const listed: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await get(`/api/v1/records?department=BULK&sort=${sort}&limit=200${cursor ? `&cursor=${cursor}` : ''}`);
        const body = (await res.json()) as { items: Array<{ recordNumber: string }>; nextCursor: string | null };
        listed.push(...body.items.map((r) => r.recordNumber));
        cursor = body.nextCursor;
      } while (cursor);
      expect(new Set(streamed).size, sort).toBe(total);
      expect(streamed, sort).toEqual(listed);
    }

    const res = await get('/api/v1/exports/ledger.csv?department=BULK&lang=en');
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const chunks: Uint8Array[] = [];
    for (let next = await reader.read(); !next.done; next = await reader.read()) chunks.push(next.value);
    // Header first, then one chunk per store page: the file was written as the pages came.
    expect(chunks.length).toBeGreaterThanOrEqual(1 + Math.ceil(total / 200));
    const csv = new TextDecoder().decode(Buffer.concat(chunks));
    const exported = table(parseCsv(csv)).items.map((r) => r['Record number']);
    expect(exported).toHaveLength(total);
    expect(new Set(exported)).toEqual(numbers);

    const workbook = await readXlsx(await get('/api/v1/exports/ledger.xlsx?department=BULK&lang=en'));
    const sheet = workbook.worksheets[0] as Sheet;
    expect(sheet.actualRowCount).toBe(total + 1);
    expect(new Set(sheetItems(sheet).map((r) => r['Record number']))).toEqual(numbers);

    // A client that goes away mid-download is not a server failure.
    for (const format of ['csv', 'xlsx']) {
      const partial = await get(`/api/v1/exports/ledger.${format}?department=BULK&lang=en`);
      const r = (partial.body as ReadableStream<Uint8Array>).getReader();
      await r.read();
      await r.cancel();
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(t.logs).toEqual([]);
  }, 120_000);
});
