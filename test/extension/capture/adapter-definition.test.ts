import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { AdapterCatalog, AdapterDefinition, unsafePatternReason } from '../../../shared/schemas/adapter';
import { BUILTIN_ADAPTERS } from '../../../shared/adapters/builtin';
import { BUILTIN_CATALOG, parseAdapterCatalog } from '../../../shared/adapters/catalog';
import { capturePage } from '../../../extension/capture/capture-page';
import { RE2JS } from 're2js';
import { adapterRegExp, applyPattern } from '../../../shared/capture/patterns';
import { urlPatternMatches } from '../../../extension/capture/url-match';
import { fixtureNames, fixtureUrl, loadFixture } from './load-fixture';

/** A made-up in-house helpdesk, defined only as JSON, as an admin would put it on the server. */
const ACME_DESK_JSON = `{
  "id": "acme-desk",
  "system": "generic",
  "version": 3,
  "urls": [{ "host": "desk.acme.example", "path": "/t/*" }],
  "idPatterns": ["/t/(?<id>AD-\\\\d+)"],
  "fields": {
    "subject": [{ "selector": "#title" }],
    "requester": [{ "selector": "meta[name=requester]", "attribute": "content" }],
    "status": [{ "selector": ".state", "pattern": "State: (?<value>\\\\w+)" }],
    "tags": [{ "selector": ".labels", "split": ";" }],
    "messages": {
      "items": [{ "selector": "li.msg", "order": "newest_first" }],
      "exclude": [".internal"],
      "author": [{ "selector": ":scope", "attribute": "data-from" }],
      "text": [{ "selector": ".body" }],
      "time": [{ "selector": ":scope", "attribute": "data-at" }],
      "role": [{ "selector": ":scope", "attribute": "data-from", "pattern": "^staff:", "role": "agent" }],
      "defaultRole": "customer",
      "limit": 2
    }
  }
}`;

const ACME_PAGE = `<!doctype html><html><head><title>AD-7</title><meta name="requester" content="孙女士"></head><body>
  <h1 id="title">扫码枪无法识别条码</h1><p class="state">State: waiting</p><p class="labels">硬件; 门店 ;;</p>
  <ol>
    <li class="msg" data-from="孙女士" data-at="2025-09-30T05:00:00Z"><div class="body">还是不行，店长电话 13611112222</div></li>
    <li class="msg internal" data-from="staff:kai"><div class="body">内部：换货</div></li>
    <li class="msg" data-from="staff:kai" data-at="2025-09-29T05:00:00Z"><div class="body">请重新配对一下</div></li>
    <li class="msg" data-from="孙女士" data-at="2025-09-28T05:00:00Z"><div class="body">最早的一条</div></li>
  </ol></body></html>`;

const acmeDesk = (): AdapterDefinition => AdapterDefinition.parse(JSON.parse(ACME_DESK_JSON));

describe('AdapterDefinition schema', () => {
  it('accepts every built-in adapter and the shipped catalog', () => {
    for (const adapter of BUILTIN_ADAPTERS) expect(z.safeParse(AdapterDefinition, adapter).success, adapter.id).toBe(true);
    expect(parseAdapterCatalog(BUILTIN_CATALOG)).toEqual({ ok: true, value: BUILTIN_CATALOG });
  });

  const base = acmeDesk();
  const bad: Array<[string, unknown]> = [
    ['code smuggled in as an extra key', { ...base, script: 'fetch("https://evil.example")' }],
    ['an extra key inside a rule', { ...base, fields: { subject: [{ selector: 'h1', onMatch: 'alert(1)' }] } }],
    ['a regex over 200 characters', { ...base, fields: { subject: [{ selector: 'h1', pattern: `(?<value>${'a'.repeat(200)})` }] } }],
    ['a lookahead (RE2 cannot run it)', { ...base, fields: { status: [{ selector: 'p', pattern: 'a(?=b)' }] } }],
    ['a lookbehind (RE2 cannot run it)', { ...base, idPatterns: ['(?<=t/)(?<id>\\d+)'] }],
    ['a back-reference', { ...base, fields: { status: [{ selector: 'p', pattern: '(a)\\1' }] } }],
    ['a named back-reference', { ...base, idPatterns: ['(?<id>a)\\k<id>'] }],
    ['an invalid regex', { ...base, fields: { status: [{ selector: 'p', pattern: '(' }] } }],
    ['an id pattern without the id group', { ...base, idPatterns: ['/t/(\\d+)'] }],
    ['an unknown helpdesk system', { ...base, system: 'salesforce' }],
    ['a selector carrying a style block', { ...base, fields: { subject: [{ selector: 'h1{color:red}' }] } }],
    ['an empty selector', { ...base, fields: { subject: [{ selector: '' }] } }],
    ['no URL patterns', { ...base, urls: [] }],
    ['a host with a scheme', { ...base, urls: [{ host: 'https://desk.acme.example', path: '/' }] }],
    ['a path without a leading slash', { ...base, urls: [{ host: 'desk.acme.example', path: 't/*' }] }],
    ['messages without item selectors', { ...base, fields: { messages: { ...base.fields.messages, items: [] } } }],
    ['an unknown message order', { ...base, fields: { messages: { ...base.fields.messages, items: [{ selector: 'li', order: 'random' }] } } }],
    ['an unknown role', { ...base, fields: { messages: { ...base.fields.messages, defaultRole: 'bot' } } }],
    ['a fractional version', { ...base, version: 1.5 }],
    ['a bad id', { ...base, id: 'Acme Desk!' }],
    ['null', null],
    ['a number', 42],
  ];

  it.each(bad)('rejects %s', (_what, definition) => {
    expect(z.safeParse(AdapterDefinition, definition).success).toBe(false);
    const parsed = parseAdapterCatalog({ version: 'v1', adapters: [definition] });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.code).toBe('validation_failed');
  });

  it('rejects a catalog with two adapters of the same id, and non-catalogs', () => {
    expect(z.safeParse(AdapterCatalog, { version: 'v1', adapters: [base, base] }).success).toBe(false);
    for (const value of [undefined, null, 'x', { adapters: [] }, { version: '', adapters: [] }]) {
      expect(parseAdapterCatalog(value).ok).toBe(false);
    }
  });

  it('classifies regex sources by what the linear-time engine runs', () => {
    expect(unsafePatternReason('/agent/tickets/(?<id>\\d+)')).toBeNull();
    expect(unsafePatternReason('(?:ab)+c')).toBeNull();
    expect(unsafePatternReason('(a|b+)*')).toBeNull();
    expect(unsafePatternReason('(a)(b)\\2')).toBe('unsupported_regex');
    expect(unsafePatternReason('(?<id>a)\\k<id>')).toBe('unsupported_regex');
    expect(unsafePatternReason('a(?!b)')).toBe('unsupported_regex');
    expect(unsafePatternReason('a'.repeat(201))).toBe('too_long');
    expect(unsafePatternReason('[')).toBe('unsupported_regex');
  });

  it('names the failing field and why when a definition carries a pattern RE2 cannot run', () => {
    const parsed = z.safeParse(AdapterDefinition, { ...base, fields: { ...base.fields, status: [{ selector: 'p', pattern: '(a)\\1' }] } });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues).toEqual([
      expect.objectContaining({ path: ['fields', 'status', 0, 'pattern'], message: expect.stringMatching(/^unsupported_regex: .*back-references/) }),
    ]);
  });
});

describe('adapter patterns cannot freeze a tab', () => {
  const input = 'a'.repeat(4_095);
  // Each known catastrophic pattern against 4,096 characters (the most a pattern is ever run on)
  // that make a backtracking engine try every split.
  const redos: Array<[string, string]> = [
    ['(a|a)*$', `${input}!`],
    ['(\\w|\\d)+$', `${input}!`],
    ['.*.*.*.*.*.*.*=', `${input}a`],
    ['(?<value>(a+)+)$', `${input}!`],
  ];

  it('runs adapter regexes on RE2JS, never on the backtracking RegExp engine', () => {
    for (const [source] of redos) {
      expect(unsafePatternReason(source)).toBeNull();
      const re = adapterRegExp(source);
      expect(re).toBeInstanceOf(RE2JS);
      expect(re).not.toBeInstanceOf(RegExp);
    }
  });

  it('each known ReDoS pattern finishes within 50 ms on 4,096 characters (best of 3, engine warmed up)', () => {
    applyPattern('(?<value>\\d+)', `${input}1`);
    for (const [source, text] of redos) {
      const times: number[] = [];
      for (let round = 0; round < 3; round++) {
        const started = performance.now();
        applyPattern(source, text);
        times.push(performance.now() - started);
      }
      expect(Math.min(...times), source).toBeLessThan(50);
    }
    expect(applyPattern('(a|a)*$', `${input}!`)).toBe('');
    expect(applyPattern('(\\w|\\d)+$', `x${input.slice(1)}`)).toBe('a');
  });

  it('matches URL globs without backtracking: many globstars against a long path', () => {
    const url = new URL(`https://desk.example/${'a/'.repeat(1_500)}b`);
    const started = performance.now();
    expect(urlPatternMatches({ host: '*.example', path: '/**/**/**/**/**/**/**/x' }, url)).toBe(false);
    expect(urlPatternMatches({ host: 'desk.example', path: '/**/**/**/b' }, url)).toBe(true);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe('adapters are data', () => {
  it('a catalog that went through JSON (as fetched and cached) extracts exactly what the built-ins do', () => {
    const fetched = parseAdapterCatalog(JSON.parse(JSON.stringify(BUILTIN_CATALOG)));
    expect(fetched.ok).toBe(true);
    if (!fetched.ok) return;
    const now = new Date('2025-10-01T00:00:00Z');
    for (const name of fixtureNames()) {
      const url = fixtureUrl(name);
      const fromJson = capturePage(loadFixture(name), { url, adapters: fetched.value.adapters, now });
      const builtin = capturePage(loadFixture(name), { url, adapters: BUILTIN_ADAPTERS, now });
      expect(fromJson, name).toEqual(builtin);
    }
  });

  it('a new helpdesk defined only as JSON drives extraction: id, attribute, pattern, split, role, exclude, order, limit', () => {
    const doc = new DOMParser().parseFromString(ACME_PAGE, 'text/html');
    const result = capturePage(doc, { url: 'https://desk.acme.example/t/AD-7', adapters: [...BUILTIN_ADAPTERS, acmeDesk()] });
    expect(result.adapterId).toBe('acme-desk');
    expect(result.clip.ticket).toEqual({
      system: 'generic',
      url: 'https://desk.acme.example/t/AD-7',
      ticketId: 'AD-7',
      subject: '扫码枪无法识别条码',
      requester: '*女士',
      status: 'waiting',
      tags: ['硬件', '门店'],
      messages: [
        { role: 'agent', author: '*', text: '请重新配对一下', at: '2025-09-29T05:00:00.000Z' },
        { role: 'customer', author: '*女士', text: '还是不行，店长电话 136****2222', at: '2025-09-30T05:00:00.000Z' },
      ],
      missingFields: [],
    });
  });

  it('a page on the same host outside the adapter paths stays generic', () => {
    const doc = new DOMParser().parseFromString(ACME_PAGE, 'text/html');
    const result = capturePage(doc, { url: 'https://desk.acme.example/reports', adapters: [acmeDesk()] });
    expect(result.adapterId).toBeNull();
    expect(result.clip.ticket).toBeUndefined();
  });
});
