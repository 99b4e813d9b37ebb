import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { TEST_STORES } from './support/databases';
import { staff, testApp } from './support/app';
import type { Database } from '../../server/db/open';
import { attachments } from '../../server/db/schema';
import { createSiteKey } from '../../server/store/site-keys';
import { createToken, createUser } from '../../server/store/users';
import { SITE_KEY_HEADER } from '../../server/middleware/site-key';
import { SCREENSHOT_TYPES } from '../../shared/schemas/attachment';

const SHOP = 'https://shop.example.com';
const b64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));
const utf8 = (text: string) => new TextEncoder().encode(text);
const concat = (...parts: (number[] | Uint8Array)[]) => new Uint8Array(parts.flatMap((p) => [...p]));
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const u32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];

/** Real 1x1 images (checked with file(1)). */
const PNG = b64('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==');
const JPEG = b64(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
);
const GIF = b64('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7');
const WEBP = b64('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==');

/** A one-page PDF with a correct cross-reference table. */
function tinyPdf(): Uint8Array {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 72 72] >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return utf8(out);
}

/** The head of an ISO-BMFF file: an ftyp box with the given major brand, then an empty mdat. */
function isoBmff(brand: string): Uint8Array {
  const ftyp = concat(u32(24), utf8('ftyp'), utf8(brand), u32(0x200), utf8(brand), utf8('mp41'));
  return concat(ftyp, u32(8), utf8('mdat'));
}

/** An EBML header with the given DocType, then a Segment of unknown size (how recorders start a stream). */
function ebml(docType: string): Uint8Array {
  const element = (id: number[], data: number[]) => [...id, 0x80 | data.length, ...data];
  const body = [
    ...element([0x42, 0x86], [1]),
    ...element([0x42, 0xf7], [1]),
    ...element([0x42, 0xf2], [4]),
    ...element([0x42, 0xf3], [8]),
    ...element([0x42, 0x82], [...utf8(docType)]),
    ...element([0x42, 0x87], [4]),
    ...element([0x42, 0x85], [2]),
  ];
  return concat([0x1a, 0x45, 0xdf, 0xa3, 0x80 | body.length], body, [0x18, 0x53, 0x80, 0x67, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
}

const TEXT = utf8('客户多次提及问题未解决 (customer raised the unresolved issue several times)\n');

const ALLOWED: [string, Uint8Array][] = [
  ['image/png', PNG],
  ['image/jpeg', JPEG],
  ['image/webp', WEBP],
  ['image/gif', GIF],
  ['application/pdf', tinyPdf()],
  ['video/mp4', isoBmff('isom')],
  ['video/webm', ebml('webm')],
  ['text/plain', TEXT],
];

describe.each(TEST_STORES)('attachments on $name', (store) => {
  let database: Database;
  let agent: Record<string, string>;
  let guest: Record<string, string>;
  let siteKey: string;

  beforeAll(async () => {
    database = await store.open();
    agent = (await staff(database, 'agent')).auth;
    // A role outside the permission matrix (e.g. left over from an older release) holds no permission.
    const user = await createUser(database.db, { email: 'guest@example.com', name: 'Guest', role: 'guest' as never, department: 'CS' });
    guest = { authorization: `Bearer ${(await createToken(database.db, user.id, 'test')).token}` };
    siteKey = (await createSiteKey(database.db, { name: 'Shop', department: 'CS', allowedOrigins: [SHOP], ratePerMinute: 2 }))
      .siteKey.key;
  });
  afterAll(() => database.close());

  const rows = async () => (await database.db.select({ n: count() }).from(attachments))[0]!.n;
  const upload = (
    type: string | undefined,
    bytes: Uint8Array | ReadableStream<Uint8Array>,
    headers: Record<string, string> = agent,
  ): RequestInit => ({
    method: 'POST',
    headers: { ...(type ? { 'content-type': type } : {}), ...headers },
    body: bytes as BodyInit,
  });

  describe('staff upload', () => {
    it.each(ALLOWED)('stores %s, checked by content, under its SHA-256', async (type, bytes) => {
      const { app } = testApp(database);
      const res = await app.request('/api/v1/attachments', upload(type, bytes));
      expect(res.status).toBe(201);
      const body = await res.json();
      expect(body).toEqual({ sha256: sha(bytes), mimeType: type, size: bytes.byteLength });
      expect(res.headers.get('location')).toBe(`/api/v1/attachments/${sha(bytes)}`);
      const [row] = await database.db.select().from(attachments).where(eq(attachments.sha256, sha(bytes)));
      expect(row?.mimeType).toBe(type);
      expect(Buffer.from(row!.bytes).equals(Buffer.from(bytes))).toBe(true);
    });

    it('accepts a UTF-8 charset on text/plain and stores the bare type', async () => {
      const { app } = testApp(database);
      const bytes = utf8('charset test 备注\n');
      const res = await app.request('/api/v1/attachments', upload('text/plain; charset=UTF-8', bytes));
      expect(res.status).toBe(201);
      expect((await res.json()).mimeType).toBe('text/plain');
    });

    it.each([
      ['a PNG declared as PDF', 'application/pdf', PNG],
      ['a PDF declared as PNG', 'image/png', tinyPdf()],
      ['a GIF declared as text', 'text/plain', GIF],
      ['text with a NUL byte', 'text/plain', utf8('abc\u0000def')],
      ['text that is not UTF-8', 'text/plain', new Uint8Array([0x61, 0xc3, 0x28, 0x62])],
      ['text in a non-UTF-8 charset', 'text/plain; charset=iso-8859-1', utf8('hello')],
      ['Matroska declared as WebM', 'video/webm', ebml('matroska')],
      ['a HEIC image declared as MP4', 'video/mp4', isoBmff('heic')],
      ['QuickTime declared as MP4', 'video/mp4', isoBmff('qt  ')],
      ['an SVG', 'image/svg+xml', utf8('<svg xmlns="http://www.w3.org/2000/svg"/>')],
      ['HTML', 'text/html', utf8('<script>alert(1)</script>')],
      ['a missing content type', undefined, PNG],
      ['random bytes declared as JPEG', 'image/jpeg', new Uint8Array([0xff, 0xd8, 0x00, 0x01])],
    ])('answers 415 unsupported_media_type for %s and stores nothing', async (_label, type, bytes) => {
      const { app } = testApp(database);
      const before = await rows();
      const res = await app.request('/api/v1/attachments', upload(type, bytes));
      expect(res.status).toBe(415);
      expect((await res.json()).code).toBe('unsupported_media_type');
      expect(await rows()).toBe(before);
    });

    it('refuses an empty body', async () => {
      const { app } = testApp(database);
      const before = await rows();
      const res = await app.request('/api/v1/attachments', upload('text/plain', new Uint8Array(0)));
      expect(res.status).toBe(400);
      expect((await res.json()).code).toBe('validation_failed');
      expect(await rows()).toBe(before);
    });

    describe('size limit', () => {
      const limit = 1024;
      const text = (n: number) => utf8('x'.repeat(n));

      it('accepts exactly maxAttachmentBytes', async () => {
        const { app } = testApp(database, { config: { maxAttachmentBytes: limit } });
        const res = await app.request('/api/v1/attachments', upload('text/plain', text(limit)));
        expect(res.status).toBe(201);
      });

      it('answers 413 payload_too_large while streaming a body without Content-Length', async () => {
        const { app } = testApp(database, { config: { maxAttachmentBytes: limit } });
        const before = await rows();
        const res = await app.request('/api/v1/attachments', upload('text/plain', text(limit + 1)));
        expect(res.status).toBe(413);
        expect(await res.json()).toMatchObject({ code: 'payload_too_large', limit });
        expect(await rows()).toBe(before);
      });

      it('answers 413 from Content-Length before reading the body', async () => {
        const { app } = testApp(database, { config: { maxAttachmentBytes: limit } });
        let pulls = 0;
        const stream = new ReadableStream<Uint8Array>({
          pull(controller) {
            pulls++;
            controller.enqueue(text(512));
            if (pulls > 4) controller.close();
          },
        });
        const before = await rows();
        const res = await app.request('/api/v1/attachments', {
          ...upload('text/plain', stream, { ...agent, 'content-length': String(limit * 5) }),
          duplex: 'half',
        } as RequestInit);
        expect(res.status).toBe(413);
        expect((await res.json()).code).toBe('payload_too_large');
        expect(pulls).toBeLessThanOrEqual(1); // the stream may prime once; nothing is consumed
        expect(await rows()).toBe(before);
      });

      it('stops reading a streamed body as soon as it passes the limit', async () => {
        const { app } = testApp(database, { config: { maxAttachmentBytes: limit } });
        let pulls = 0;
        const stream = new ReadableStream<Uint8Array>({
          pull(controller) {
            pulls++;
            controller.enqueue(text(512));
            if (pulls >= 100) controller.close();
          },
        });
        const res = await app.request('/api/v1/attachments', { ...upload('text/plain', stream), duplex: 'half' } as RequestInit);
        expect(res.status).toBe(413);
        expect(pulls).toBeLessThan(10);
      });
    });

    it('is idempotent: the same bytes twice give the same digest, 201 then 200, one row', async () => {
      const { app } = testApp(database);
      const bytes = utf8(`idempotent ${Math.random()}\n`);
      const before = await rows();
      const first = await app.request('/api/v1/attachments', upload('text/plain', bytes));
      const second = await app.request('/api/v1/attachments', upload('text/plain', bytes));
      expect([first.status, second.status]).toEqual([201, 200]);
      expect(await second.json()).toEqual(await first.json());
      expect(await rows()).toBe(before + 1);
    });

    it('stores one row when the same bytes arrive concurrently', async () => {
      const { app } = testApp(database);
      const bytes = utf8(`concurrent ${Math.random()}\n`);
      const before = await rows();
      const answers = await Promise.all([1, 2, 3].map(() => app.request('/api/v1/attachments', upload('text/plain', bytes))));
      expect(answers.map((r) => r.status).sort()).toEqual([200, 200, 201]);
      expect(await rows()).toBe(before + 1);
    });

    it('requires sign-in (401) and the record.create permission (403), storing nothing', async () => {
      const { app } = testApp(database);
      const bytes = utf8(`unauthorised ${Math.random()}\n`);
      const before = await rows();
      const anonymous = await app.request('/api/v1/attachments', upload('text/plain', bytes, {}));
      expect(anonymous.status).toBe(401);
      expect((await anonymous.json()).code).toBe('unauthenticated');
      const forbidden = await app.request('/api/v1/attachments', upload('text/plain', bytes, guest));
      expect(forbidden.status).toBe(403);
      expect((await forbidden.json()).code).toBe('forbidden');
      expect(await rows()).toBe(before);
    });
  });

  describe('fetch back', () => {
    it.each([
      ['image/png', PNG, 'image/png', 'inline'],
      ['application/pdf', tinyPdf(), 'application/pdf', 'attachment'],
      ['video/webm', ebml('webm'), 'video/webm', 'attachment'],
      ['text/plain', TEXT, 'text/plain; charset=utf-8', 'attachment'],
    ])('streams %s back with its stored type, nosniff and disposition', async (type, bytes, contentType, disposition) => {
      const { app } = testApp(database);
      await app.request('/api/v1/attachments', upload(type, bytes));
      const res = await app.request(`/api/v1/attachments/${sha(bytes)}`, { headers: agent });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(contentType);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-disposition')).toBe(disposition);
      expect(res.headers.get('content-length')).toBe(String(bytes.byteLength));
      expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);
    });

    it('answers 404 for an unknown digest and 400 for a malformed one', async () => {
      const { app } = testApp(database);
      const unknown = await app.request(`/api/v1/attachments/${'0'.repeat(64)}`, { headers: agent });
      expect(unknown.status).toBe(404);
      expect((await unknown.json()).code).toBe('not_found');
      const malformed = await app.request(`/api/v1/attachments/${sha(PNG).toUpperCase()}`, { headers: agent });
      expect(malformed.status).toBe(400);
      expect((await malformed.json()).code).toBe('validation_failed');
    });

    it('requires sign-in and record.read', async () => {
      const { app } = testApp(database);
      await app.request('/api/v1/attachments', upload('image/png', PNG));
      expect((await app.request(`/api/v1/attachments/${sha(PNG)}`)).status).toBe(401);
      expect((await app.request(`/api/v1/attachments/${sha(PNG)}`, { headers: guest })).status).toBe(403);
    });
  });

  describe('widget upload', () => {
    const widget = (extra: Record<string, string> = {}) => ({ origin: SHOP, [SITE_KEY_HEADER]: siteKey, ...extra });

    it('stores a screenshot sent with the site key from an allowed origin, with CORS headers', async () => {
      const { app } = testApp(database);
      const res = await app.request('/api/v1/public/attachments', upload('image/webp', WEBP, widget()));
      expect([200, 201]).toContain(res.status);
      expect(await res.json()).toEqual({ sha256: sha(WEBP), mimeType: 'image/webp', size: WEBP.byteLength });
      expect(res.headers.get('access-control-allow-origin')).toBe(SHOP);
    });

    it.each(ALLOWED.filter(([type]) => !(SCREENSHOT_TYPES as readonly string[]).includes(type)))(
      'refuses %s: a site key uploads screenshots (PNG, JPEG, WebP) only',
      async (type, bytes) => {
        const { app } = testApp(database);
        const before = await rows();
        const res = await app.request('/api/v1/public/attachments', upload(type, bytes, widget()));
        expect(res.status).toBe(415);
        expect(await res.json()).toMatchObject({ code: 'unsupported_media_type', accepted: [...SCREENSHOT_TYPES] });
        expect(await rows()).toBe(before);
      },
    );

    it('refuses unknown keys and foreign origins, storing nothing', async () => {
      const { app } = testApp(database);
      const bytes = concat(PNG, utf8(`widget ${Math.random()}`));
      const before = await rows();
      const unknown = await app.request('/api/v1/public/attachments', upload('image/png', bytes, widget({ [SITE_KEY_HEADER]: 'ebx_pk_nope' })));
      expect(unknown.status).toBe(401);
      const foreign = await app.request('/api/v1/public/attachments', upload('image/png', bytes, widget({ origin: 'https://evil.example.net' })));
      expect(foreign.status).toBe(403);
      const noOrigin = await app.request('/api/v1/public/attachments', upload('image/png', bytes, { [SITE_KEY_HEADER]: siteKey }));
      expect(noOrigin.status).toBe(403);
      expect(await rows()).toBe(before);
    });

    it('is rate limited per site key and address', async () => {
      const { app } = testApp(database);
      const send = () => app.request('/api/v1/public/attachments', upload('image/png', concat(PNG, utf8(`rl ${Math.random()}`)), widget()));
      expect((await send()).status).toBe(201);
      expect((await send()).status).toBe(201);
      const before = await rows();
      const limited = await send();
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('60');
      expect(await rows()).toBe(before);
    });

    it('checks type and size like the staff upload', async () => {
      const { app } = testApp(database, { config: { maxAttachmentBytes: 128 } });
      expect((await app.request('/api/v1/public/attachments', upload('application/pdf', PNG, widget()))).status).toBe(415);
      expect((await app.request('/api/v1/public/attachments', upload('image/png', concat(PNG, utf8('y'.repeat(129))), widget()))).status).toBe(413);
    });

    it('cannot read attachments back', async () => {
      const { app } = testApp(database);
      const res = await app.request(`/api/v1/public/attachments/${sha(PNG)}`, { headers: widget() });
      expect(res.status).toBe(404);
      const staffRoute = await app.request(`/api/v1/attachments/${sha(PNG)}`, { headers: widget() });
      expect(staffRoute.status).toBe(401);
    });
  });
});
