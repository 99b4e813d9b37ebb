import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as ExcelNamespace from 'exceljs';
import { v7 as uuidv7 } from 'uuid';
import { TEST_STORES } from './support/databases';
import { json, staff, testApp } from './support/app';
import { recordInput } from './support/fixtures';
import type { Database } from '../../server/db/open';
import { XLSX_CELL_MAX } from '../../server/exports/cell-limit';

// exceljs is CommonJS with ES-style typings: under Node's ESM loader only `default` exists.
const ExcelJS = (ExcelNamespace as unknown as { default?: typeof ExcelNamespace }).default ?? ExcelNamespace;

async function readXlsx(res: Response) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
  return workbook.getWorksheet(1)!;
}

describe.each(TEST_STORES)('ledger export of a hand-picked selection on $name', (store) => {
  let database: Database;
  let t: ReturnType<typeof testApp>;
  let reviewer: Awaited<ReturnType<typeof staff>>;
  let agent: Awaited<ReturnType<typeof staff>>;
  const created: { id: string; recordNumber: string }[] = [];
  const long = `${'长'.repeat(60_000)}${'x'.repeat(40_000)}`;

  beforeAll(async () => {
    database = await store.open();
    t = testApp(database);
    reviewer = await staff(database, 'reviewer', 'SEL', '张经理');
    agent = await staff(database, 'agent', 'SEL', '李客服');
    for (let i = 0; i < 5; i++) {
      const body = recordInput({ department: 'SEL', ...(i === 4 ? { problem: long, notes: long } : {}) });
      const res = await t.app.request('/api/v1/records', json('POST', body, reviewer.auth));
      expect(res.status).toBe(201);
      created.push(((await res.json()) as { record: { id: string; recordNumber: string } }).record);
    }
  });
  afterAll(() => database.close());

  it('exports exactly the picked records, as CSV and XLSX, in creation order', async () => {
    const picked = [created[3]!, created[0]!];
    const csv = await t.app.request('/api/v1/exports/ledger.csv', json('POST', { ids: picked.map((r) => r.id), lang: 'en' }, reviewer.auth));
    expect(csv.status).toBe(200);
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual([created[0]!.recordNumber, created[3]!.recordNumber]);

    const xlsx = await t.app.request('/api/v1/exports/ledger.xlsx', json('POST', { ids: picked.map((r) => r.id) }, reviewer.auth));
    expect(xlsx.status).toBe(200);
    const sheet = await readXlsx(xlsx);
    expect(sheet.rowCount).toBe(3);
    expect([sheet.getRow(2).getCell(1).value, sheet.getRow(3).getCell(1).value]).toEqual([created[0]!.recordNumber, created[3]!.recordNumber]);
  });

  it('validates the selection: 1 to 1,000 UUIDs, no other fields; agents may not export', async () => {
    const cases: Array<[unknown, (string | number)[]]> = [
      [{ ids: [] }, ['ids']],
      [{ ids: Array.from({ length: 1001 }, () => uuidv7()) }, ['ids']],
      [{ ids: ['not-a-uuid'] }, ['ids', 0]],
      [{ ids: [created[0]!.id], status: 'done' }, []],
    ];
    for (const [body, path] of cases) {
      const res = await t.app.request('/api/v1/exports/ledger.xlsx', json('POST', body, reviewer.auth));
      expect(res.status).toBe(400);
      const problem = (await res.json()) as { errors: { path: (string | number)[] }[] };
      expect(problem.errors[0]?.path.slice(0, path.length)).toEqual(path);
    }
    expect((await t.app.request('/api/v1/exports/ledger.csv', json('POST', { ids: [created[0]!.id] }, agent.auth))).status).toBe(403);
    // A full thousand is accepted (unknown ids simply match nothing).
    const thousand = await t.app.request('/api/v1/exports/ledger.csv', json('POST', { ids: [created[1]!.id, ...Array.from({ length: 999 }, () => uuidv7())] }, reviewer.auth));
    expect(thousand.status).toBe(200);
    expect((await thousand.text()).trim().split('\r\n')).toHaveLength(2);
  });

  it('cuts 100 KB texts to what an XLSX cell holds, with a visible marker, and keeps them whole in CSV', async () => {
    const id = created[4]!.id;
    const sheet = await readXlsx(await t.app.request('/api/v1/exports/ledger.xlsx', json('POST', { ids: [id], lang: 'en' }, reviewer.auth)));
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    const problem = String(sheet.getRow(2).getCell(header.indexOf('Problem description')).value);
    expect(problem.length).toBeLessThanOrEqual(XLSX_CELL_MAX);
    expect(problem.length).toBeGreaterThan(XLSX_CELL_MAX - 100);
    expect(problem.startsWith('长'.repeat(1000))).toBe(true);
    const omitted = long.length - problem.indexOf(' … [cut:');
    expect(problem).toMatch(new RegExp(`… \\[cut: ${omitted} more characters are in Echobox and in the CSV ledger\\]$`));

    const zh = await readXlsx(await t.app.request('/api/v1/exports/ledger.xlsx', json('POST', { ids: [id], lang: 'zh-CN' }, reviewer.auth)));
    const zhHeader = (zh.getRow(1).values as unknown[]).map(String);
    expect(String(zh.getRow(2).getCell(zhHeader.indexOf('问题描述')).value)).toMatch(/已截断:另有 \d+ 个字符/);

    const csv = await (await t.app.request('/api/v1/exports/ledger.csv', json('POST', { ids: [id] }, reviewer.auth))).text();
    expect(csv).toContain(long);
  });
});
