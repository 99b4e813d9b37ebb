import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { Window } from 'happy-dom';
import { BUILTIN_ADAPTERS } from '../../../shared/adapters/builtin';
import { AdapterDefinition, type FieldRule } from '../../../shared/schemas/adapter';
import { extractTicket } from '../../../shared/capture/extract-ticket';
import { looksGenerated, proposeSelector } from '../../../shared/capture/propose-selector';
import { buildDefinition, idPatternOf, ruleFor, urlPatternOf, type TaughtRules } from '../../../shared/capture/teach-definition';
import { lineText } from '../../../shared/capture/text';
import { bestTicket } from '../../../extension/capture/capture-page';
import { urlPatternMatches } from '../../../extension/capture/url-match';
import { fixtureNames, fixtureUrl, loadFixture } from './load-fixture';

const docOf = (html: string, url = 'https://desk.acme.example/t/42'): Document => {
  const window = new Window({ url, settings: { disableJavaScriptEvaluation: true } });
  window.document.write(html);
  return window.document as unknown as Document;
};

/** The element an agent would click for a field: the one the built-in adapter's first working rule reads. */
function clicked(doc: Document, rules: readonly FieldRule[] | undefined): { el: Element; rule: FieldRule } | null {
  for (const rule of rules ?? []) {
    const el = doc.querySelector(rule.selector);
    if (el && (rule.attribute ? el.getAttribute(rule.attribute) : lineText(el) || (el as HTMLInputElement).value)) return { el, rule };
  }
  return null;
}

/** The body of the oldest message the built-in adapter keeps: what an agent points at as "body". */
function clickedBody(doc: Document, adapter: AdapterDefinition): Element | null {
  const rules = adapter.fields.messages;
  if (!rules) return null;
  for (const { selector } of rules.items) {
    const items = Array.from(doc.querySelectorAll(selector));
    if (!items.length) continue;
    const ordered = rules.items.find((i) => i.selector === selector)?.order === 'newest_first' ? items.reverse() : items;
    for (const item of ordered) {
      if ((rules.exclude ?? []).some((x) => item.matches(x) || item.querySelector(x))) continue;
      for (const rule of rules.text) {
        const el = rule.selector === ':scope' ? item : item.querySelector(rule.selector);
        if (el && lineText(el)) return el;
      }
    }
    return null;
  }
  return null;
}

/** Teach a page from clicks only: each field's element, its proposed selector, nothing copied from the built-in definition. */
function teachFromClicks(name: string, adapter: AdapterDefinition) {
  const doc = loadFixture(name);
  const rules: TaughtRules = {};
  const selectors: string[] = [];
  for (const field of ['subject', 'requester', 'status', 'ticketId'] as const) {
    const click = clicked(doc, adapter.fields[field]);
    if (!click) continue;
    const selector = proposeSelector(click.el);
    expect(selector, `${name} ${field}`).not.toBeNull();
    selectors.push(selector!);
    // The panel lets the agent read an attribute instead of an empty or different text (a status kept
    // only in data-state); where the built-in rule cuts its value out of an attribute, the text is taken.
    const attribute = click.rule.attribute && !click.rule.pattern ? click.rule.attribute : undefined;
    const value = attribute ? click.el.getAttribute(attribute)! : lineText(click.el);
    const rule = ruleFor(field, selector!, value);
    rules[field] = attribute ? { ...rule, attribute } : rule;
  }
  const body = clickedBody(doc, adapter);
  if (body) {
    const selector = proposeSelector(body, 'repeated');
    expect(selector, `${name} body`).not.toBeNull();
    selectors.push(selector!);
    rules.body = { selector: selector! };
  }
  return { doc, rules, selectors };
}

const TICKET_FIXTURES = fixtureNames().filter((name) => {
  const found = bestTicket(loadFixture(name), fixtureUrl(name), BUILTIN_ADAPTERS);
  return !!found?.ticket;
});

describe('teaching a helpdesk from clicks', () => {
  it('covers every helpdesk fixture with a ticket', () => {
    expect(TICKET_FIXTURES.length).toBeGreaterThanOrEqual(15);
  });

  it.each(TICKET_FIXTURES)('%s: the taught definition reads what the built-in adapter reads', (name) => {
    const url = fixtureUrl(name);
    const builtinId = bestTicket(loadFixture(name), url, BUILTIN_ADAPTERS)!.adapterId;
    const adapter = BUILTIN_ADAPTERS.find((a) => a.id === builtinId)!;
    const { doc, rules, selectors } = teachFromClicks(name, adapter);

    const built = buildDefinition(doc, rules, { url });
    if (!built.ok) throw new Error(JSON.stringify(built.error));
    expect(z.safeParse(AdapterDefinition, built.value).success).toBe(true);
    expect(built.value.urls.some((p) => urlPatternMatches(p, new URL(url)))).toBe(true);

    const expected = extractTicket(loadFixture(name), url, adapter).ticket!;
    const taught = extractTicket(loadFixture(name), url, built.value).ticket!;
    expect(taught.subject).toBe(expected.subject);
    expect(taught.requester).toBe(expected.requester);
    expect(taught.status).toBe(expected.status);
    expect(taught.ticketId).toBe(expected.ticketId);
    // One click on a message body teaches every message like it: where the built-in adapter's thread
    // is one kind of element, all of it is among the taught messages; where the first message is
    // another kind (Jira's description before its comments), that first message is.
    const taughtTexts = taught.messages.map((m) => m.text);
    expect(expected.messages.length).toBeGreaterThan(0);
    const oneKind = adapter.fields.messages!.items.every((i) => !i.selector.includes(','));
    for (const message of oneKind ? expected.messages : expected.messages.slice(0, 1)) expect(taughtTexts).toContain(message.text);
    for (const selector of selectors) expect(selector).not.toMatch(/nth-of-type|ember\d|react-select-\d|:r\d/);
  });
});

describe('proposeSelector', () => {
  const page = docOf(`<main>
    <div id="ember123" class="ember-view"><h2 class="sc-bdfBwQ css-1x2y3z ticket-title">Printer broken</h2></div>
    <div class="field"><label>Requester</label><input id="react-select-4-input" aria-label="Requester" value="Ann"></div>
    <div class="field"><input id="react-select-5-input" aria-label="Assignee" value="Bo"></div>
    <section data-testid="conversation"><p class="msg">one</p><p class="msg">two</p></section>
    <span data-entity-id="48213" data-field="ticket-number">#48213</span>
    <div id="a1b2c3d4e5"><span title="Printer broken">Printer broken</span></div>
    <ul><li>a</li><li>b</li></ul>
  </main>`);
  const $ = (s: string): Element => page.querySelector(s)!;

  it('avoids generated ids, classes and values, and values that are the content', () => {
    expect(proposeSelector($('h2'))).toBe('h2.ticket-title');
    expect(proposeSelector($('[aria-label="Requester"]'))).toBe('input[aria-label="Requester"]');
    expect(proposeSelector($('[data-field]'))).toBe('span[data-field="ticket-number"]');
    expect(proposeSelector($('[title]'))).not.toMatch(/a1b2c3d4e5|title=/);
  });

  it('scopes under a stable ancestor before falling back to positions', () => {
    expect(proposeSelector($('.msg'))).toBe('[data-testid="conversation"] > p:nth-of-type(1)');
    expect(proposeSelector(page.querySelectorAll('li')[1]!)).toBe('ul > li:nth-of-type(2)');
  });

  it('proposes a selector finding every element like a message body when asked for repeated ones', () => {
    expect(proposeSelector(page.querySelectorAll('.msg')[1]!, 'repeated')).toBe('p.msg');
    expect(proposeSelector(page.querySelectorAll('li')[1]!, 'repeated')).toBe('ul li');
  });

  it('every proposal finds exactly the clicked element', () => {
    for (const el of Array.from(page.querySelectorAll('main *'))) {
      const selector = proposeSelector(el)!;
      expect(Array.from(page.querySelectorAll(selector))).toEqual([el]);
    }
  });

  it('recognises generated values and keeps written ones', () => {
    for (const v of ['ember123', 'react-select-4-input', ':r1:', 'sc-bdfBwQ', 'css-1x2y3z', 'a1b2c3d4e5', '48213', 'xYzAbC'])
      expect(looksGenerated(v), v).toBe(true);
    for (const v of ['omni-header-subject', 'issue.views.field.user.reporter', 'conversationTitle', 'summary-val', 'h1'])
      expect(looksGenerated(v), v).toBe(false);
  });
});

describe('the definition built from a page', () => {
  it('takes the URL as a safe glob and the id from the address', () => {
    expect(urlPatternOf('https://acme.zendesk.com/agent/tickets/48213?x=1')).toEqual({ host: 'acme.zendesk.com', path: '/agent/tickets/*' });
    expect(urlPatternOf('http://127.0.0.1:4173/desk/ticket.html')).toEqual({ host: '127.0.0.1:4173', path: '/desk/ticket.html' });
    expect(idPatternOf('https://acme.zendesk.com/agent/tickets/48213', '48213')).toBe('^[^:]+://[^/]+/agent/tickets/(?<id>\\d+)(?:[/?#]|$)');
    expect(idPatternOf('https://secure.helpscout.net/conversation/1987654321/8812', '8812')).toBe('^[^:]+://[^/]+/conversation/[^/]+/(?<id>\\d+)(?:[/?#]|$)');
    expect(idPatternOf('https://desk.example/view?ticket=SHOP-3', 'SHOP-3')).toBe('[?&]ticket=(?<id>[A-Z][A-Z0-9_]*-\\d+)');
    expect(idPatternOf('https://desk.example/view', '42')).toBeNull();
  });

  it('keeps only the number of a ticket id shown with more', () => {
    expect(ruleFor('ticketId', '.num', '#48213')).toEqual({ selector: '.num', pattern: '(?<value>\\d+)' });
    expect(ruleFor('ticketId', '.num', '48213')).toEqual({ selector: '.num' });
    expect(ruleFor('subject', 'h1', 'Order #7 lost')).toEqual({ selector: 'h1' });
  });

  it('refuses nothing taught and an edited selector the schema refuses, naming the path', () => {
    const doc = docOf('<h1>x</h1>');
    expect(buildDefinition(doc, {}, { url: 'https://desk.example/t/1' })).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    const bad = buildDefinition(doc, { subject: { selector: 'h1 { color: red }' } }, { url: 'https://desk.example/t/1' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'validation_failed', details: { issues: [{ path: ['fields', 'subject', '0', 'selector'] }] } } });
    expect(buildDefinition(doc, { subject: { selector: 'h1' } }, { url: 'file:///x' })).toMatchObject({ ok: false });
  });
});
