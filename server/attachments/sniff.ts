/** Media types an attachment may have; anything else is refused with 415. */
export const ATTACHMENT_TYPES = [
  'image/png',
  'image/jpeg',
  'image/webp',
  'image/gif',
  'application/pdf',
  'video/mp4',
  'video/webm',
  'text/plain',
] as const;
/** One of ATTACHMENT_TYPES. */
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

const ascii = (text: string) => Array.from(text, (ch) => ch.charCodeAt(0));

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false;
  return signature.every((b, i) => bytes[offset + i] === b);
}

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const GIF87 = ascii('GIF87a');
const GIF89 = ascii('GIF89a');
const RIFF = ascii('RIFF');
const WEBP = ascii('WEBP');
const PDF = ascii('%PDF-');
const FTYP = ascii('ftyp');
const EBML = [0x1a, 0x45, 0xdf, 0xa3];
const WEBM_DOCTYPE = ascii('webm');

/**
 * ISO-BMFF major brands that mean MP4 video. QuickTime (`qt  `) and still-image containers
 * (`heic`, `avif`, `mif1`) share the `ftyp` box but are not video/mp4, so they are not listed.
 */
const MP4_BRANDS = new Set(
  ['isom', 'iso2', 'iso3', 'iso4', 'iso5', 'iso6', 'mp41', 'mp42', 'avc1', 'dash', 'M4V ', 'mmp4', 'msnv', 'f4v '],
);

function isMp4(bytes: Uint8Array): boolean {
  if (!startsWith(bytes, FTYP, 4)) return false;
  const brand = String.fromCharCode(...bytes.subarray(8, 12));
  return MP4_BRANDS.has(brand);
}

/**
 * WebM and Matroska share the EBML magic; only the DocType element (id 0x4282) inside the EBML
 * header tells them apart, so read it instead of accepting any Matroska file.
 */
function isWebm(bytes: Uint8Array): boolean {
  if (!startsWith(bytes, EBML)) return false;
  const header = bytes.subarray(0, 64);
  for (let i = 4; i + 2 < header.length; i++) {
    if (header[i] !== 0x42 || header[i + 1] !== 0x82) continue;
    const first = header[i + 2] ?? 0;
    let width = 1;
    while (width <= 8 && !(first & (0x80 >> (width - 1)))) width++;
    if (width > 8) return false;
    let size = first & (0xff >> width);
    for (let k = 1; k < width; k++) size = size * 256 + (header[i + 2 + k] ?? 0);
    const start = i + 2 + width;
    return size === WEBM_DOCTYPE.length && startsWith(header, WEBM_DOCTYPE, start);
  }
  return false;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Plain text is valid UTF-8 without NULs; a NUL is the surest sign of a binary file. */
function isPlainText(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    utf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** The attachment type the bytes actually are, judged by their content only; undefined if none. */
export function sniffAttachmentType(bytes: Uint8Array): AttachmentType | undefined {
  if (startsWith(bytes, PNG)) return 'image/png';
  if (startsWith(bytes, JPEG)) return 'image/jpeg';
  if (startsWith(bytes, GIF87) || startsWith(bytes, GIF89)) return 'image/gif';
  if (startsWith(bytes, RIFF) && startsWith(bytes, WEBP, 8)) return 'image/webp';
  if (startsWith(bytes, PDF)) return 'application/pdf';
  if (isMp4(bytes)) return 'video/mp4';
  if (isWebm(bytes)) return 'video/webm';
  // Binary signatures win over text so that e.g. "GIF89a…" declared as text/plain is still refused.
  if (isPlainText(bytes)) return 'text/plain';
  return undefined;
}

/**
 * The allowed type a Content-Type header names, parameters dropped; undefined if not allowed.
 * text/plain may only carry a UTF-8 (or ASCII) charset, because that is how it is checked.
 */
export function declaredAttachmentType(contentType: string | undefined): AttachmentType | undefined {
  if (!contentType) return undefined;
  const [essence = '', ...params] = contentType.split(';').map((part) => part.trim().toLowerCase());
  const type = (ATTACHMENT_TYPES as readonly string[]).includes(essence) ? (essence as AttachmentType) : undefined;
  if (type !== 'text/plain') return type;
  for (const param of params) {
    const [name, value = ''] = param.split('=').map((s) => s.trim().replace(/^"|"$/g, ''));
    if (name === 'charset' && value !== 'utf-8' && value !== 'utf8' && value !== 'us-ascii') return undefined;
  }
  return type;
}

/** Whether attachments of this type are shown inline (images) rather than downloaded. */
export function isInlineType(type: string): boolean {
  return type === 'image/png' || type === 'image/jpeg' || type === 'image/webp' || type === 'image/gif';
}
