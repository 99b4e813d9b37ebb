import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../server/db/open';
import { testApp } from './support/app';

describe('GET /api/openapi.json', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openDatabase({ memory: true });
  });
  afterAll(() => database.close());

  it('documents every route from the shared schemas', async () => {
    const { app } = testApp(database);
    const res = await app.request('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown>; required?: string[] } }> }; parameters?: Array<{ name: string }> }>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    const create = doc.paths['/api/v1/records']?.post?.requestBody?.content['application/json']?.schema;
    expect(create?.required).toEqual(expect.arrayContaining(['id', 'department', 'problem', 'contactConsent']));
    expect(Object.keys(create?.properties ?? {})).toContain('expectedSolution');
    const submission = doc.paths['/api/v1/public/submissions']?.post?.requestBody?.content['application/json']?.schema;
    expect(submission?.required).toContain('problem');
    expect(doc.paths['/api/v1/records']?.get?.parameters?.map((p) => p.name)).toEqual(expect.arrayContaining(['status', 'q', 'cursor', 'overdue']));
    expect(doc.paths['/api/v1/records/{id}']?.patch?.parameters?.map((p) => p.name)).toContain('If-Match');
  });
});

describe('OpenAPI completeness', () => {
  it('documents every route the app serves', async () => {
    const database = await openDatabase({ memory: true });
    try {
      const { app } = testApp(database);
      const doc = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
      const documented = new Set(
        Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`)),
      );
      const served = app.routes
        // The API surface; static assets (widget files, demo page) are not API operations.
        .filter((r) => r.method !== 'ALL' && !r.path.includes('*') && r.path.startsWith('/api/v1/'))
        .map((r) => `${r.method} ${r.path.replace(/:(\w+)\{[^}]*\}/g, ':$1')}`);
      const normalise = (route: string) => route.replace(/:\w+/g, ':p');
      const documentedNorm = new Set([...documented].map(normalise));
      const missing = [...new Set(served.map(normalise))].filter((r) => !documentedNorm.has(r));
      expect(served.length).toBeGreaterThan(50);
      expect(missing).toEqual([]);
    } finally {
      await database.close();
    }
  });
});

type SchemaNode = { [key: string]: unknown };
type Doc = {
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema?: SchemaNode }> }; responses: Record<string, { content?: Record<string, { schema?: SchemaNode }> }> }>>;
};

/** Paths inside a JSON schema where a node says nothing (`{}`): a value a client could not rely on. */
function emptyNodes(node: unknown, at = '#'): string[] {
  if (typeof node !== 'object' || node === null) return [];
  const schema = node as SchemaNode;
  if (Object.keys(schema).length === 0) return [at];
  const found: string[] = [];
  for (const key of ['items', 'additionalProperties', 'not', 'propertyNames'] as const) {
    if (typeof schema[key] === 'object') found.push(...emptyNodes(schema[key], `${at}/${key}`));
  }
  for (const key of ['anyOf', 'oneOf', 'allOf', 'prefixItems'] as const) {
    (schema[key] as unknown[] | undefined)?.forEach((s, i) => found.push(...emptyNodes(s, `${at}/${key}/${i}`)));
  }
  for (const [name, s] of Object.entries((schema.properties ?? {}) as SchemaNode)) found.push(...emptyNodes(s, `${at}/properties/${name}`));
  return found;
}

/** Actions that take no body: the path names all they need. */
const BODYLESS = /\/(logout|activate|deactivate|unmerge|undo|rotate|rotate-key|reporter-ids|retry|read|revoke|test)$/;

describe('OpenAPI: every operation documents what it takes and answers', () => {
  let doc: Doc;
  beforeAll(async () => {
    const database = await openDatabase({ memory: true });
    try {
      doc = (await (await testApp(database).app.request('/api/openapi.json')).json()) as Doc;
    } finally {
      await database.close();
    }
  });

  it('gives each success a schema (no empty or unknown node) and each write its request body', () => {
    const problems: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const name = `${method.toUpperCase()} ${path}`;
        const successes = Object.entries(op.responses).filter(([status]) => status.startsWith('2'));
        if (successes.length === 0) problems.push(`${name}: no success response`);
        for (const [status, response] of successes) {
          if (status === '204') {
            if (response.content) problems.push(`${name} ${status}: a body on 204`);
            continue;
          }
          const contents = Object.entries(response.content ?? {});
          if (contents.length === 0) problems.push(`${name} ${status}: no content`);
          for (const [type, { schema }] of contents) {
            if (!schema) problems.push(`${name} ${status} ${type}: no schema`);
            else if (type.endsWith('json')) problems.push(...emptyNodes(schema).map((at) => `${name} ${status}: empty schema at ${at}`));
          }
        }
        for (const [status, response] of Object.entries(op.responses).filter(([s]) => Number(s) >= 400)) {
          if (!response.content?.['application/problem+json']?.schema) problems.push(`${name} ${status}: no problem schema`);
        }
        if (['post', 'put', 'patch'].includes(method) && !BODYLESS.test(path)) {
          const body = op.requestBody?.content;
          if (!body || Object.keys(body).length === 0) problems.push(`${name}: request body undocumented`);
          for (const [type, { schema }] of Object.entries(body ?? {})) {
            if (!schema) problems.push(`${name} ${type}: no request schema`);
            else if (type.endsWith('json')) problems.push(...emptyNodes(schema).map((at) => `${name} request: empty schema at ${at}`));
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('describes campaigns and surveys as the routes answer them: the document under its name', () => {
    const schemaOf = (path: string, method: string, status = '200') =>
      doc.paths[path]?.[method]?.responses[status]?.content?.['application/json']?.schema as { required?: string[] } | undefined;
    expect(schemaOf('/api/v1/campaigns/{id}', 'get')?.required).toEqual(['campaign']);
    expect(schemaOf('/api/v1/campaigns/{id}', 'patch')?.required).toEqual(['campaign']);
    expect(schemaOf('/api/v1/surveys/{id}', 'patch')?.required).toEqual(['survey']);
    expect(schemaOf('/api/v1/surveys', 'post', '201')?.required).toEqual(['status', 'survey']);
    const patch = doc.paths['/api/v1/campaigns/{id}']?.patch?.requestBody?.content['application/json']?.schema as { properties?: object; required?: string[] };
    expect(Object.keys(patch.properties ?? {})).toEqual(expect.arrayContaining(['goal', 'period', 'categories']));
    expect(patch.required ?? []).toEqual([]);
  });
});
