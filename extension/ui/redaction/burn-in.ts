import type { Box } from './redaction-model';

/**
 * Paint the boxes solid black into the image and encode it again as PNG: the hidden pixels are
 * gone from the file, not covered by a layer. Runs in extension pages (OffscreenCanvas).
 */
export async function burnIn(image: Blob, boxes: readonly Box[]): Promise<Blob> {
  const bitmap = await createImageBitmap(image);
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('2d canvas unavailable');
  context.drawImage(bitmap, 0, 0);
  bitmap.close();
  context.fillStyle = '#000';
  for (const box of boxes) context.fillRect(box.x, box.y, box.w, box.h);
  return canvas.convertToBlob({ type: 'image/png' });
}
