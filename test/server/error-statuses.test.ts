import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_STORES } from './support/databases';
import { json, staff, testApp } from './support/app';
import { recordInput } from './support/fixtures';
import type { Database } from '../../server/db/open';
import { onError, problem } from '../../server/errors';
import { createLogger } from '../../server/logging/logger';
import { ERROR_CODES, ERROR_STATUS, type ErrorCode, type ServerErrorCode } from '../../shared/schemas/error-codes';
import { problemIn } from '../../shared/schemas/problem';

/*
 * One code, one status: every code the server can answer with is in the table with an HTTP status,
 * and every answer carries its code's status, whichever code path raised it.
 */

const ROOT = join(__dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

const FAIL_CODES: Record<string, ErrorCode> = { validation: 'validation_failed', notFound: 'not_found', forbidden: 'forbidden', unauthenticated: 'unauthenticated' };

/** Every code the server's sources and the domain rules it answers with name, by file. */
function namedCodes(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const add = (code: string, file: string) => found.set(code, [...(found.get(code) ?? []), file]);
  for (const file of [...sources(join(ROOT, 'server')), ...sources(join(ROOT, 'shared', 'domain'))]) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\b(?:problem|err)\(\s*'([a-z_]+)'/g)) add(m[1]!, file);
    for (const m of text.matchAll(/\bfail\.(\w+)\(/g)) add(FAIL_CODES[m[1]!] ?? `fail.${m[1]}`, file);
  }
  return found;
}

describe('error statuses', () => {
  it('finds every code the server names in the table, with an HTTP status', () => {
    const named = namedCodes();
    expect(named.size).toBeGreaterThan(15);
    for (const [code, files] of named) {
      expect(ERROR_CODES, `${code} in ${files.join(', ')}`).toContain(code);
      expect(ERROR_STATUS[code as ErrorCode], code).toBeGreaterThanOrEqual(400);
    }
  });

  it('leaves the status to the table: no call site picks one', () => {
    for (const file of sources(join(ROOT, 'server'))) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/new ApiError\(\s*\d/);
      expect(text, file).not.toMatch(/problem\(\s*\d/);
      // A hand-made error body or head with a status number would bypass the table.
      expect(text, file).not.toMatch(/c\.json\(\s*\{[^}]*\bcode:[^)]*,\s*[45]\d\d\s*\)/);
      expect(text, file).not.toMatch(/status: [45]\d\d\b|writeHead\([45]\d\d\b/);
    }
  });

  it('answers each server code with its status as problem+json', async () => {
    const app = new Hono();
    app.onError(onError(createLogger({ level: 'silent' })));
    app.get('/:code', (c) => {
      throw problem(c.req.param('code') as ServerErrorCode, { detail: 'Something happened.', errors: [{ path: ['a', 0], code: 'too_small', message: 'Too small.' }] });
    });
    for (const code of ERROR_CODES.filter((c) => ERROR_STATUS[c] !== 0)) {
      const res = await app.request(`/${code}`);
      expect(res.status, code).toBe(ERROR_STATUS[code]);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const body = (await res.json()) as Record<string, unknown>;
      expect(problemIn(body), code).toBeDefined();
      expect(body).toMatchObject({ type: `https://echobox.dev/problems/${code}`, status: ERROR_STATUS[code], code, detail: 'Something happened.', errors: [{ path: ['a', 0] }] });
      expect(body.title, code).not.toBe('Error');
    }
  });
});

describe.each(TEST_STORES)('error statuses through the API on $name', (store) => {
  let database: Database;
  let t: ReturnType<typeof testApp>;
  let agent: Awaited<ReturnType<typeof staff>>;

  beforeAll(async () => {
    database = await store.open();
    t = testApp(database, { now: new Date('2025-09-30T10:00:00Z') });
    agent = await staff(database, 'agent', 'CS');
  });
  afterAll(async () => {
    await database.close();
  });

  it('answers each failure with the status of its code', async () => {
    const created = await t.app.request('/api/v1/records', json('POST', recordInput(), agent.auth));
    expect(created.status).toBe(201);
    const { record } = (await created.json()) as { record: { id: string } };
    const cases: Array<[ErrorCode, string, RequestInit]> = [
      ['unauthenticated', '/api/v1/records', {}],
      ['forbidden', '/api/v1/users', { headers: agent.auth }],
      ['not_found', '/api/v1/no-such-route', { headers: agent.auth }],
      ['invalid_json', '/api/v1/records', json('POST', '{"problem":', agent.auth)],
      ['unsupported_media_type', '/api/v1/records', { method: 'POST', headers: { ...agent.auth, 'content-type': 'text/plain' }, body: 'hi' }],
      ['validation_failed', '/api/v1/records', json('POST', { problem: '' }, agent.auth)],
      ['precondition_required', `/api/v1/records/${record.id}`, json('PATCH', { notes: '已电话回访' }, agent.auth)],
      ['version_conflict', `/api/v1/records/${record.id}`, json('PATCH', { notes: '已电话回访' }, { ...agent.auth, 'if-match': '"7"' })],
      ['invalid_transition', `/api/v1/records/${record.id}/progress`, json('POST', { milestone: 'development_testing', note: '开发中' }, agent.auth)],
      ['unknown_site_key', '/api/v1/public/submissions', json('POST', {}, { 'x-echobox-site-key': 'pk_live_nobody', origin: 'https://app.example.com' })],
    ];
    for (const [code, path, init] of cases) {
      const res = await t.app.request(path, init);
      const body = (await res.json()) as { code: string; status: number };
      expect({ path, code: body.code }).toEqual({ path, code });
      expect(res.status, code).toBe(ERROR_STATUS[code]);
      expect(body.status, code).toBe(res.status);
    }
  });
});
