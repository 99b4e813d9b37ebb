import { describe, expect, it } from 'vitest';
import { linkRequester, undoRequesterLink } from '../../../shared/domain/requester-link';
import { askedBy, linkedRequesters } from '../../../shared/domain/asked-by';
import type { Record as EchoRecord } from '../../../shared/schemas/record';
import type { RequesterLinkBody } from '../../../shared/schemas/requester-entry';

const AGENT = { id: '01939a4e-0000-7000-8000-0000000000aa', name: '李客服' };
const REVIEWER = { id: '01939a4e-0000-7000-8000-0000000000bb', name: '张经理' };
const AT = new Date('2025-09-30T10:00:00Z');
const doc = (extra: Partial<EchoRecord> = {}) => ({ id: '01939a4e-0000-7000-8000-000000000001', status: 'pending_analysis', validity: 'unscreened', mergedInto: null, ...extra }) as EchoRecord;
const body = (extra: Partial<RequesterLinkBody> = {}): RequesterLinkBody => ({
  id: '01939a4e-0000-7000-8000-00000000000a',
  customerName: '王小明先生',
  contact: '13812345678',
  contactConsent: true,
  source: 'customer_service',
  channel: 'ticket',
  excerpt: '导出没反应,电话 13812345678',
  askedAt: '2025-09-30T09:00:00.000Z',
  ...extra,
});

describe('linking a requester (pure rule)', () => {
  it('adds the masked entry with who linked it and when; the same body again is a replay', () => {
    const linked = linkRequester(doc(), body(), AGENT, AT);
    if (!linked.ok) throw new Error(linked.error.message);
    expect(linked.value.replay).toBe(false);
    const [entry] = linked.value.doc.requesters!;
    expect(entry).toMatchObject({ customerName: '*先生', contact: '138****5678', linkedBy: AGENT, linkedAt: AT.toISOString() });
    expect(entry!.excerpt).not.toContain('13812345678');
    expect(askedBy(linked.value.doc, 2)).toBe(4);
    const again = linkRequester(linked.value.doc, body(), AGENT, AT);
    expect(again.ok && again.value).toEqual({ doc: linked.value.doc, replay: true });
    const other = linkRequester(linked.value.doc, body({ excerpt: '别的问题' }), AGENT, AT);
    expect(!other.ok && other.error.code).toBe('idempotency_conflict');
  });

  it.each([
    [{ mergedInto: '01939a4e-0000-7000-8000-000000000002' }, 'link_target_merged'],
    [{ validity: 'invalid', invalidReason: '虚假信息' }, 'link_target_invalid'],
    [{ status: 'closed' }, 'link_target_closed'],
  ] as const)('refuses a record with %o (%s)', (extra, guard) => {
    const result = linkRequester(doc(extra as Partial<EchoRecord>), body(), AGENT, AT);
    expect(!result.ok && result.error).toMatchObject({ code: 'conflict', details: { guard } });
  });

  it('undoes a link: kept with who and when, no longer counted, not undone twice, not restored by a retry', () => {
    const linked = linkRequester(doc(), body(), AGENT, AT);
    if (!linked.ok) throw new Error(linked.error.message);
    const undone = undoRequesterLink(linked.value.doc, body().id, REVIEWER, AT);
    if (!undone.ok) throw new Error(undone.error.message);
    expect(undone.value.requesters![0]!.undone).toEqual({ by: REVIEWER, at: AT.toISOString() });
    expect(linkedRequesters(undone.value)).toEqual([]);
    expect(askedBy(undone.value, 0)).toBe(1);
    expect(undoRequesterLink(undone.value, body().id, REVIEWER, AT)).toMatchObject({ ok: false, error: { details: { guard: 'link_already_undone' } } });
    expect(linkRequester(undone.value, body(), AGENT, AT)).toMatchObject({ ok: false, error: { details: { guard: 'link_undone' } } });
    expect(undoRequesterLink(undone.value, '01939a4e-0000-7000-8000-00000000000f', REVIEWER, AT)).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
