import { afterAll, describe, expect, it } from 'vitest';
import { request, type ClientRequest, type IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../server/db/open';
import { attachments } from '../../server/db/schema';
import { seedServerAccess, startServer, type ServerProcess } from './support/server-process';

/*
 * SIGTERM as an orchestrator sends it to a real server process: an upload that is half sent when
 * the signal arrives is finished and stored, nothing new is accepted, and the exit code says
 * whether anything had to be cut off (after the 10 s grace period).
 */

const SLOW = 600_000;
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64 * 1024, 7)]);

/** A staff upload whose headers reached the server (it answered 100 Continue) and whose body is half sent. */
async function halfSentUpload(url: string, token: string) {
  const { hostname, port } = new URL(url);
  const req: ClientRequest = request({
    host: hostname,
    port,
    method: 'POST',
    path: '/api/v1/attachments',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'image/png', 'content-length': PNG.length, expect: '100-continue' },
  });
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.once('response', (res: IncomingMessage) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.once('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.once('error', reject);
    });
    req.once('error', reject);
  });
  // Swallow the rejection until the test looks at it (a cut-off upload rejects by design).
  response.catch(() => {});
  await new Promise<void>((resolve) => req.once('continue', resolve));
  await new Promise<void>((resolve) => req.write(PNG.subarray(0, PNG.length / 2), () => resolve()));
  return { finish: () => req.end(PNG.subarray(PNG.length / 2)), response };
}

/** Resolves once a new TCP connection to `port` is refused: the server stopped listening. */
async function refusesConnections(port: number): Promise<void> {
  for (;;) {
    const refused = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(false);
      });
      socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
    });
    if (refused) return;
    await new Promise((resolve) => setTimeout(resolve, 50)); // poll until the listener is gone
  }
}

async function startSeeded(dataDir: string) {
  const seed = await openDatabase({ dataDir: join(dataDir, 'pglite') });
  const { token } = await seedServerAccess(seed.db);
  await seed.close();
  return { server: await startServer({ dataDir }, { env: { ECHOBOX_DEMO: '0' }, readyTimeoutMs: 300_000 }), token };
}

describe('a server sent SIGTERM', () => {
  const dirs: string[] = [];
  const servers: ServerProcess[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'echobox-shutdown-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.kill()));
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('finishes the upload in flight, refuses new connections, closes the store and exits 0', async () => {
    const dataDir = tempDir();
    const { server, token } = await startSeeded(dataDir);
    servers.push(server);
    const upload = await halfSentUpload(server.url, token);

    server.child.kill('SIGTERM');
    await refusesConnections(server.port);
    upload.finish();

    const answer = await upload.response;
    expect(answer.status, answer.body).toBe(201);
    expect(JSON.parse(answer.body)).toMatchObject({ size: PNG.length, mimeType: 'image/png' });
    expect(await server.exited).toEqual({ code: 0, signal: null });

    // The store was closed cleanly and holds the upload.
    const database = await openDatabase({ dataDir: join(dataDir, 'pglite') });
    try {
      const stored = await database.db.select({ size: attachments.size }).from(attachments);
      expect(stored).toEqual([{ size: PNG.length }]);
    } finally {
      await database.close();
    }
  }, SLOW);

  it('exits non-zero when a request had to be cut off after the grace period', async () => {
    const { server, token } = await startSeeded(tempDir());
    servers.push(server);
    const upload = await halfSentUpload(server.url, token);

    server.child.kill('SIGTERM');
    // The rest of the body never comes: after 10 s the server gives up on it.
    await expect(upload.response).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(await server.exited).toEqual({ code: 1, signal: null });
    expect(server.output()).toMatch(/"cutOff":1/);
  }, SLOW);
});
