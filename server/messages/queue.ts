import type { Deps } from '../context';
import { getRecord } from '../store/records';
import { vaultEntry } from '../contacts/vault';
import { insertMessage } from './store';
import { templateFor } from './templates';
import { renderMessage } from './render';

/**
 * Queue the e-mail for a record's communication (DOMAIN.md §8), when the customer consented to leave
 * an e-mail address. Without SMTP configured it is stored as "to send by hand" instead: nothing
 * pretends to be sent. Once per communication; returns the message id, or null when none is owed.
 */
export async function queueCustomerMessage(
  deps: Pick<Deps, 'db' | 'now' | 'config' | 'onMessageQueued'>,
  recordId: string,
  communicationId: string,
): Promise<string | null> {
  const { db, config } = deps;
  const stored = await getRecord(db, recordId);
  const communication = stored?.doc.communications.find((c) => c.id === communicationId);
  if (!stored || !communication) return null;
  const entry = await vaultEntry(db, recordId);
  if (!entry?.hasEmail) return null;
  // The subject names only the record number, so it is stored for the record's message list.
  const template = await templateFor(db, communication.kind, entry.locale);
  const { subject } = renderMessage(template, stored.doc, communication, '');
  const manual = config.mail.smtpUrl === null;
  const row = await insertMessage(db, {
    recordId,
    communicationId,
    kind: communication.kind,
    locale: entry.locale,
    state: manual ? 'manual' : 'queued',
    reason: manual ? 'smtp_not_configured' : null,
    subject,
    now: deps.now(),
  });
  if (row && !manual) deps.onMessageQueued?.(row.id);
  return row?.id ?? null;
}
