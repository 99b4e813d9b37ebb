// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../server/db/open';
import { recordInput } from '../server/support/fixtures';
import { json, staff, testApp } from '../server/support/app';
import { createApiClient } from '../../console/api/client';
import { Reports } from '../../console/models/reports';
import { parseRoute } from '../../console/models/router';

/*
 * The reports page's model over the real app (PGlite in memory): each report parsed with the schema
 * the browser uses, the department picker filled from an unfiltered answer, an overtaken load
 * dropped, and the XLSX address carrying the filters and the language.
 */

describe('reports model', () => {
  let database: Database;
  let t: ReturnType<typeof testApp>;
  let auth: Record<string, string>;
  let release: (() => void) | null = null;

  const client = () =>
    createApiClient({
      baseUrl: 'http://console.test',
      fetch: (async (url: string, init: RequestInit = {}) => {
        // A test may hold the next answer back, so a later load overtakes it.
        if (release === null && String(url).includes('hold')) await new Promise<void>((resolve) => (release = resolve));
        return t.app.request(url, { ...init, headers: { ...(init.headers as Record<string, string>), ...auth } });
      }) as typeof fetch,
    });

  beforeAll(async () => {
    database = await openDatabase({ memory: true });
    t = testApp(database, { now: new Date('2025-09-30T02:00:00Z') });
    const reviewer = await staff(database, 'reviewer');
    auth = reviewer.auth;
    for (const department of ['CS', 'PM']) {
      const res = await t.app.request('/api/v1/records', json('POST', recordInput({ department }), auth));
      const { record } = (await res.json()) as { record: { id: string } };
      await t.app.request(`/api/v1/records/${record.id}/transitions`, json('POST', { type: 'mark_valid', nature: 'feature_optimisation', urgency: 'routine' }, auth));
    }
  });
  afterAll(() => database?.close());

  it('routes /reports to the page', () => {
    expect(parseRoute('/reports')).toEqual({ page: 'reports' });
  });

  it('loads the sheet, offers its departments, and keeps them while one is picked', async () => {
    using reports = new Reports(client(), 'Asia/Shanghai', () => new Date('2025-09-30T02:00:00Z'));
    await reports.load();
    expect(reports.sheet.value?.departments.map((g) => g.department)).toEqual(['CS', 'PM']);
    expect(reports.departments.value).toEqual(['CS', 'PM']);
    reports.department.value = 'PM';
    await reports.load();
    expect(reports.sheet.value?.departments.map((g) => g.department)).toEqual(['PM']);
    expect(reports.departments.value).toEqual(['CS', 'PM']);
    expect(reports.xlsxHref('zh-CN')).toBe('/api/v1/reports/assessment-sheet.xlsx?department=PM&lang=zh-CN');
  });

  it('starts on this week of the company calendar and shows the weekly report with its own address', async () => {
    using reports = new Reports(client(), 'Asia/Shanghai', () => new Date('2025-09-28T17:00:00Z'));
    // Sunday 17:00 UTC is Monday 01:00 in Shanghai: the week of 29 September.
    expect(reports.week.value).toBe('2025-W40');
    reports.show('weekly');
    await expect.poll(() => reports.weekly.value?.week).toBe('2025-W40');
    expect(reports.xlsxHref('en')).toBe('/api/v1/reports/weekly-progress.xlsx?week=2025-W40&lang=en');
  });

  it('drops an answer a newer load overtook', async () => {
    using reports = new Reports(client(), 'Asia/Shanghai', () => new Date('2025-09-30T02:00:00Z'));
    reports.from.value = 'hold';
    const slow = reports.load();
    await expect.poll(() => release).not.toBeNull();
    reports.from.value = '';
    reports.department.value = 'CS';
    await reports.load();
    expect(reports.sheet.value?.departments.map((g) => g.department)).toEqual(['CS']);
    release!();
    await slow;
    // The held request was refused (its range is not a date) after the newer answer: it changes nothing.
    expect(reports.error.value).toBeNull();
    expect(reports.sheet.value?.departments.map((g) => g.department)).toEqual(['CS']);
  });
});
