import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TEST_STORES } from './support/databases';
import { json, staff, testApp } from './support/app';
import { recordInput } from './support/fixtures';
import type { Database } from '../../server/db/open';
import { createSiteKey } from '../../server/store/site-keys';
import { createUser } from '../../server/store/users';
import { signIdentity } from '../../server/auth/identity-token';
import { problemIn } from '../../shared/schemas/problem';
import { ERROR_STATUS } from '../../shared/schemas/error-codes';

/*
 * Property-based fuzzing of every operation the server's own OpenAPI document lists: values
 * generated from each operation's schemas, then broken (control characters, lone surrogates, huge
 * numbers, dates the database cannot hold, forged cursors, wrong types, missing fields, bad JSON),
 * sent with valid credentials. Whatever arrives, the answer is never a 5xx, and every error is a
 * problem of our API. Deterministic: one seed, a bounded number of runs per operation.
 */

const SEED = 20_261_205;
/** Runs per operation; about 60 operations make the whole pass take some 20 s on PGlite (FUZZ_RUNS raises it). */
const RUNS = Number(process.env.FUZZ_RUNS ?? 12);
const ORIGIN = 'https://app.example.com';
const READER_SECRET = 'fuzz-reader-secret-0123456789';

/** The subset of JSON Schema zod emits for our request bodies and query parameters. */
interface JsonSchema {
  type?: string | string[];
  properties?: { [key: string]: JsonSchema };
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema: JsonSchema;
}

interface Operation {
  method: string;
  path: string;
  security: 'staff' | 'site' | 'none';
  parameters: Parameter[];
  body?: JsonSchema;
}

/** Strings no store should ever be handed raw: NUL and other controls, lone surrogates, odd Unicode. */
const nastyString = fc.oneof(
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    '\ud800',
    'x\udfffy',
    '\udc00\ud800',
    '\ud83d',
    '\u0001\u0008\u000b\u000c\u001f\u007f',
    '\u0085\u009f',
    '\ufeff\u200b\u2028',
    ' \t\r\n ',
    '%00',
    "'; DROP TABLE records; --",
    '0000-01-01T00:00:00Z',
    '9999-12-31T23:59:59.999Z',
    '+275760-09-13T00:00:00Z',
    '99999999999999999999',
  ),
  fc.string({ unit: 'binary', maxLength: 24 }),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 6 }).map((s) => `${s}\u0000${s}`),
);

/** Instants and days the database cannot hold or no record can sensibly have. */
const BAD_DATES = [
  '0000-01-01',
  '0001-01-01',
  '9999-12-31',
  '1000-02-29',
  '0000-01-01T00:00:00Z',
  '0000-01-01T00:00:00+14:00',
  '9999-12-31T23:59:59.999Z',
  '9999-12-31T23:59:59-12:00',
  '1969-12-31T23:59:59.999Z',
  '2001-01-01T00:00:00Z',
];
const badDate = fc.constantFrom(...BAD_DATES);

const base64url = (text: string) => Buffer.from(text).toString('base64url');

/** Cursors no server handed out: list cursors of the wrong shape, feed positions out of range. */
const FORGED_CURSORS = [
  '99999999999999999999',
  '18446744073709551616',
  `1:${'-'.repeat(36)}`,
  `1:${'0'.repeat(36)}`,
  `1:${'f'.repeat(8)}-${'f'.repeat(4)}-${'f'.repeat(4)}-${'f'.repeat(4)}-${'f'.repeat(13)}`,
  'AAAA',
  base64url('null'),
  base64url('[]'),
  base64url('["x"]'),
  base64url('[null,"x"]'),
  base64url('["2025-09-30T00:00:00.000Z","not-a-uuid"]'),
  base64url('["not a date","0199a000-0000-7000-8000-000000000000"]'),
  base64url('["0000-01-01T00:00:00Z","0199a000-0000-7000-8000-000000000000"]'),
];
const forgedCursor = fc.oneof(
  fc.constantFrom(...FORGED_CURSORS),
  fc
    .tuple(fc.oneof(fc.constant(null), nastyString, badDate, fc.integer()), fc.oneof(fc.uuid(), nastyString))
    .map((pair) => base64url(JSON.stringify(pair))),
);

/** One character that needs care: NUL, other controls, half a surrogate pair. */
const nastyChar = fc.constantFrom('\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\ud800', '\udfff', '\ud83d');

const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  nastyString,
  badDate,
  fc.constantFrom(1e308, -1e308, 2 ** 63, -(2 ** 63), Number.MAX_SAFE_INTEGER + 2, -1, 0, 0.5, 1e-300),
  fc.constantFrom(null, true, false, [], {}, [[[[[]]]]], { a: { b: { c: {} } } }),
  fc.constant('x'.repeat(12_000)),
);

const PLAIN_URLS = ['https://app.example.com/reports', 'https://app.example.com/reports/42?tab=1', 'http://localhost:3000/'];

/** Values that fit a schema, for the fuzzer to break one or two places of. */
function fitting(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices) return fc.oneof(...choices.map((s) => fitting(s, depth)));
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      if (depth > 6) return fc.constant({});
      const properties = schema.properties ?? {};
      const shape = Object.fromEntries(Object.entries(properties).map(([key, s]) => [key, fitting(s, depth + 1)]));
      const record = fc.record(shape, { requiredKeys: (schema.required ?? []).filter((k) => k in properties) });
      if (typeof schema.additionalProperties !== 'object') return record;
      const keys = schema.propertyNames ? fitting(schema.propertyNames, depth + 1) : fc.string({ minLength: 1, maxLength: 8 });
      const extra = fc.dictionary(keys as fc.Arbitrary<string>, fitting(schema.additionalProperties, depth + 1), { maxKeys: 3 });
      return fc.tuple(record, extra).map(([a, b]) => ({ ...b, ...a }));
    }
    case 'array': {
      if (depth > 6) return fc.constant([]);
      const minLength = schema.minItems ?? 0;
      return fc.array(fitting(schema.items ?? {}, depth + 1), { minLength, maxLength: Math.max(minLength, Math.min(schema.maxItems ?? 2, 2)) });
    }
    case 'string':
      return fittingString(schema);
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -5, max: schema.maximum ?? 1_000 });
    case 'number':
      return fc.double({ min: schema.minimum ?? -5, max: schema.maximum ?? 1_000, noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return fc.constant('x');
  }
}

const recent = fc.date({ min: new Date('2025-09-24T00:00:00Z'), max: new Date('2025-09-30T09:59:00Z'), noInvalidDate: true });

function fittingString(schema: JsonSchema): fc.Arbitrary<string> {
  switch (schema.format) {
    case 'uuid':
      return fc.uuid({ version: 7 });
    case 'date-time':
      return recent.map((d) => d.toISOString());
    case 'date':
      return recent.map((d) => d.toISOString().slice(0, 10));
    case 'uri':
      // URL parsing lets controls and lone surrogates through: half the URLs end in one.
      return fc.oneof(fc.constantFrom(...PLAIN_URLS), fc.tuple(fc.constantFrom(...PLAIN_URLS), nastyChar).map(([url, bad]) => url + bad));
    case 'email':
      return fc.constantFrom('fuzz@example.com', 'a.b@example.org');
  }
  if (schema.pattern) {
    try {
      return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length <= (schema.maxLength ?? 500));
    } catch {
      // a pattern fast-check cannot generate from: plain text below
    }
  }
  // Free text: half the time with a control character or half a surrogate pair somewhere in it,
  // so one run probes every text field of a body at once.
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.max(minLength, Math.min(schema.maxLength ?? 30, 30));
  const plain = fc.string({ minLength, maxLength });
  const tainted = fc
    .tuple(fc.string({ minLength: Math.max(minLength - 1, 0), maxLength: Math.max(maxLength - 2, 0) }), nastyChar, fc.nat())
    .map(([text, bad, at]) => text.slice(0, at % (text.length + 1)) + bad + text.slice(at % (text.length + 1)));
  return fc.oneof(plain, tainted);
}

type Path = (string | number)[];

/** Every place in a JSON value, root first. */
function places(value: unknown, path: Path = [], out: Path[] = []): Path[] {
  out.push(path);
  if (Array.isArray(value)) value.forEach((v, i) => places(v, [...path, i], out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) places(v, [...path, k], out);
  return out;
}

/** A copy of `value` with the place at `path` replaced, or removed when `next` is undefined. */
function replaced(value: unknown, path: Path, next: unknown): unknown {
  if (path.length === 0) return next;
  const [head, ...rest] = path;
  if (Array.isArray(value)) {
    const copy = [...value];
    if (rest.length === 0 && next === undefined) copy.splice(head as number, 1);
    else copy[head as number] = replaced(copy[head as number], rest, next);
    return copy;
  }
  const copy = { ...(value as object) } as { [key: string]: unknown };
  if (rest.length === 0 && next === undefined) delete copy[head as string];
  else copy[head as string] = replaced(copy[head as string], rest, next);
  return copy;
}

/** One break of a generated value: a place (by index) and what goes there (undefined removes it). */
const breakage = fc.record({ at: fc.nat(), with: fc.option(nastyValue, { nil: undefined, freq: 4 }) });

/**
 * A request body: a fitting value broken in one to three places, or text that is not JSON at all.
 * Only bodies that no schema could accept must fail (not JSON, or no object where one is
 * documented): a broken value may still be valid, e.g. text whose NUL the schema drops.
 */
function bodyCase(schema: JsonSchema, documented: boolean) {
  return fc.oneof(
    { weight: 8, arbitrary: fc.record({ value: fitting(schema), breaks: fc.array(breakage, { minLength: 1, maxLength: 3 }) }).map(({ value, breaks }) => {
      let body = value;
      let mustFail = false;
      for (const b of breaks) {
        const all = places(body);
        const path = all[b.at % all.length] as Path;
        const next = path.length === 0 && b.with === undefined ? null : b.with;
        if (path.length === 0) mustFail = documented && schema.type === 'object' && (next === null || typeof next !== 'object' || Array.isArray(next));
        body = replaced(body, path, next);
      }
      return { text: JSON.stringify(body), mustFail };
    }) },
    { weight: 1, arbitrary: fc.constantFrom('{', '{"id":', 'nul', '[1,', '{"a":1}}', '\u0000', '"\\ud800"', '{"problem":"\\u0000"').map((text) => ({ text, mustFail: documented })) },
  );
}

/** Percent-encode, writing a lone surrogate as the bytes a careless client would send (WTF-8). */
function encode(text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    if (cp >= 0xd800 && cp <= 0xdfff) {
      out += [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    } else out += encodeURIComponent(ch);
  }
  return out;
}

/** Query parameters: each absent, fitting, or broken; the cursor forged and dates out of range more often. */
function queryCase(parameters: Parameter[]) {
  const query = parameters.filter((p) => p.in === 'query');
  const entries = query.map((p) => {
    const special = p.name === 'cursor' ? forgedCursor : p.name === 'from' || p.name === 'to' ? badDate : undefined;
    const value = fc.oneof(
      { weight: 1, arbitrary: fitting(p.schema).map(String) },
      { weight: 1, arbitrary: nastyString },
      ...(special ? [{ weight: 3, arbitrary: special }] : []),
    );
    return fc.option(value, { nil: undefined, freq: 4 });
  });
  return fc.tuple(...entries).map((values) =>
    query
      .map((p, i) => (values[i] === undefined ? '' : `${encode(p.name)}=${encode(values[i] as string)}`))
      .filter(Boolean)
      .join('&'),
  );
}

/** Header values must be ASCII; these are wrong in every other way. */
const ifMatch = fc.constantFrom('"1"', '1', 'W/"1"', '"-1"', '"0"', '"99999999999999999999999"', '"1e400"', '*', '"abc"', '');

describe.each(TEST_STORES)('fuzzing every operation of the OpenAPI document on $name', (store) => {
  let database: Database;
  let t: ReturnType<typeof testApp>;
  let operations: Operation[];
  let admin: Awaited<ReturnType<typeof staff>>;
  const known: { [prefix: string]: string[] } = {};
  let widgetHeaders: { [name: string]: string };

  beforeAll(async () => {
    database = await store.open();
    t = testApp(database, { now: new Date('2025-09-30T10:00:00Z') });
    admin = await staff(database, 'admin', 'CS');
    // Targets of path parameters that are not the credentials in use, so the fuzzer may disable,
    // rotate or revoke them without locking itself out.
    const other = await createUser(database.db, { email: 'target@example.com', name: 'Target', role: 'agent', department: 'CS', password: 'correct horse battery staple' });
    const site = await createSiteKey(database.db, { name: 'Fuzz', department: 'WEB', allowedOrigins: [ORIGIN], ratePerMinute: 1_000_000 });
    const target = await createSiteKey(database.db, { name: 'Target', department: 'WEB', allowedOrigins: [ORIGIN], ratePerMinute: 10 });
    const record = recordInput();
    const created = await t.app.request('/api/v1/records', json('POST', record, admin.auth));
    const { record: stored } = (await created.json()) as { record: { recordNumber: string } };
    const campaign = await t.app.request('/api/v1/campaigns', json('POST', {
      goal: 'Improve the export flow',
      targetCustomers: 'Everyone',
      categories: ['feature_request'],
      period: { label: '2025 Q3' },
    }, admin.auth));
    const campaignId = ((await campaign.json()) as { campaign: { id: string } }).campaign.id;
    known['records'] = [record.id, stored.recordNumber];
    known['users'] = [other.id];
    known['site-keys'] = [target.siteKey.id];
    known['campaigns'] = [campaignId];
    widgetHeaders = {
      origin: ORIGIN,
      'x-echobox-site-key': site.siteKey.key,
      'x-echobox-reporter': `anon ${READER_SECRET}, token ${signIdentity({ sub: 'u-1', exp: Math.floor(Date.parse('2025-09-30T12:00:00Z') / 1000) }, site.identitySecret)}`,
    };
    const doc = (await (await t.app.request('/api/openapi.json')).json()) as {
      paths: { [path: string]: { [method: string]: { security: { [scheme: string]: unknown }[]; parameters?: Parameter[]; requestBody?: { content: { 'application/json'?: { schema: JsonSchema } } } } } };
    };
    operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        security: op.security.some((s) => 'siteKey' in s) ? 'site' : op.security.length ? 'staff' : 'none',
        parameters: op.parameters ?? [],
        // Raw uploads (attachments) document their media types instead; their bytes are fuzzed elsewhere.
        ...(op.requestBody?.content['application/json'] ? { body: op.requestBody.content['application/json'].schema } : {}),
      })),
    );
  });
  afterAll(() => database.close());

  /** Path parameter values: the known targets of the resource, unknown ids, and junk. */
  const pathValue = (path: string) => {
    const prefix = path.split('/')[3] ?? '';
    const targets = known[prefix] ?? [];
    return fc.oneof(
      { weight: 3, arbitrary: targets.length ? fc.constantFrom(...targets) : fc.uuid({ version: 7 }) },
      { weight: 1, arbitrary: fc.uuid({ version: 7 }) },
      { weight: 1, arbitrary: fc.stringMatching(/^[0-9a-f]{64}$/) },
      { weight: 2, arbitrary: nastyString.filter((s) => s.length > 0) },
    );
  };

  it('answers generated bad input with a 4xx problem, never a 5xx', { timeout: 240_000 }, async () => {
    expect(operations.length).toBeGreaterThan(50);
    const failures: string[] = [];
    for (const op of operations) {
      const pathParams = op.parameters.filter((p) => p.in === 'path');
      const sendsBody = op.method === 'POST' || op.method === 'PATCH';
      const request = fc.record({
        params: fc.tuple(...pathParams.map(() => pathValue(op.path))),
        query: queryCase(op.parameters),
        body: sendsBody ? bodyCase(op.body ?? { type: 'object' }, op.body !== undefined) : fc.constant(undefined),
        ifMatch,
      });
      const property = fc.asyncProperty(request, async ({ params, query, body, ifMatch: version }) => {
        let url = op.path;
        pathParams.forEach((p, i) => (url = url.replace(`{${p.name}}`, encode(params[i] as string))));
        if (query) url += `?${query}`;
        const headers: { [name: string]: string } = {
          ...(op.security === 'staff' ? admin.auth : op.security === 'site' ? widgetHeaders : {}),
          ...(op.parameters.some((p) => p.name === 'If-Match') ? { 'if-match': version } : {}),
          ...(body ? { 'content-type': 'application/json' } : {}),
        };
        const res = await t.app.request(url, { method: op.method, headers, ...(body ? { body: body.text } : {}) });
        const text = await res.text();
        const where = `${op.method} ${url} ${body?.text.slice(0, 300) ?? ''}`;
        if (res.status >= 500) throw new Error(`${res.status} for ${where}: ${text.slice(0, 300)}`);
        if (res.status >= 400) {
          if (!res.headers.get('content-type')?.startsWith('application/problem+json')) throw new Error(`${res.status} without a problem for ${where}`);
          const problem = problemIn(JSON.parse(text));
          if (!problem) throw new Error(`${res.status} with a body that is not a problem for ${where}: ${text.slice(0, 300)}`);
          // One code, one status (shared/schemas/error-codes.ts), whichever route answered.
          if (problem.status !== res.status || ERROR_STATUS[problem.code] !== res.status) throw new Error(`${res.status} ${problem.code} (table: ${ERROR_STATUS[problem.code]}) for ${where}`);
        } else if (body?.mustFail) {
          throw new Error(`${res.status} for a body that cannot be valid: ${where}`);
        }
      });
      try {
        // Every known attack on a query parameter is tried once, whatever the generator picks.
        const attacks = op.parameters
          .filter((p) => p.in === 'query')
          .flatMap((p) => (p.name === 'cursor' ? FORGED_CURSORS : p.name === 'from' || p.name === 'to' ? BAD_DATES : []).map((v) => `${p.name}=${encode(v)}`));
        const examples = attacks.map((query) => [
          { params: pathParams.map(() => known[op.path.split('/')[3] ?? '']?.[0] ?? '0199a000-0000-7000-8000-000000000000'), query, body: undefined, ifMatch: '"1"' },
        ]) as never[];
        await fc.assert(property, { seed: SEED, numRuns: RUNS, endOnFailure: true, examples });
      } catch (error) {
        const cause = (error as Error & { cause?: unknown }).cause;
        failures.push(`${op.method} ${op.path}: ${cause instanceof Error ? cause.message : (error as Error).message.slice(0, 600)}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
