/*
 * The page side of teaching a helpdesk: picking an element (an overlay that highlights what the
 * pointer or the arrow keys are on) and reading taught rules on the live page for the panel's
 * preview. Runs in the extension's isolated world; it changes nothing of the page but its one
 * overlay element, which it removes when the pick ends.
 */
import type { FieldRule } from '../../shared/schemas/adapter';
import { extractTicket } from '../../shared/capture/extract-ticket';
import { proposeSelector } from '../../shared/capture/propose-selector';
import { buildDefinition, ruleFor, TAUGHT_FIELDS, type TaughtField, type TaughtRules } from '../../shared/capture/teach-definition';
import { lineText } from '../../shared/capture/text';
import type { TaughtRulesInput, TeachPick, TeachPreview } from './teach-input';

const CANCEL_KEY = '__echoboxTeachCancel';
type Scope = Record<string, (() => void) | undefined>;

/** What an element reads as (a field's live value, else its text), short enough for the panel. */
function valueOf(el: Element): string {
  const field = el as HTMLInputElement;
  const raw = (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA') ? field.value : lineText(el);
  return raw.slice(0, 500);
}

/** Stop a pick in progress (the panel's "Stop picking"). */
export function cancelPick(): void {
  (globalThis as unknown as Scope)[CANCEL_KEY]?.();
}

/**
 * Let the agent pick the element of one field: hover highlights, click (or Enter) picks, Esc
 * cancels, arrow up/down move to the parent or first child. Resolves with the proposed selector.
 */
export function pickElement(doc: Document, field: TaughtField, banner: string): Promise<TeachPick> {
  cancelPick();
  const host = doc.createElement('echobox-teach');
  const shadow = host.attachShadow({ mode: 'closed' });
  const box = doc.createElement('div');
  const label = doc.createElement('div');
  label.textContent = banner;
  label.setAttribute('role', 'status');
  Object.assign(box.style, { position: 'fixed', pointerEvents: 'none', outline: '2px solid #2563eb', background: 'rgba(37,99,235,.12)', zIndex: '2147483647', display: 'none' });
  Object.assign(label.style, { position: 'fixed', top: '8px', left: '50%', transform: 'translateX(-50%)', pointerEvents: 'none', zIndex: '2147483647', background: '#111827', color: '#fff', font: '14px/1.4 system-ui, sans-serif', padding: '6px 12px', borderRadius: '6px' });
  shadow.append(box, label);
  doc.documentElement.append(host);

  let current: Element | null = null;
  const show = (el: Element | null) => {
    current = el;
    if (!el) return void (box.style.display = 'none');
    const r = el.getBoundingClientRect();
    Object.assign(box.style, { display: 'block', left: `${r.left}px`, top: `${r.top}px`, width: `${r.width}px`, height: `${r.height}px` });
  };
  const ours = (target: EventTarget | null) => target === host;

  return new Promise<TeachPick>((resolve) => {
    const finish = (el: Element | null) => {
      for (const [type, listener] of listeners) doc.removeEventListener(type, listener, true);
      host.remove();
      delete (globalThis as unknown as Scope)[CANCEL_KEY];
      const selector = el && proposeSelector(el, field === 'body' ? 'repeated' : 'unique');
      resolve(el && selector ? { selector, value: valueOf(el) } : null);
    };
    const swallow = (event: Event) => {
      if (ours(event.target)) return;
      event.preventDefault();
      event.stopPropagation();
    };
    const listeners: Array<[string, (event: Event) => void]> = [
      ['mouseover', (e) => !ours(e.target) && e.target instanceof Element && show(e.target)],
      ['mousedown', swallow],
      ['mouseup', swallow],
      ['pointerdown', swallow],
      ['click', (e) => {
        swallow(e);
        if (e.target instanceof Element && !ours(e.target)) finish(e.target);
      }],
      ['keydown', (e) => {
        const key = (e as KeyboardEvent).key;
        if (!['Escape', 'Enter', 'ArrowUp', 'ArrowDown'].includes(key)) return;
        swallow(e);
        if (key === 'Escape') finish(null);
        else if (key === 'Enter') finish(current);
        else if (key === 'ArrowUp' && current?.parentElement && current.parentElement !== doc.documentElement) show(current.parentElement);
        else if (key === 'ArrowDown') show(current?.firstElementChild ?? current ?? doc.body.firstElementChild);
      }],
    ];
    for (const [type, listener] of listeners) doc.addEventListener(type, listener, true);
    (globalThis as unknown as Scope)[CANCEL_KEY] = () => finish(null);
  });
}

/**
 * Read taught rules on the page: each field's value through the shared extraction (what a clip
 * will carry), the definition they make, and each problem by field.
 */
export function previewRules(doc: Document, href: string, input: TaughtRulesInput, options: { id?: string; version?: number } = {}): TeachPreview {
  const rules: TaughtRules = {};
  for (const field of TAUGHT_FIELDS) {
    const taught = input[field];
    if (!taught?.selector.trim()) continue;
    const rule: FieldRule = { selector: taught.selector.trim() };
    if (taught.attribute?.trim()) rule.attribute = taught.attribute.trim();
    // A ticket id shown as "#48213" keeps only the number, as when it was picked.
    if (field === 'ticketId' && !rule.attribute) {
      let el: Element | null = null;
      try {
        el = doc.querySelector(rule.selector);
      } catch {
        el = null;
      }
      const pattern = el ? ruleFor(field, rule.selector, valueOf(el)).pattern : undefined;
      if (pattern) rule.pattern = pattern;
    }
    rules[field] = rule;
  }
  const built = buildDefinition(doc, rules, { url: href, ...options });
  if (!built.ok) {
    const issues = ((built.error.details?.issues ?? []) as Array<{ path: string[]; message: string }>).map((issue) => ({
      field: issue.path[1] === 'messages' ? 'body' : issue.path[1] ?? 'fields',
      message: issue.message,
    }));
    return { values: {}, messageCount: 0, definition: null, issues: issues.length ? issues : [{ field: 'fields', message: built.error.message }] };
  }
  const ticket = extractTicket(doc, href, built.value).ticket;
  const values: TeachPreview['values'] = {};
  if (ticket?.subject) values.subject = ticket.subject;
  if (ticket?.requester) values.requester = ticket.requester;
  if (ticket?.status) values.status = ticket.status;
  if (ticket?.ticketId) values.ticketId = ticket.ticketId;
  if (ticket?.messages[0]) values.body = ticket.messages[0].text.slice(0, 500);
  return { values, messageCount: ticket?.messages.length ?? 0, definition: built.value, issues: [] };
}
