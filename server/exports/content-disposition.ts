/** RFC 5987 `attr-char`s that may stay as they are in `filename*`. */
const ATTR_CHAR = /[A-Za-z0-9!#$&+.^_`|~-]/;

/**
 * `attachment` with both a plain `filename` (ASCII fallback, quotes and backslashes replaced) and an
 * RFC 5987 `filename*` (UTF-8, percent-encoded), so every browser saves the intended name.
 */
export function attachmentDisposition(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7E]|["\\]/g, '_');
  const encoded = [...new TextEncoder().encode(filename)]
    .map((byte) => {
      const char = String.fromCharCode(byte);
      return byte < 0x80 && ATTR_CHAR.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
