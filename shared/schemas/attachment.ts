import * as z from 'zod/mini';
import { Id, IsoDateTime, LIMITS, Sha256Hex, requiredText } from './common';

/** A media type such as `image/png`, without parameters. */
export const MimeType = z
  .string()
  .check(z.maxLength(127), z.regex(/^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/));
export type MimeType = z.infer<typeof MimeType>;

const attachmentShape = {
  id: Id,
  /** File name as shown to people; not a path. */
  name: requiredText(255),
  mimeType: MimeType,
  size: z.int().check(z.gte(0), z.lte(LIMITS.attachmentBytes)),
  sha256: z.optional(Sha256Hex),
  /** When it was taken or attached (DOMAIN.md §4: each attachment has a name and a time). */
  capturedAt: IsoDateTime,
};

/** Metadata of an attachment (需求附件); the bytes travel separately, keyed by `id`. */
export const AttachmentMeta = z.object(attachmentShape);
export type AttachmentMeta = z.infer<typeof AttachmentMeta>;

/** Image types a screenshot may have. */
export const SCREENSHOT_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;

/** Metadata of a screenshot: an attachment limited to web image types and a smaller size. */
export const ScreenshotMeta = z.object({
  ...attachmentShape,
  mimeType: z.enum(SCREENSHOT_TYPES),
  size: z.int().check(z.gte(0), z.lte(LIMITS.screenshotBytes)),
});
export type ScreenshotMeta = z.infer<typeof ScreenshotMeta>;
