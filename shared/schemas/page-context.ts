import * as z from 'zod/mini';
import { HttpUrl, LIMITS, boundedText, requiredText } from './common';

const pixels = z.int().check(z.gte(1), z.lte(100_000));

/** Viewport size in CSS pixels. */
export const ScreenSize = z.object({ w: pixels, h: pixels });
export type ScreenSize = z.infer<typeof ScreenSize>;

/**
 * The host page a widget submission came from. Clients drop a referrer that is not http(s)
 * (it would reject the submission) and cut long titles to LIMITS.line.
 */
export const PageContext = z.object({
  url: HttpUrl,
  /** document.title; may be empty. */
  title: boundedText(LIMITS.line),
  referrer: z.optional(HttpUrl),
  userAgent: boundedText(LIMITS.userAgent),
  screen: ScreenSize,
  /** The host application's version, when the host tells the widget. */
  appVersion: z.optional(requiredText(50)),
});
export type PageContext = z.infer<typeof PageContext>;
