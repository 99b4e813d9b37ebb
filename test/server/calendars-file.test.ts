import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/open';
import { readCalendarsFile } from '../../server/calendars-file';
import { CalendarView } from '../../shared/schemas/calendar';
import { ReadyStatus } from '../../shared/schemas/health';
import { seedServerAccess, startServer } from './support/server-process';

const YEAR_2027 = { holidays: ['2027-01-01', '2027-01-02', '2027-01-03'], workdays: [] };

let dir: string;
const file = async (name: string, text: string) => {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'echobox-calendars-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('ECHOBOX_CALENDARS_FILE (readCalendarsFile)', () => {
  it('reads an array of calendars, or { "calendars": [...] } (a byte order mark allowed)', async () => {
    const entries = [{ id: 'CN', years: { '2027': YEAR_2027 } }];
    expect(readCalendarsFile(await file('list.json', JSON.stringify(entries)))).toEqual(entries);
    expect(readCalendarsFile(await file('wrapped.json', `\ufeff${JSON.stringify({ calendars: entries })}`))).toEqual(entries);
  });

  it('stops with a message naming the file and the field', async () => {
    const missing = join(dir, 'nope.json');
    expect(() => readCalendarsFile(missing)).toThrow(`ECHOBOX_CALENDARS_FILE: ${missing} cannot be read (ENOENT).`);
    const broken = await file('broken.json', '[{"id": "CN",');
    expect(() => readCalendarsFile(broken)).toThrow(new RegExp(`^ECHOBOX_CALENDARS_FILE: ${broken} is not valid JSON`));
    const badDate = await file('bad-date.json', JSON.stringify({ calendars: [{ id: 'CN', years: { '2027': { holidays: ['2027-02-30'], workdays: [] } } }] }));
    expect(() => readCalendarsFile(badDate)).toThrow(/bad-date\.json is not a list of calendars:[\s\S]*calendars\[0\]\.years\.2027\.holidays\[0\]/);
    const badYear = await file('bad-year.json', JSON.stringify([{ id: 'CN', years: { '27': YEAR_2027 } }]));
    expect(() => readCalendarsFile(badYear)).toThrow(/bad-year\.json is not a list of calendars:[\s\S]*at \[0\]\.years\.27/);
    const outside = await file('outside.json', JSON.stringify({ calendars: [{ id: 'HK', years: {} }, { id: 'CN', years: { '2027': { holidays: ['2027-01-01', '2026-12-31'], workdays: [] } } }] }));
    expect(() => readCalendarsFile(outside)).toThrow(`ECHOBOX_CALENDARS_FILE: ${outside} has an invalid calendar year at calendars[1].years.2027.holidays[1]: Date is not in 2027.`);
    const both = await file('both.json', JSON.stringify([{ id: 'CN', years: { '2027': { holidays: ['2027-02-06'], workdays: ['2027-02-06'] } } }]));
    expect(() => readCalendarsFile(both)).toThrow(`has an invalid calendar year at [0].years.2027.workdays[0]: Date is both a holiday and a working day.`);
    const twice = await file('twice.json', JSON.stringify([{ id: 'CN', years: {} }, { id: 'CN', years: {} }]));
    expect(() => readCalendarsFile(twice)).toThrow('defines the calendar "CN" twice.');
  });
});

describe('the server with ECHOBOX_CALENDARS_FILE and ECHOBOX_CALENDAR', () => {
  // Two server starts on a shared machine: more time than the default.
  it('stores the file’s years at start and serves them in the company zone, and refuses to start on a broken file', { timeout: 120_000 }, async () => {
    const dataDir = join(dir, 'data');
    await mkdir(dataDir, { recursive: true });
    const database = await openDatabase({ dataDir: join(dataDir, 'pglite') });
    const access = await seedServerAccess(database.db);
    await database.close();

    const path = await file('calendars.json', JSON.stringify({ calendars: [{ id: 'CN', years: { '2027': YEAR_2027 } }, { id: 'acme', years: { '2027': YEAR_2027 } }] }));
    const broken = await file('broken-start.json', JSON.stringify([{ id: 'CN', years: { '2027': { holidays: ['2028-01-01'], workdays: [] } } }]));
    const refused = startServer({ dataDir }, { env: { ECHOBOX_CALENDARS_FILE: broken, ECHOBOX_DEMO: '0' } });
    await expect(refused).rejects.toThrow(/Echobox failed to start: Error: ECHOBOX_CALENDARS_FILE: .*broken-start\.json has an invalid calendar year at \[0\]\.years\.2027\.holidays\[0\]/);

    const server = await startServer({ dataDir }, { env: { ECHOBOX_CALENDARS_FILE: path, ECHOBOX_CALENDAR: 'CN', ECHOBOX_TIME_ZONE: 'America/New_York', ECHOBOX_DEMO: '0' } });
    try {
      expect(server.output()).toContain(`Working-day calendar: CN in America/New_York; 2 year(s) changed from ${path}`);
      const res = await fetch(`${server.url}/api/v1/calendars/CN`, { headers: access.staffHeaders });
      expect(res.status).toBe(200);
      const cn = CalendarView.parse(await res.json());
      expect(cn.timeZone).toBe('America/New_York');
      expect(cn.years.at(-1)).toMatchObject({ year: 2027, source: 'file', holidays: YEAR_2027.holidays });
      const ready = ReadyStatus.parse(await (await fetch(`${server.url}/readyz`)).json());
      expect(ready.calendar).toEqual({ id: 'CN', gaps: [] });
    } finally {
      await server.stop();
    }
  });
});
