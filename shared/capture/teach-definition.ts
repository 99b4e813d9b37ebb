/*
 * Building an adapter definition from what an agent taught on one ticket page: for each field the
 * selector of the element they picked (proposed by proposeSelector, maybe edited), the URL pattern
 * and the ticket id pattern taken from the page's own address. The result validates against the
 * adapter schema, so the extension, the server and the console accept it like any other definition.
 */
import * as z from 'zod/mini';
import { err, ok, type Result } from '../domain/result';
import { AdapterDefinition, MAX_PATTERN_LENGTH, type FieldRule, type UrlPattern } from '../schemas/adapter';
import type { HelpdeskSystem } from '../schemas/enums';
import { applyPattern } from './patterns';
import { lineText } from './text';
import { looksGenerated } from './propose-selector';

/** The fields an agent teaches, in the order the panel asks for them. */
export const TAUGHT_FIELDS = ['subject', 'requester', 'body', 'ticketId', 'status'] as const;
export type TaughtField = (typeof TAUGHT_FIELDS)[number];

/** What the agent taught: a rule per field (selector, optionally an attribute), all optional. */
export type TaughtRules = Partial<Record<TaughtField, FieldRule>>;

/** Options of a taught definition; the id defaults to one made from the host. */
export interface TeachOptions {
  url: string;
  id?: string;
  version?: number;
  system?: HelpdeskSystem;
}

// A ticket number (48213) or an issue key (SHOP-321), the shapes ids take in helpdesks.
const ID_SHAPES: ReadonlyArray<{ test: RegExp; pattern: string }> = [
  { test: /^\d+$/, pattern: '\\d+' },
  { test: /^[A-Z][A-Z0-9_]*-\d+$/, pattern: '[A-Z][A-Z0-9_]*-\\d+' },
];
const ID_IN_TEXT = /[A-Z][A-Z0-9_]*-\d+|\d+/;

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function parse(href: string): URL | null {
  try {
    const url = new URL(href);
    return /^https?:$/.test(url.protocol) ? url : null;
  } catch {
    return null;
  }
}

function isVariable(segment: string): boolean {
  let decoded = segment;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    return true;
  }
  return looksGenerated(decoded) || segment.includes('*') || /\s/.test(decoded);
}

/** The URL pattern of a page: its host (and port), its path with ids and generated segments as `*`. */
export function urlPatternOf(href: string): UrlPattern | null {
  const url = parse(href);
  if (!url) return null;
  const segments = url.pathname.split('/').slice(1).map((s) => (s && isVariable(s) ? '*' : s));
  return { host: url.host.toLowerCase(), path: `/${segments.join('/')}`.slice(0, 300) };
}

/** A slug for a taught definition of a host (`taught-desk-acme-example`). */
export function taughtIdOf(href: string): string {
  const host = parse(href)?.hostname.toLowerCase() ?? 'page';
  return `taught-${host.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '')}`.slice(0, 50).replace(/-+$/, '');
}

/**
 * A regex reading the ticket id from the page address when the id appears there as a path segment
 * (`^[^:]+://[^/]+/conversation/[^/]+/(?<id>\d+)`, the path before it kept, ids in it as `[^/]+`) or
 * as a query value (`[?&]ticket=(?<id>\d+)`), or null.
 */
export function idPatternOf(href: string, ticketId: string): string | null {
  const url = parse(href);
  const shape = ID_SHAPES.find((s) => s.test.test(ticketId));
  if (!url || !shape) return null;
  const segments = url.pathname.split('/').slice(1);
  const at = segments.lastIndexOf(ticketId);
  if (at >= 0) {
    const before = segments.slice(0, at).map((s) => (isVariable(s) ? '[^/]+' : escapeRegExp(s)));
    const full = `^[^:]+://[^/]+/${before.map((s) => `${s}/`).join('')}(?<id>${shape.pattern})(?:[/?#]|$)`;
    if (full.length <= MAX_PATTERN_LENGTH) return full;
  }
  for (const [name, value] of url.searchParams) {
    if (value === ticketId && /^[\w-]{1,40}$/.test(name)) return `[?&]${escapeRegExp(name)}=(?<id>${shape.pattern})`;
  }
  return null;
}

/** The last path segment of an address shaped like a ticket id (`48213`, `SHOP-321`), or null. */
export function ticketIdInUrl(href: string): string | null {
  const segments = parse(href)?.pathname.split('/') ?? [];
  return segments.reverse().find((s) => ID_SHAPES.some((shape) => shape.test.test(s))) ?? null;
}

/**
 * The rule for a picked element's field; for the ticket id a pattern keeps only the number or key
 * when the element shows more (`#48213`, `Ticket SHOP-321`).
 */
export function ruleFor(field: TaughtField, selector: string, value: string): FieldRule {
  if (field !== 'ticketId') return { selector };
  const id = ID_IN_TEXT.exec(value)?.[0];
  if (!id || id === value.trim()) return { selector };
  const shape = ID_SHAPES.find((s) => s.test.test(id));
  return { selector, pattern: `(?<value>${shape?.pattern ?? '\\d+'})` };
}

function readRule(doc: Document, rule: FieldRule | undefined): string | null {
  if (!rule) return null;
  let el: Element | null = null;
  try {
    el = doc.querySelector(rule.selector);
  } catch {
    return null;
  }
  if (!el) return null;
  const raw = rule.attribute ? el.getAttribute(rule.attribute) : lineText(el);
  if (!raw) return null;
  return rule.pattern ? applyPattern(rule.pattern, raw) : raw.trim();
}

/**
 * Build and validate a definition from taught rules on a page. The body becomes the message rule
 * (each element it finds is one customer message); a ticket id found in the address becomes an id
 * pattern, tried before the page's element (untaught: the address's last id-shaped segment). Fails with `validation_failed` and the issues' paths.
 */
export function buildDefinition(doc: Document, rules: TaughtRules, options: TeachOptions): Result<AdapterDefinition> {
  const urlPattern = urlPatternOf(options.url);
  if (!urlPattern) return err('validation_failed', 'The page address is not an http(s) URL.', { path: ['url'] });
  if (!TAUGHT_FIELDS.some((f) => rules[f])) return err('validation_failed', 'Nothing was taught.', { path: ['fields'] });
  // Without a taught id element, the last id-shaped segment of the address is the ticket's.
  const ticketId = rules.ticketId ? readRule(doc, rules.ticketId) : ticketIdInUrl(options.url);
  const idPattern = ticketId ? idPatternOf(options.url, ticketId) : null;
  const fields: AdapterDefinition['fields'] = {};
  if (rules.ticketId) fields.ticketId = [rules.ticketId];
  if (rules.subject) fields.subject = [rules.subject];
  if (rules.requester) fields.requester = [rules.requester];
  if (rules.status) fields.status = [rules.status];
  if (rules.body) {
    fields.messages = {
      items: [{ selector: rules.body.selector, order: 'oldest_first' }],
      text: [{ selector: ':scope', ...(rules.body.attribute ? { attribute: rules.body.attribute } : {}), ...(rules.body.pattern ? { pattern: rules.body.pattern } : {}) }],
      role: [],
      defaultRole: 'customer',
      requesterIsCustomer: true,
    };
  }
  const definition = {
    id: options.id ?? taughtIdOf(options.url),
    system: options.system ?? 'generic',
    version: options.version ?? 1,
    urls: [urlPattern],
    idPatterns: idPattern ? [idPattern] : [],
    fields,
  };
  const parsed = z.safeParse(AdapterDefinition, definition);
  if (parsed.success) return ok(parsed.data);
  return err('validation_failed', 'The taught definition is not valid.', {
    details: { issues: parsed.error.issues.slice(0, 20).map((i) => ({ path: i.path.map(String), message: i.message })) },
  });
}
