import { Hono, type Context } from 'hono';
import * as z from 'zod/mini';
import type { AppEnv } from '../context';
import { problem, type ApiError } from '../errors';
import { declaredAttachmentType, isInlineType, sniffAttachmentType, ATTACHMENT_TYPES } from '../attachments/sniff';
import { getAttachment, putAttachment } from '../store/attachments';
import { staffAuth } from '../middleware/staff-auth';
import { requirePermission } from '../middleware/require-permission';
import { siteKey } from '../middleware/site-key';
import { siteRateLimit } from '../middleware/rate-limit';
import { validate } from '../middleware/validate';
import { LIMITS, Sha256Hex } from '../../shared/schemas/common';
import { SCREENSHOT_TYPES } from '../../shared/schemas/attachment';

function tooLarge(limit: number): ApiError {
  return problem('payload_too_large', { detail: `The attachment is larger than ${limit} bytes.`, limit });
}

/**
 * Read the raw body, refusing it (413) as soon as it is known to exceed `limit`: from
 * Content-Length before reading anything, and while streaming for bodies that omit or lie about it.
 */
async function readLimited(request: Request, limit: number): Promise<Uint8Array> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > limit) throw tooLarge(limit);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * Shared by the staff and widget uploads: check size and type by content, then store. The widget
 * only ever sends screenshots, so a site key may upload screenshot images only, at most a
 * screenshot's size, within its site's storage quota.
 */
async function upload(c: Context<AppEnv>, from: 'staff' | 'site') {
  const { db, config, now } = c.get('deps');
  const accepted: readonly string[] = from === 'site' ? SCREENSHOT_TYPES : ATTACHMENT_TYPES;
  const declared = declaredAttachmentType(c.req.header('content-type'));
  if (!declared || !accepted.includes(declared)) {
    throw problem('unsupported_media_type', { detail: 'This file type is not accepted.', accepted });
  }
  const limit = from === 'site' ? Math.min(config.maxAttachmentBytes, LIMITS.screenshotBytes) : config.maxAttachmentBytes;
  const bytes = await readLimited(c.req.raw, limit);
  if (bytes.byteLength === 0) {
    throw problem('validation_failed', { detail: 'The attachment is empty.', errors: [{ path: [], code: 'too_small', message: 'The body must not be empty.' }] });
  }
  const actual = sniffAttachmentType(bytes);
  if (actual !== declared) {
    throw problem('unsupported_media_type', {
      detail: `The content is not ${declared}.`,
      declared,
      detected: actual ?? null,
    });
  }
  const site = from === 'site' ? { id: c.get('site').id, quotaBytes: config.siteStorageQuotaBytes } : undefined;
  const { created, ...stored } = await putAttachment(db, bytes, actual, { now: now(), ...(site ? { site } : {}) });
  c.header('Location', `/api/v1/attachments/${stored.sha256}`);
  return c.json(stored, created ? 201 : 200);
}

/**
 * Attachments, content-addressed by SHA-256: staff upload and read them, the widget may only
 * upload (screenshots). The raw bytes are the body; the type is checked by content, not trusted.
 */
export const attachments = new Hono<AppEnv>()
  .post('/api/v1/attachments', staffAuth(), requirePermission('record.create'), (c) => upload(c, 'staff'))
  .post('/api/v1/public/attachments', siteKey({ allowQuery: false }), siteRateLimit(), (c) => upload(c, 'site'))
  .get(
    '/api/v1/attachments/:sha256',
    staffAuth(),
    requirePermission('record.read'),
    validate('param', z.object({ sha256: Sha256Hex })),
    async (c) => {
      const found = await getAttachment(c.get('deps').db, c.req.valid('param').sha256);
      if (!found) throw problem('not_found', { detail: 'The attachment was not found.' });
      return c.body(found.bytes as Uint8Array<ArrayBuffer>, 200, {
        'Content-Type': found.mimeType === 'text/plain' ? 'text/plain; charset=utf-8' : found.mimeType,
        'Content-Length': String(found.size),
        'Content-Disposition': isInlineType(found.mimeType) ? 'inline' : 'attachment',
        'X-Content-Type-Options': 'nosniff',
        // Content-addressed bytes never change; private because reading needs a staff role.
        'Cache-Control': 'private, max-age=31536000, immutable',
        ETag: `"${found.sha256}"`,
        // Even if a browser were talked into rendering it, the document gets no script or origin.
        'Content-Security-Policy': "default-src 'none'; sandbox",
      });
    },
  );
