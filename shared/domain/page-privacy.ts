import type { PageContext } from '../schemas/page-context';
import { err, ok, type Result } from './result';

/*
 * What a widget submission may say about the host page (DOMAIN.md §3: personal data is masked
 * before it leaves the device). Query strings and fragments carry e-mail addresses, reset and
 * access tokens (`/account?email=…&reset_token=…#access_token=…`), titles carry names and
 * addresses (`Inbox – jane@example.com`). The widget applies this before sending, and the server
 * again on write, so a modified widget gains nothing; the title is masked with the rest of the
 * record (widget/box/submission.ts, shared/domain/record-masking.ts).
 */

/** A page or referrer URL as kept: origin and path plus only the allow-listed query keys, never the fragment. */
export function stripUrl(url: string, queryKeys: readonly string[] = []): Result<string> {
  try {
    const u = new URL(url);
    const params = u.searchParams;
    for (const key of [...params.keys()]) if (!queryKeys.includes(key)) params.delete(key);
    // origin leaves out user:password@ too; an emptied query leaves no `?`.
    if (/^https?:$/.test(u.protocol)) return ok(u.origin + u.pathname + u.search);
  } catch {
    // Not a URL: refused below.
  }
  return err('validation_failed', 'url must be an absolute http(s) URL');
}

/** The page context with URL and referrer stripped (stripUrl); an unparseable referrer is dropped. */
export function privatePage(page: PageContext, queryKeys: readonly string[] = []): Result<PageContext> {
  const url = stripUrl(page.url, queryKeys);
  if (!url.ok) return url;
  const { referrer: sent, ...rest } = page;
  const referrer = sent === undefined ? undefined : stripUrl(sent, queryKeys);
  return ok({
    ...rest,
    url: url.value,
    ...(referrer?.ok ? { referrer: referrer.value } : {}),
  });
}
