import * as z from 'zod/mini';
import { Sha256Hex } from './common';
import { MimeType } from './attachment';

// Its own file: the widget bundles attachment.ts, and every schema there costs it bytes.
/** `POST /api/v1/attachments` and `/public/attachments`: 201 stored now, 200 the same bytes were there already. */
export const AttachmentStored = z.object({ sha256: Sha256Hex, mimeType: MimeType, size: z.int().check(z.gte(1)) });
export type AttachmentStored = z.infer<typeof AttachmentStored>;
