import { describe, expect, it } from 'vitest';
import { parseIcsYear } from '../../../shared/domain/ics-calendar';

const ics = (...events: string[]) =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', ...events.flatMap((e) => ['BEGIN:VEVENT', ...e.split('\n'), 'END:VEVENT']), 'END:VCALENDAR'].join('\r\n');

describe('parseIcsYear', () => {
  it('expands all-day events with an exclusive DTEND into days off, and 班 events into make-up working days', () => {
    const text = ics(
      'UID:1\nDTSTART;VALUE=DATE:20270101\nDTEND;VALUE=DATE:20270104\nSUMMARY:元旦',
      'UID:2\nDTSTART;VALUE=DATE:20270206\nDTEND;VALUE=DATE:20270207\nSUMMARY:春节调休(班)',
      'UID:3\nDTSTART;VALUE=DATE:20261001\nDTEND;VALUE=DATE:20261008\nSUMMARY:国庆节',
    );
    const result = parseIcsYear(text, 2027);
    expect(result.ok && result.value).toEqual({
      days: [
        { date: '2027-01-01', summary: '元旦', kind: 'holiday' },
        { date: '2027-01-02', summary: '元旦', kind: 'holiday' },
        { date: '2027-01-03', summary: '元旦', kind: 'holiday' },
        { date: '2027-02-06', summary: '春节调休(班)', kind: 'workday' },
      ],
      holidays: ['2027-01-01', '2027-01-02', '2027-01-03'],
      workdays: ['2027-02-06'],
      otherYears: 7,
    });
  });

  it('unfolds continued lines, unescapes text, reads DURATION, date-times and English working-day names', () => {
    const text = ics(
      'DTSTART:20270501T000000Z\nDURATION:P2D\nSUMMARY:Labour\\, Day\n  holiday',
      'DTSTART:20270425T090000\nSUMMARY:Make-up working day',
      'DTSTART;VALUE=DATE:20270315\nSUMMARY:Company offsite\nCATEGORIES:Workday',
    );
    const result = parseIcsYear(text, 2027);
    expect(result.ok && result.value.days).toEqual([
      { date: '2027-03-15', summary: 'Company offsite', kind: 'workday' },
      { date: '2027-04-25', summary: 'Make-up working day', kind: 'workday' },
      { date: '2027-05-01', summary: 'Labour, Day holiday', kind: 'holiday' },
      { date: '2027-05-02', summary: 'Labour, Day holiday', kind: 'holiday' },
    ]);
  });

  it('keeps a working day listed inside a holiday span as a working day, whatever the order', () => {
    const text = ics('DTSTART;VALUE=DATE:20270211\nSUMMARY:班', 'DTSTART;VALUE=DATE:20270210\nDTEND;VALUE=DATE:20270213\nSUMMARY:春节');
    const result = parseIcsYear(text, 2027);
    expect(result.ok && [result.value.holidays, result.value.workdays]).toEqual([['2027-02-10', '2027-02-12'], ['2027-02-11']]);
  });

  it('refuses what is not an iCalendar, a file without events, and an event without a readable start', () => {
    expect(parseIcsYear('hello', 2027)).toMatchObject({ ok: false, error: { code: 'invalid_calendar' } });
    expect(parseIcsYear(ics(), 2027)).toMatchObject({ ok: false, error: { code: 'invalid_calendar', message: expect.stringMatching(/no events/) } });
    expect(parseIcsYear(ics('SUMMARY:x\nDTSTART:2027-01-01'), 2027)).toMatchObject({ ok: false, error: { code: 'invalid_calendar', path: [0, 'DTSTART'] } });
    expect(parseIcsYear(ics('DTSTART;VALUE=DATE:20270230\nSUMMARY:x'), 2027)).toMatchObject({ ok: false, error: { path: [0, 'DTSTART'] } });
  });
});
