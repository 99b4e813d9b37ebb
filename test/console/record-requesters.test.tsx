import { render } from 'preact';
import { signal } from '@preact/signals';
import { afterEach, describe, expect, it } from 'vitest';
import { translator } from '../../console/i18n';
import { en, zhCN } from '../../shared/i18n/catalog';
import { RecordRequesters } from '../../console/ui/record-requesters';
import type { RecordModel } from '../../console/models/record';
import type { RequesterEntry } from '../../shared/schemas/requester-entry';

const host = document.createElement('div');
document.body.append(host);
afterEach(() => render(null, host));

const RECORD_ID = '01939a4e-0000-7000-8000-000000000001';
const entry = (id: string, extra: Partial<RequesterEntry> = {}): RequesterEntry => ({
  id,
  customerName: '*先生',
  contact: '138****5678',
  contactConsent: true,
  source: 'customer_service',
  channel: 'ticket',
  excerpt: `导出报表没有反应 ${id.slice(-1)}`,
  page: { url: 'https://helpdesk.example.com/tickets/4711', title: 'Ticket 4711', ticketId: '4711' },
  askedAt: '2025-09-30T09:30:00.000Z',
  linkedBy: { id: '01939a4e-0000-7000-8000-0000000000aa', name: 'Li Kefu' },
  linkedAt: '2025-09-30T10:00:00.000Z',
  ...extra,
});

/** The parts of the record model the section reads, with the viewer's role deciding the undo. */
function model(requesters: RequesterEntry[], role: 'agent' | 'reviewer') {
  const undone: Array<[string, string]> = [];
  const fake = {
    detail: signal({ record: { id: RECORD_ID, requesters } }),
    busy: signal(null),
    error: signal(null),
    allowed: (permission: string) => role === 'reviewer' || permission !== 'record.merge',
    run: async (_action: string, send: () => Promise<unknown>) => (await send(), true),
    api: { undoRequesterLink: async (id: string, entryId: string) => (undone.push([id, entryId]), { ok: true }) },
  };
  return { model: fake as unknown as RecordModel, undone };
}

describe('console record page: linked requesters', () => {
  it('lists each requester not undone with who, contact, channel and agent, and what they asked; a reviewer undoes one', async () => {
    const a = '01939a4e-0000-7000-8000-00000000000a';
    const b = '01939a4e-0000-7000-8000-00000000000b';
    const gone = entry('01939a4e-0000-7000-8000-00000000000c', { undone: { by: { id: a, name: 'Zhang' }, at: '2025-09-30T11:00:00.000Z' } });
    const { model: m, undone } = model([entry(a), entry(b), gone], 'reviewer');
    render(<RecordRequesters model={m} t={translator(en)} locale="en" timeZone="Asia/Shanghai" />, host);
    const rows = [...host.querySelectorAll('[data-testid=linked-requester]')];
    expect(rows).toHaveLength(2);
    expect(rows[0]!.textContent).toContain('*先生');
    expect(rows[0]!.textContent).toContain('138****5678');
    expect(rows[0]!.textContent).toContain('linked by Li Kefu');
    expect(rows[0]!.textContent).toContain('导出报表没有反应 a');
    expect(rows[0]!.querySelector('a')!.getAttribute('href')).toBe('https://helpdesk.example.com/tickets/4711');
    expect(host.textContent).toContain('2 linked');
    rows[1]!.querySelector('button')!.click();
    await Promise.resolve();
    expect(undone).toEqual([[RECORD_ID, b]]);
  });

  it('offers no undo to an agent, and shows nothing without linked requesters', () => {
    const { model: agentView } = model([entry('01939a4e-0000-7000-8000-00000000000a')], 'agent');
    render(<RecordRequesters model={agentView} t={translator(zhCN)} locale="zh-CN" timeZone="Asia/Shanghai" />, host);
    expect(host.querySelectorAll('[data-testid=linked-requester]')).toHaveLength(1);
    expect(host.querySelector('button')).toBeNull();
    expect(host.textContent).toContain('关联的提出人');
    render(null, host);
    render(<RecordRequesters model={model([], 'reviewer').model} t={translator(en)} locale="en" timeZone="Asia/Shanghai" />, host);
    expect(host.textContent).toBe('');
  });
});
