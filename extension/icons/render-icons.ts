/*
 * Renders the toolbar and store icons (extension/public/icon/<size>.png, which WXT puts into the
 * manifest) from one drawing: an amber rounded square with a white speech bubble and two echo
 * arcs. Run `node --import tsx extension/icons/render-icons.ts` after changing the drawing; the
 * PNGs are committed so a build needs no image tools.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

/** The sizes the Chrome Web Store and Firefox add-ons ask for. */
export const ICON_SIZES = [16, 32, 48, 128] as const;

const AMBER = [180, 83, 9];
const WHITE = [255, 255, 255];

/** Coverage (0–1) of the drawing at a point of the unit square, or null outside the tile. */
function paint(x: number, y: number): { rgb: number[]; alpha: number } {
  // Rounded square tile.
  const r = 0.2;
  const dx = Math.max(r - x, 0, x - (1 - r));
  const dy = Math.max(r - y, 0, y - (1 - r));
  if (dx * dx + dy * dy > r * r) return { rgb: AMBER, alpha: 0 };
  // Speech bubble: an ellipse with a tail at the lower left.
  const ex = (x - 0.42) / 0.28;
  const ey = (y - 0.45) / 0.22;
  const tail = y > 0.55 && y < 0.8 && x > 0.2 && x < 0.38 && x - 0.2 > (y - 0.55) * 0.4 && 0.38 - x > (y - 0.55) * 0.7;
  if (ex * ex + ey * ey <= 1 || tail) return { rgb: WHITE, alpha: 1 };
  // Two echo arcs to the right of the bubble.
  const d = Math.hypot(x - 0.42, y - 0.45);
  const right = x > 0.7 && Math.abs(y - 0.45) < 0.25;
  if (right && ((d > 0.33 && d < 0.38) || (d > 0.43 && d < 0.48))) return { rgb: WHITE, alpha: 1 };
  return { rgb: AMBER, alpha: 1 };
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (bytes: Buffer) => {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type: string, data: Buffer) => {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
};

/** The icon at `size` pixels as a PNG (RGBA, 4×4 supersampled edges). */
export function renderIcon(size: number): Buffer {
  const rows: Buffer[] = [];
  const S = 4;
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const { rgb, alpha } = paint((px + (sx + 0.5) / S) / size, (py + (sy + 0.5) / S) / size);
          for (let i = 0; i < 3; i++) sum[i]! += rgb[i]! * alpha;
          sum[3]! += alpha;
        }
      }
      const a = sum[3]! / (S * S);
      for (let i = 0; i < 3; i++) row[1 + px * 4 + i] = a > 0 ? Math.round(sum[i]! / sum[3]!) : 0;
      row[1 + px * 4 + 3] = Math.round(a * 255);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = fileURLToPath(new URL('../public/icon/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  for (const size of ICON_SIZES) writeFileSync(join(dir, `${size}.png`), renderIcon(size));
}
