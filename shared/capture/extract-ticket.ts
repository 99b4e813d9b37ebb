/*
 * Reading a helpdesk ticket out of a DOM with an adapter definition. Shared so the extension (on the
 * live page) and the console (on HTML an admin pastes to try a definition) run the same code; it
 * touches only the document it is given, never a global DOM or browser API.
 */
import type {
  AdapterDefinition,
  FieldRule,
  MessageRules,
  RoleRule,
  TagRule,
  TicketField,
} from '../schemas/adapter';
import { TICKET_FIELDS } from '../schemas/adapter';
import type { ClipMessage, ClipTicket, MessageRole } from '../schemas/clip';
import { LIMITS } from '../schemas/common';
import { maskBounded } from './bounded';
import { maskPerson } from './mask';
import { applyPattern } from './patterns';
import { blockText, clip, lineText, oneLine } from './text';

const DEFAULT_MESSAGE_LIMIT = 20;
const MAX_ITEMS_SCANNED = 500;

/** What one adapter made of a page: the ticket (when anything usable was found) and what it lacks. */
export interface TicketExtraction {
  adapterId: string;
  ticket: ClipTicket | undefined;
  missingFields: TicketField[];
  /** How many ticket fields were found; picks the best of several matching adapters. */
  found: number;
}

/** querySelector that treats a bad selector as "not found"; `:scope` is the root element itself. */
function queryOne(root: ParentNode, selector: string): Element | null {
  if (selector === ':scope') return root.nodeType === 1 ? (root as Element) : null;
  try {
    return root.querySelector(selector);
  } catch {
    return null;
  }
}

function queryAll(root: ParentNode, selector: string): Element[] {
  try {
    return Array.from(root.querySelectorAll(selector));
  } catch {
    return [];
  }
}

const isField = (el: Element): el is HTMLInputElement =>
  el.tagName === 'INPUT' || el.tagName === 'TEXTAREA';

function readElement(el: Element, attribute: string | undefined, multiline: boolean): string | null {
  // Frameworks set a field's value as a property, not an attribute, so read the live value.
  if ((!attribute || attribute === 'value') && isField(el)) return el.value;
  if (!attribute && el.tagName === 'SELECT') {
    const option = (el as HTMLSelectElement).selectedOptions[0];
    return option ? lineText(option) : null;
  }
  if (attribute) return el.getAttribute(attribute);
  return multiline ? blockText(el) : lineText(el);
}

function readRule(el: Element, rule: FieldRule | TagRule, multiline: boolean): string | null {
  const raw = readElement(el, rule.attribute, multiline);
  if (raw === null) return null;
  const value = rule.pattern ? applyPattern(rule.pattern, raw) : raw;
  if (value === null) return null;
  const text = multiline ? value.trim() : oneLine(value);
  return text || null;
}

/** The first non-empty value of an ordered rule list, read under `root`. */
function firstValue(root: ParentNode, rules: readonly FieldRule[] | undefined, multiline = false): string | null {
  for (const rule of rules ?? []) {
    const el = queryOne(root, rule.selector);
    const value = el && readRule(el, rule, multiline);
    if (value) return value;
  }
  return null;
}

function readTags(doc: Document, rules: readonly TagRule[] | undefined): string[] {
  for (const rule of rules ?? []) {
    const tags: string[] = [];
    for (const el of queryAll(doc, rule.selector).slice(0, 200)) {
      const value = readRule(el, rule, false);
      if (!value) continue;
      for (const part of rule.split ? value.split(rule.split) : [value]) {
        const tag = maskBounded(oneLine(part), 100);
        if (tag && !tags.includes(tag)) tags.push(tag);
      }
    }
    if (tags.length) return tags.slice(0, 50);
  }
  return [];
}

function roleMatches(item: Element, rule: RoleRule): boolean {
  const el = safeMatches(item, rule.selector) ? item : queryOne(item, rule.selector);
  if (!el) return false;
  if (!rule.attribute && !rule.pattern) return true;
  const raw = rule.attribute ? el.getAttribute(rule.attribute) : lineText(el);
  if (raw === null) return false;
  return rule.pattern ? applyPattern(rule.pattern, raw) !== null : true;
}

const sameName = (a: string, b: string): boolean => oneLine(a).toLowerCase() === oneLine(b).toLowerCase();

function isoTime(raw: string | null): string | undefined {
  if (!raw) return undefined;
  // Jira Data Center writes offsets without a colon (+0800), which Date.parse does not accept everywhere.
  const ms = Date.parse(raw.trim().replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

function safeMatches(el: Element, selector: string): boolean {
  if (selector === ':scope') return true;
  try {
    return el.matches(selector);
  } catch {
    return false;
  }
}

function findItems(doc: Document, rules: MessageRules): Element[] {
  for (const { selector, order } of rules.items) {
    const items = queryAll(doc, selector);
    if (items.length) return order === 'newest_first' ? items.reverse() : items;
  }
  return [];
}

function isExcluded(item: Element, exclude: readonly string[] | undefined): boolean {
  return (exclude ?? []).some((selector) => safeMatches(item, selector) || queryOne(item, selector) !== null);
}

function readMessages(doc: Document, rules: MessageRules | undefined, requester: string | null): ClipMessage[] {
  if (!rules) return [];
  const items = findItems(doc, rules);
  const limit = rules.limit ?? DEFAULT_MESSAGE_LIMIT;
  const messages: ClipMessage[] = [];
  // Newest first, stopping at `limit`, so long threads cost no more than short ones.
  const stop = Math.max(0, items.length - MAX_ITEMS_SCANNED);
  for (let i = items.length - 1; i >= stop && messages.length < limit; i--) {
    const item = items[i] as Element;
    if (isExcluded(item, rules.exclude)) continue;
    const text = firstValue(item, rules.text, true);
    if (!text) continue;
    const author = firstValue(item, rules.author);
    const matched = rules.role.find((rule) => roleMatches(item, rule));
    const role: MessageRole =
      matched?.role ??
      (rules.requesterIsCustomer && author && requester && sameName(author, requester) ? 'customer' : rules.defaultRole);
    const message: ClipMessage = { role, text: maskBounded(text, LIMITS.text, { people: [requester ?? undefined] }) };
    const masked = author ? clip(maskPerson(author), LIMITS.title) : '';
    if (masked) message.author = masked;
    const at = isoTime(firstValue(item, rules.time));
    if (at) message.at = at;
    if (message.text) messages.push(message);
  }
  return messages.reverse();
}

function ticketIdFrom(href: string, doc: Document, adapter: AdapterDefinition): string | null {
  for (const pattern of adapter.idPatterns) {
    const id = applyPattern(pattern, href, 'id');
    if (id) return id;
  }
  return firstValue(doc, adapter.fields.ticketId);
}

/** Apply one (validated) adapter to a page; bad selectors find nothing. Personal data in the result is already masked. */
export function extractTicket(doc: Document, href: string, adapter: AdapterDefinition): TicketExtraction {
  const { fields } = adapter;
  const rawId = ticketIdFrom(href, doc, adapter);
  const rawSubject = firstValue(doc, fields.subject);
  const rawRequester = firstValue(doc, fields.requester);
  const rawStatus = firstValue(doc, fields.status);
  const tags = readTags(doc, fields.tags);
  const messages = readMessages(doc, fields.messages, rawRequester);

  const ticketId = rawId ? clip(oneLine(rawId), 100) : '';
  const subject = rawSubject ? maskBounded(rawSubject, LIMITS.line, { people: [rawRequester ?? undefined] }) : '';
  const requester = rawRequester ? clip(maskPerson(rawRequester), LIMITS.title) : '';
  const status = rawStatus ? maskBounded(rawStatus, 50) : '';

  const present: Record<TicketField, boolean> = {
    ticketId: !!ticketId,
    subject: !!subject,
    requester: !!requester,
    status: !!status,
    tags: tags.length > 0,
    messages: messages.length > 0,
  };
  const missingFields = TICKET_FIELDS.filter((field) => !present[field]);
  const found = TICKET_FIELDS.length - missingFields.length;
  if (!ticketId && !subject && !messages.length) {
    return { adapterId: adapter.id, ticket: undefined, missingFields, found };
  }
  const ticket: ClipTicket = { system: adapter.system, url: href, tags, messages, missingFields };
  if (ticketId) ticket.ticketId = ticketId;
  if (subject) ticket.subject = subject;
  if (requester) ticket.requester = requester;
  if (status) ticket.status = status;
  return { adapterId: adapter.id, ticket, missingFields, found };
}
