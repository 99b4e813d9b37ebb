import { domToCanvas } from 'modern-screenshot';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { RedactorProps } from '../box/box-model';
import { sha256Hex, uuidv7 } from '../box/ids';
import type { Screenshot } from '../box/submission';
import { extend } from '../box/extend';
import { en, zhCN } from './messages';
import { en as uiEn, zhCN as uiZh } from '../../shared/i18n/messages/ui';

/*
 * The screenshot chunk, loaded only when someone asks for a screenshot. The page is rendered from
 * its DOM (no permission prompt, works on phones); the widget itself is left out, every form
 * field is blanked in the copy, and `[data-private]` and `contenteditable` areas (rich-text
 * editors, often a draft reply or a note) are painted over. The person
 * then covers anything else with black boxes before the image is attached.
 */

/** Largest side of the picture in pixels: enough to read, small enough to send from a phone. */
const MAX_SIDE = 4096;
/** ScreenshotMeta's size bound. */
const MAX_BYTES = 10 * 1024 * 1024;

/** Blank the copy of a form field (the page itself is never touched). */
function blank(node: Node): void {
  if (node.nodeType !== 1) return;
  const el = node as HTMLElement;
  if (!el.matches('input,textarea,select')) return;
  (el as HTMLInputElement).value = '';
  el.setAttribute('value', '');
  if (el.tagName === 'TEXTAREA') el.textContent = '';
  if (el.tagName === 'SELECT') el.replaceChildren();
}

/** What is painted over where it is on the page: marked private areas and editable text (as form fields are blanked). */
const PAINTED = '[data-private],[contenteditable]:not([contenteditable=false i])';

/**
 * Render the page without `exclude`, form fields blanked in the copy and PAINTED areas painted
 * over where they are on the page (whatever their content's own styles say). Painting, not
 * emptying the copy, keeps the layout of the copy exactly that of the page, so no box lands beside
 * what it should cover.
 */
export async function capture(exclude: Element): Promise<HTMLCanvasElement> {
  const root = document.documentElement;
  const longest = Math.max(root.scrollWidth, root.scrollHeight, 1);
  const scale = Math.min(window.devicePixelRatio || 1, 2, MAX_SIDE / longest);
  const background = getComputedStyle(document.body).backgroundColor;
  const hidden = [...document.querySelectorAll(PAINTED)].map((el) => {
    const r = el.getBoundingClientRect();
    return [(r.left + scrollX) * scale, (r.top + scrollY) * scale, r.width * scale, r.height * scale] as const;
  });
  const canvas = await domToCanvas(root, {
    scale,
    backgroundColor: background && background !== 'rgba(0, 0, 0, 0)' ? background : '#fff',
    filter: (node) => node !== exclude,
    onCloneEachNode: blank,
    // Embedding the page's web fonts needs an inline <style>, which a strict CSP refuses (and
    // reports): draw with the fonts the browser has; the text stays readable.
    font: false,
    timeout: 15_000,
    fetch: { requestInit: { cache: 'force-cache' } },
  });
  const g = canvas.getContext('2d');
  if (g) {
    g.fillStyle = '#777';
    for (const box of hidden) g.fillRect(...box);
  }
  return canvas;
}

/** Screenshot metadata for a blob: a fresh id, its digest and the time it was taken. */
export async function describeScreenshot(blob: Blob, takenAt: Date): Promise<Screenshot> {
  const type = blob.type === 'image/jpeg' ? 'image/jpeg' : 'image/png';
  return {
    blob,
    meta: {
      id: uuidv7(takenAt.getTime()),
      name: `screenshot-${takenAt.toISOString().slice(0, 19).replace(/:/g, '-')}.${type === 'image/png' ? 'png' : 'jpg'}`,
      mimeType: type,
      size: blob.size,
      sha256: await sha256Hex(await blob.arrayBuffer()),
      capturedAt: takenAt.toISOString(),
    },
  };
}

type Box = [x: number, y: number, w: number, h: number];

/** Canvas pixel under a pointer event. */
const point = (canvas: HTMLCanvasElement, e: PointerEvent): [number, number] => {
  const r = canvas.getBoundingClientRect();
  return [((e.clientX - r.left) * canvas.width) / r.width, ((e.clientY - r.top) * canvas.height) / r.height];
};

const span = (a: [number, number], b: [number, number]): Box => [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.abs(a[0] - b[0]), Math.abs(a[1] - b[1])];

/** The redaction step: draw black boxes by dragging, or by clicking two corners (no drag needed). */
export function Redactor({ image, t: boxT, locale, onAttach, onCancel }: RedactorProps) {
  const t = extend(boxT, { en: { ...en, 'ui.cancel': uiEn['ui.cancel'] }, zhCN: { ...zhCN, 'ui.cancel': uiZh['ui.cancel'] } }, locale);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [boxes, setBoxes] = useState<Box[]>([]);
  const [preview, setPreview] = useState<Box | null>(null);
  const anchor = useRef<[number, number] | null>(null);
  const dragged = useRef(false);

  useEffect(() => {
    const c = canvas.current;
    const g = c?.getContext('2d');
    if (!c || !g) return;
    c.width = image.width;
    c.height = image.height;
    g.drawImage(image, 0, 0);
    g.fillStyle = '#000';
    for (const b of boxes) g.fillRect(...b);
    if (preview) {
      g.strokeStyle = '#e00';
      g.lineWidth = Math.max(2, c.width / 400);
      g.strokeRect(...preview);
    }
  }, [image, boxes, preview]);

  const down = (e: PointerEvent) => {
    const c = canvas.current!;
    const p = point(c, e);
    dragged.current = false;
    if (anchor.current) {
      // Second click of the click-click way: this corner closes the box.
      setBoxes([...boxes, span(anchor.current, p)]);
      anchor.current = null;
      setPreview(null);
      return;
    }
    anchor.current = p;
    c.setPointerCapture(e.pointerId);
  };
  const move = (e: PointerEvent) => {
    if (!anchor.current || !e.buttons) return;
    const box = span(anchor.current, point(canvas.current!, e));
    dragged.current = box[2] > 4 || box[3] > 4;
    setPreview(box);
  };
  const up = (e: PointerEvent) => {
    if (!anchor.current || !dragged.current) return;
    setBoxes([...boxes, span(anchor.current, point(canvas.current!, e))]);
    anchor.current = null;
    setPreview(null);
  };
  const attach = () => {
    const c = canvas.current!;
    const done = (blob: Blob | null) => blob && void describeScreenshot(blob, new Date()).then(onAttach);
    c.toBlob((png) => {
      if (png && png.size <= MAX_BYTES) return done(png);
      c.toBlob(done, 'image/jpeg', 0.8);
    }, 'image/png');
  };
  return (
    <div class="rd">
      <h3 tabIndex={-1} data-focus>
        {t('widget.redact_title')}
      </h3>
      <p class="hint">{t('widget.redact_help')}</p>
      <canvas ref={canvas} role="img" aria-label={t('widget.redact_image', { count: boxes.length })} onPointerDown={down} onPointerMove={move} onPointerUp={up} />
      <div class="ft">
        <button type="button" class="btn" disabled={boxes.length === 0} onClick={() => setBoxes(boxes.slice(0, -1))}>
          {t('widget.redact_undo')}
        </button>
        <button type="button" class="btn" onClick={onCancel}>
          {t('ui.cancel')}
        </button>
        <button type="button" class="btn pri" onClick={attach}>
          {t('widget.redact_attach')}
        </button>
      </div>
    </div>
  );
}
