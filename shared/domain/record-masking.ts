import { maskContact, maskCustomerName, maskName, maskTextWith, type MaskTextOptions } from './masking';
import { LIMITS } from '../schemas/common';
import type { Clip } from '../schemas/clip';
import type { Record as EchoRecord, RecordInput } from '../schemas/record';
import type { RequesterLinkBody } from '../schemas/requester-entry';

/** A record as created (input) or as stored (with screening, execution and feedback histories). */
export type MaskableRecord = RecordInput & Partial<EchoRecord>;

type Mask = (text: string) => string;

const textMasker =
  (options: MaskTextOptions): Mask =>
  (text) => {
    const masked = maskTextWith(text, options);
    return masked.ok ? masked.value : '';
  };

const nameOf = (name: string): string => {
  const masked = maskName(name);
  return masked.ok ? masked.value : '*';
};

/** Apply `mask` to the optional string fields named, keeping absent and null ones as they are. */
function maskFields<T extends object>(value: T, keys: readonly (keyof T)[], mask: Mask): T {
  const out = { ...value };
  for (const key of keys) {
    const field = out[key];
    if (typeof field === 'string') out[key] = mask(field) as T[keyof T];
  }
  return out;
}

/** A clip: the page is published text (contact data and the customer's names masked), the ticket is the customer's. */
function maskClip(clip: Clip, customer: Mask, article: Mask): Clip {
  const page = maskFields(clip.page, ['title', 'selection', 'readableText'], article);
  page.metadata = Object.fromEntries(Object.entries(clip.page.metadata).map(([k, v]) => [k, article(v)]));
  if (!clip.ticket) return { ...clip, page };
  const ticket = maskFields(clip.ticket, ['subject'], customer);
  if (ticket.requester !== undefined) ticket.requester = nameOf(ticket.requester);
  ticket.messages = ticket.messages.map((m) => ({
    ...m,
    text: customer(m.text),
    ...(m.author === undefined ? {} : { author: nameOf(m.author) }),
  }));
  return { ...clip, page, ticket };
}

/**
 * A linked requester (a link's body or a stored entry) with its personal data masked as a record's
 * is, by its own names: the entry is another customer than the record's. Idempotent.
 */
export function maskRequesterEntry<T extends RequesterLinkBody>(entry: T): T {
  const people = [entry.customerName, entry.contactPerson];
  const out: T = maskFields(entry, ['excerpt'], textMasker({ people }));
  if (entry.customerName !== undefined) {
    const masked = maskCustomerName(entry.customerName, entry.customerKind);
    out.customerName = masked.ok ? masked.value : '*';
  }
  if (entry.contactPerson !== undefined) out.contactPerson = nameOf(entry.contactPerson);
  if (entry.contact !== undefined) {
    const masked = maskContact(entry.contact);
    out.contact = masked.ok ? masked.value.masked || '***' : '***';
  }
  if (entry.page) out.page = maskFields(entry.page, ['title'], (t) => textMasker({ scope: 'article', people })(t).slice(0, LIMITS.line));
  return out;
}

/**
 * Every free-text field of a record with personal data masked (DOMAIN.md §3): the customer and
 * contact names as names, the contact as a contact, all other text as customer text in which the
 * customer's own names are hidden too, a clipped page as an article. Idempotent, so the server
 * applies it on every write as the net beneath the clients' own masking.
 */
export function maskRecord<T extends MaskableRecord>(doc: T): T {
  const people = [doc.customerName, doc.contactPerson, doc.origin.kind === 'extension' ? doc.origin.clip.ticket?.requester : undefined];
  const customer = textMasker({ people });
  const article = textMasker({ scope: 'article', people });
  const out: T = maskFields(
    doc,
    ['industry', 'scenario', 'problem', 'expectedSolution', 'notes', 'invalidReason', 'result'],
    customer,
  );
  if (doc.customerName !== undefined) {
    const masked = maskCustomerName(doc.customerName, doc.customerKind);
    out.customerName = masked.ok ? masked.value : '*';
  }
  if (doc.contactPerson !== undefined) out.contactPerson = nameOf(doc.contactPerson);
  if (doc.contact !== undefined) {
    const masked = maskContact(doc.contact);
    out.contact = masked.ok ? masked.value.masked || '***' : '***';
  }
  if (doc.origin.kind === 'extension') out.origin = { ...doc.origin, clip: maskClip(doc.origin.clip, customer, article) };
  // `***@***` is longer than the shortest address it replaces: the title is cut back to its limit.
  if (doc.origin.kind === 'widget') out.origin = { ...doc.origin, page: maskFields(doc.origin.page, ['title'], (t) => article(t).slice(0, LIMITS.line)) };
  if (doc.progress) out.progress = doc.progress.map((p) => maskFields(p, ['note'], customer));
  if (doc.communications) out.communications = doc.communications.map((c) => maskFields(c, ['message'], customer));
  if (doc.satisfaction) out.satisfaction = doc.satisfaction.map((s) => maskFields(s, ['comment'], customer));
  if (doc.changeRequests) out.changeRequests = doc.changeRequests.map((c) => maskFields(c, ['reason', 'adjustedPlan'], customer));
  if (doc.assessment) out.assessment = maskFields(doc.assessment, ['notNowReason', 'impactScope'], customer);
  if (doc.taskOrder) out.taskOrder = maskFields(doc.taskOrder, ['goal', 'deliveryStandard'], customer);
  if (doc.requesters) out.requesters = doc.requesters.map(maskRequesterEntry);
  return out;
}
