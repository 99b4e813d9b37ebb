import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_STORES } from './support/databases';
import { json, staff, testApp } from './support/app';
import { recordInput } from './support/fixtures';
import type { Database } from '../../server/db/open';
import { RecordDetail, RecordPage } from '../../shared/schemas/record-page';
import { Record as RecordSchema } from '../../shared/schemas/record';
import { catalog } from '../../shared/i18n/catalog';
import { createTranslator } from '../../shared/i18n/translator';

describe.each(TEST_STORES)('suggested priority in the API on $name', (store) => {
  let database: Database;
  let t: ReturnType<typeof testApp>;
  let reviewer: Awaited<ReturnType<typeof staff>>;
  let agent: Awaited<ReturnType<typeof staff>>;

  beforeAll(async () => {
    database = await store.open();
    t = testApp(database, { now: new Date('2025-09-30T10:00:00Z') });
    reviewer = await staff(database, 'reviewer', 'PM', '张经理');
    agent = await staff(database, 'agent', 'CS', '李客服');
  });
  afterAll(async () => {
    await database.close();
  });

  const assessment = { customerValue: 4, businessValue: 3, cost: 2, risk: 4, priority: 'P2', handling: 'optimise' };
  const patch = (id: string, version: number, body: unknown, who = reviewer) =>
    t.app.request(`/api/v1/records/${id}`, json('PATCH', body, { ...who.auth, 'if-match': `"${version}"` }));

  it('answers P0–P3 with score and reasons on the record, the record page and the list, renderable in both languages', async () => {
    const input = recordInput({ department: 'PRIO' });
    const created = await t.app.request('/api/v1/records', json('POST', input, agent.auth));
    expect(created.status).toBe(201);

    const refused = await patch(input.id, 1, { assessment }, agent);
    expect(refused.status).toBe(403);

    const res = await patch(input.id, 1, { assessment });
    expect(res.status).toBe(200);
    // 2×4 + 2×3 + (6−2) + (6−4) = 20: the bottom of P1's band, though the meeting chose P2.
    const expected = {
      level: 'P1',
      score: 20,
      rationale: [
        { code: 'customer_value', rating: 4, points: 8 },
        { code: 'business_value', rating: 3, points: 6 },
        { code: 'cost', rating: 2, points: 4 },
        { code: 'risk', rating: 4, points: 2 },
        { code: 'band', score: 20, level: 'P1', min: 20, max: 24 },
      ],
    };
    const edited = RecordSchema.parse(((await res.json()) as { record: unknown }).record);
    expect(edited.suggestedPriority).toEqual(expected);
    expect(edited.assessment).toMatchObject({ priority: 'P2', score: 20 });

    const detail = RecordDetail.parse(await (await t.app.request(`/api/v1/records/${input.id}`, { headers: reviewer.auth })).json());
    expect(detail.record.suggestedPriority).toEqual(expected);
    const page = RecordPage.parse(await (await t.app.request('/api/v1/records?department=PRIO', { headers: reviewer.auth })).json());
    expect(page.items.map((i) => [i.priority, i.suggestedPriority])).toEqual([['P2', expected]]);

    // Every reason is a message in both languages, its other fields the placeholders.
    const translate = createTranslator(catalog) as (locale: string, key: string, params: object) => string;
    for (const locale of ['en', 'zh-CN'] as const) {
      const lines = expected.rationale.map(({ code, ...params }) => translate(locale, `priority.reason.${code}`, params));
      for (const line of lines) expect(line).not.toMatch(/[{}]|priority\.reason/);
      expect(lines.at(-1)).toContain('P1');
    }

    const cleared = await patch(input.id, 2, { assessment: null });
    expect(RecordSchema.parse(((await cleared.json()) as { record: unknown }).record).suggestedPriority).toBeUndefined();
    const after = RecordPage.parse(await (await t.app.request('/api/v1/records?department=PRIO', { headers: reviewer.auth })).json());
    expect(after.items[0]?.suggestedPriority).toBeNull();
  });
});
