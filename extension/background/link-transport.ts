import { problemIn, type Problem } from '../../shared/schemas/problem';
import type { OutboxEntry, SendOutcome } from '../../shared/sync';
import { eachEntry } from '../../shared/sync/outcomes';
import { request } from '../../shared/sync/request';
import type { LinkPayload } from '../records/requester-link';
import { apiBase } from '../storage/extension-options';
import type { ApiTarget } from './server-api';

/**
 * A problem as the link's failure keeps it: a rule's refusal (`details.guard`: the record was closed,
 * merged, the link undone…) becomes the failure's one issue, so the panel says why in the agent's
 * language (`rule.guard.<guard>`) and not only "conflict".
 */
function problemWithGuard(body: unknown): Problem | undefined {
  const problem = problemIn(body);
  const guard = (body as { details?: { guard?: unknown } } | undefined)?.details?.guard;
  if (!problem || problem.errors?.length || typeof guard !== 'string') return problem;
  return { ...problem, errors: [{ path: [], code: guard.slice(0, 64), message: problem.detail ?? '' }] };
}

/**
 * Send linked drafts, one request each (POST /records/:id/requesters), under the link's own id, so a
 * retry after a lost answer counts once. A refusal (a closed or merged record, an undone link) is
 * kept as rejected with its reason, never as a conflict: there is no server copy to choose.
 */
export async function sendLinks(entries: OutboxEntry[], target: ApiTarget): Promise<SendOutcome[]> {
  const payloads = new Map(entries.map((e) => [e.id, e.payload as LinkPayload]));
  const outcomes = await eachEntry(entries, (entry) => {
    const { target: record, body } = entry.payload as LinkPayload;
    return request(
      `${apiBase(target.serverUrl)}/records/${record.id}/requesters`,
      { method: 'POST', headers: { accept: 'application/json', 'content-type': 'application/json', authorization: `Bearer ${target.token}` }, body: JSON.stringify(body) },
      { ...(target.fetch ? { fetch: target.fetch } : {}), timeoutMs: target.timeoutMs ?? 15_000, problem: problemWithGuard },
    );
  });
  return outcomes.map((o): SendOutcome => {
    if (o.status === 'accepted' || o.status === 'duplicate') return { ...o, recordNumber: payloads.get(o.id)!.target.recordNumber };
    return o.status === 'conflict' ? { id: o.id, status: 'rejected', error: o.error } : o;
  });
}
