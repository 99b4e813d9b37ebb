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
