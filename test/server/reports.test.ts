import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as ExcelNamespace from 'exceljs';
import { TEST_STORES } from './support/databases';
import { json, staff, testApp } from './support/app';
import { recordInput } from './support/fixtures';
import type { Database } from '../../server/db/open';
import type { Record as EchoRecord } from '../../shared/schemas/record';
import type { AssessmentSheet } from '../../shared/schemas/report-assessment-sheet';
import type { WeeklyProgress } from '../../shared/schemas/report-weekly-progress';

// exceljs is CommonJS with ES-style typings: under Node's ESM loader only `default` exists.
const ExcelJS = (ExcelNamespace as unknown as { default?: typeof ExcelNamespace }).default ?? ExcelNamespace;
type Sheet = ReturnType<InstanceType<typeof ExcelJS.Workbook>['addWorksheet']>;

const T0 = '2026-03-02T02:00:00.000Z'; // Monday 10:00 in Shanghai, week 2026-W10 (2 to 8 March)
const NOW = '2026-03-04T02:00:00.000Z'; // Wednesday of the same week

async function readXlsx(res: Response) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0] as Sheet;
  const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const items: Array<Record<string, unknown>> = [];
  sheet.eachRow((row, n) => {
    if (n > 1) items.push(Object.fromEntries(header.map((h, i) => [h, (row.values as unknown[])[i + 1] ?? null])));
  });
  return { names: workbook.worksheets.map((s) => s.name), header, items };
}

describe.each(TEST_STORES)('meeting reports on $name', (store) => {
  let database: Database;
  let t: ReturnType<typeof testApp>;
  let reviewer: Awaited<ReturnType<typeof staff>>;
  let agent: Awaited<ReturnType<typeof staff>>;
  const n: Record<string, string> = {};

  const post = async (id: string, path: string, body: unknown) => {
    const res = await t.app.request(`/api/v1/records/${id}/${path}`, json('POST', body, reviewer.auth));
    expect(res.status, await res.clone().text()).toBe(200);
    return ((await res.json()) as { record: EchoRecord }).record;
  };
  const patch = async (r: EchoRecord, body: unknown) => {
    const res = await t.app.request(`/api/v1/records/${r.id}`, json('PATCH', body, { ...reviewer.auth, 'if-match': `"${r.version}"` }));
    expect(res.status, await res.clone().text()).toBe(200);
    return ((await res.json()) as { record: EchoRecord }).record;
  };
  const create = async (name: string, department = 'CS') => {
    const res = await t.app.request('/api/v1/records', json('POST', recordInput({ department, recordedAt: T0 }), reviewer.auth));
    expect(res.status).toBe(201);
    const { record } = (await res.json()) as { record: EchoRecord };
    n[name] = record.recordNumber;
    return record;
  };
  const valid = (r: EchoRecord) => post(r.id, 'transitions', { type: 'mark_valid', nature: 'feature_optimisation', urgency: 'routine' });
  const get = async <T>(path: string) => {
    const res = await t.app.request(path, { headers: reviewer.auth });
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as T;
  };

  beforeAll(async () => {
    database = await store.open();
    t = testApp(database, { now: new Date(T0) });
    reviewer = await staff(database, 'reviewer', 'PM', '张经理');
    agent = await staff(database, 'agent', 'CS', '李客服');
    await valid(await create('unrated'));
    const rated = await valid(await create('rated'));
    await patch(rated, { assessment: { customerValue: 4, businessValue: 5, cost: 2, risk: 1, priority: 'P1', handling: 'develop' }, responsibleDepartment: 'RD' });
    await valid(await create('pm', 'PM'));
    await create('unscreened');
    await post((await create('invalid')).id, 'transitions', { type: 'mark_invalid', reason: '虚假信息' });

    // In execution: one on time with two updates this week and a change request, one past its deadline with none.
    const onTime = await valid(await create('onTime'));
    await patch(onTime, { responsibleDepartment: 'RD', taskOrder: { goal: '修复导出', deliveryStandard: '10 秒内下载', deadline: '2026-03-20', ownerId: reviewer.user.id } });
    await post(onTime.id, 'transitions', { type: 'start', ownerId: reviewer.user.id });
    t.clock.now = new Date('2026-03-02T03:00:00.000Z');
    await post(onTime.id, 'progress', { milestone: 'requirement_review', note: '评审通过' });
    const late = await valid(await create('late'));
    await patch(late, { taskOrder: { goal: '优化报表', deliveryStandard: '客户验收', deadline: '2026-03-03', ownerId: reviewer.user.id } });
    await post(late.id, 'transitions', { type: 'start', ownerId: reviewer.user.id });
    t.clock.now = new Date(NOW);
    await post(onTime.id, 'progress', { milestone: 'development_testing', note: '开发完成一半' });
    await post(onTime.id, 'change-requests', { reason: '测试资源不足', adjustedPlan: '顺延一周', effectiveAt: '2026-03-20T15:59:59.999Z', adjustedDeadline: '2026-03-27' });
  });
  afterAll(async () => {
    await database?.close();
  });

  it('lists valid records not yet started, by department, with their ratings and the suggested priority', async () => {
    const sheet = await get<AssessmentSheet>('/api/v1/reports/assessment-sheet');
    expect(sheet.truncated).toBe(false);
    expect(sheet.departments.map((g) => [g.department, g.items.map((r) => r.recordNumber)])).toEqual([
      ['CS', [n.unrated, n.rated]],
      ['PM', [n.pm]],
    ]);
    const [unrated, rated] = sheet.departments[0]!.items;
    expect(unrated).toMatchObject({
      nature: 'feature_optimisation',
      urgency: 'routine',
      customerName: '华东贸易有限公司',
      initialPriority: 'high',
      ratings: { customerValue: null, businessValue: null, cost: null, risk: null },
      suggestedPriority: null,
      priority: null,
      responsibleDepartment: null,
    });
    // 2×4 + 2×5 + (6−2) + (6−1) = 27 points: P0, although the meeting chose P1.
    expect(rated).toMatchObject({
      ratings: { customerValue: 4, businessValue: 5, cost: 2, risk: 1 },
      suggestedPriority: { level: 'P0', score: 27 },
      priority: 'P1',
      handling: 'develop',
      responsibleDepartment: 'RD',
    });
    expect(rated!.suggestedPriority!.rationale.map((r) => r.code)).toEqual(['customer_value', 'business_value', 'cost', 'risk', 'top_band']);
  });

  it('narrows the sheet to a department and a creation range', async () => {
    const pm = await get<AssessmentSheet>('/api/v1/reports/assessment-sheet?department=PM');
    expect(pm.departments.map((g) => g.department)).toEqual(['PM']);
    const none = await get<AssessmentSheet>('/api/v1/reports/assessment-sheet?from=2026-03-03&to=2026-03-31');
    expect(none.departments).toEqual([]);
    const day = await get<AssessmentSheet>('/api/v1/reports/assessment-sheet?from=2026-03-02&to=2026-03-02');
    expect(day.departments.flatMap((g) => g.items).length).toBe(3);
  });

  it('reports each record in execution with this week\'s progress, deadline, time left, obligations and change requests', async () => {
    const report = await get<WeeklyProgress>('/api/v1/reports/weekly-progress?week=2026-W10');
    expect([report.week, report.firstDay, report.lastDay]).toEqual(['2026-W10', '2026-03-02', '2026-03-08']);
    expect(report.departments.map((g) => [g.department, g.items.map((r) => r.recordNumber)])).toEqual([
      ['CS', [n.late]],
      ['RD', [n.onTime]],
    ]);
    const late = report.departments[0]!.items[0]!;
    expect(late).toMatchObject({ status: 'in_progress', milestone: null, progress: [], deadline: '2026-03-03', owner: { id: reviewer.user.id } });
    // Due at the end of Tuesday 3 March in Shanghai, 10 hours before Wednesday 10:00.
    expect(late.deadlineLeft).toEqual({ standing: 'breached', workingDays: 1, hours: 10 });
    expect(late.obligations).toEqual([{ kind: 'task_completion', dueAt: '2026-03-03T15:59:59.999Z', state: 'breached', timeLeft: { standing: 'breached', workingDays: 1, hours: 10 } }]);
    const onTime = report.departments[1]!.items[0]!;
    expect(onTime).toMatchObject({ department: 'CS', responsibleDepartment: 'RD', goal: '修复导出', milestone: 'development_testing', lastProgressAt: NOW, deadline: '2026-03-20', obligations: [] });
    expect(onTime.progress.map((p) => p.note)).toEqual(['评审通过', '开发完成一半']);
    expect(onTime.deadlineLeft).toMatchObject({ standing: 'on_track', workingDays: 12 });
    expect(onTime.changeRequests.map((c) => [c.reason, c.state, c.adjustedDeadline])).toEqual([['测试资源不足', 'pending', '2026-03-27']]);
  });

  it('shows an earlier week without its later updates, and narrows to the responsible department', async () => {
    const before = await get<WeeklyProgress>('/api/v1/reports/weekly-progress?week=2026-W09');
    const onTime = before.departments.find((g) => g.department === 'RD')!.items[0]!;
    expect([onTime.progress, onTime.milestone, onTime.lastProgressAt]).toEqual([[], null, null]);
    const rd = await get<WeeklyProgress>('/api/v1/reports/weekly-progress?week=2026-W10&department=RD');
    expect(rd.departments.map((g) => [g.department, g.items.length])).toEqual([['RD', 1]]);
    // Without a week: this week on the company calendar.
    expect((await get<WeeklyProgress>('/api/v1/reports/weekly-progress')).week).toBe('2026-W10');
  });

  it('refuses a week the year does not have (2025 has 52) with a field error', async () => {
    const res = await t.app.request('/api/v1/reports/weekly-progress?week=2025-W53', { headers: reviewer.auth });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'invalid_date', errors: [{ path: ['week'] }] });
  });

  it('writes the assessment sheet as XLSX with headings in the reader\'s language and the date in its name', async () => {
    const res = await t.app.request('/api/v1/reports/assessment-sheet.xlsx?lang=zh-CN', { headers: reviewer.auth });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('echobox-assessment-sheet-20260304.xlsx');
    const { names, header, items } = await readXlsx(res);
    expect(names).toEqual(['需求评估与优先级排序表']);
    expect(header.slice(0, 3)).toEqual(['部门', '需求编号', '记录时间']);
    expect(header).toEqual(expect.arrayContaining(['客户价值', '业务价值', '实施成本', '风险等级', '建议优先级', '评分依据', '责任部门']));
    expect(items.map((r) => [r['部门'], r['需求编号']])).toEqual([['CS', n.unrated], ['CS', n.rated], ['PM', n.pm]]);
    expect(items[1]).toMatchObject({ 客户价值: 4, 业务价值: 5, 实施成本: 2, 风险等级: 1, 综合评分: 27, 建议优先级: 'P0', 确定优先级: 'P1', 需求性质: '功能优化类', 责任部门: 'RD' });
    expect(String(items[1]!['评分依据'])).toContain('客户价值 4/5,按双倍计:8 分');
    expect(items[0]!['客户价值']).toBeNull();
  });

  it('writes the weekly progress report as XLSX in English', async () => {
    const res = await t.app.request('/api/v1/reports/weekly-progress.xlsx?week=2026-W10', { headers: { ...reviewer.auth, 'accept-language': 'en' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('echobox-weekly-progress-2026-W10-20260304.xlsx');
    const { names, items } = await readXlsx(res);
    expect(names).toEqual(['Weekly progress']);
    expect(items.map((r) => [r.Department, r['Record number'], r.Status])).toEqual([['CS', n.late, 'In progress'], ['RD', n.onTime, 'In progress']]);
    expect(items[0]).toMatchObject({ Deadline: '2026-03-03', 'Time left': '10 h overdue', "This week's progress": 'No update this week' });
    expect(String(items[0]!['Obligations breached or due'])).toBe('Task completion: breached, due 2026-03-03 23:59');
    expect(String(items[1]!["This week's progress"])).toContain('2026-03-04 10:00 Development/testing: 开发完成一半');
    expect(String(items[1]!['Change requests'])).toBe('Awaiting approval: 测试资源不足 (new deadline 2026-03-27)');
  });

  it('refuses agents on every report', async () => {
    for (const path of ['assessment-sheet', 'assessment-sheet.xlsx', 'weekly-progress', 'weekly-progress.xlsx']) {
      const res = await t.app.request(`/api/v1/reports/${path}`, { headers: agent.auth });
      expect(res.status, path).toBe(403);
      expect(((await res.json()) as { code: string }).code).toBe('forbidden');
    }
  });
});
