import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RecordList } from '../../../extension/ui/records/record-list';
import type { RecordRow } from '../../../extension/ui/panel/panel-model';
import type { RecordInput } from '../../../shared/schemas/record';

const host = document.createElement('div');
document.body.append(host);
afterEach(() => render(null, host));

const synced: RecordRow = {
  entry: {
    id: '01920000-0000-7000-8000-000000000001',
    kind: 'record',
    payload: { problem: '导出报表点击按钮没有反应' } as RecordInput,
    state: 'synced',
    attempts: 0,
    nextAttemptAt: 0,
    createdAt: 0,
    updatedAt: 0,
    result: { recordNumber: 'CS-20250930-001', version: 5 },
  },
  status: {
    recordId: '01920000-0000-7000-8000-000000000001',
    recordNumber: 'CS-20250930-001',
    status: 'done',
    validity: 'valid',
    version: 5,
    changedAt: '2025-10-09T02:00:00.000Z',
    cycle: 1,
    lastCommunication: { kind: 'adopted', message: '您的建议已被收录,预计 2.4 版本上线', expectedVersion: '2.4', at: '2025-10-08T02:00:00.000Z' },
    satisfaction: { rating: 'basically_satisfied', cycle: 1, at: '2025-10-09T02:00:00.000Z' },
    satisfactionRequested: false,
  },
};

describe('record list', () => {
  it('shows what the customer was told and how they rated it, so support can tell them', () => {
    act(() => render(<RecordList locale="zh-CN" rows={[synced]} onResend={vi.fn()} onKeepServer={vi.fn()} />, host));
    expect(host.querySelector('[data-testid="record-status"]')?.textContent).toContain('已完成');
    expect(host.querySelector('[data-testid="record-last-message"]')?.textContent).toContain('您的建议已被收录,预计 2.4 版本上线');
    expect(host.querySelector('[data-testid="record-rating"]')?.textContent).toContain('基本满意');
    act(() => render(<RecordList locale="en" rows={[synced]} onResend={vi.fn()} onKeepServer={vi.fn()} />, host));
    expect(host.querySelector('[data-testid="record-rating"]')?.textContent).toBe('Customer rating: Basically satisfied');
  });

  it('shows neither before the server reported anything', () => {
    act(() => render(<RecordList locale="en" rows={[{ entry: synced.entry }]} onResend={vi.fn()} onKeepServer={vi.fn()} />, host));
    expect(host.querySelector('[data-testid="record-last-message"]')).toBeNull();
    expect(host.querySelector('[data-testid="record-rating"]')).toBeNull();
  });
});
