import { useEffect, useRef, useState } from 'preact/hooks';
import type { Locale } from '../../../shared/schemas/common';
import { t } from '../../i18n/t';
import { boxFromDrag, type RedactionModel } from './redaction-model';

/** Props: the screenshot, the model of its boxes, and what to do on apply/remove. */
export interface RedactionEditorProps {
  locale: Locale;
  image: Blob;
  model: RedactionModel;
  onApply: () => void;
  onRemove: () => void;
}

/** The redaction step: drag boxes over the screenshot, then burn them in (or remove the screenshot). */
export function RedactionEditor({ locale, image, model, onApply, onRemove }: RedactionEditorProps) {
  const [url, setUrl] = useState<string>('');
  const [size, setSize] = useState({ w: 1, h: 1 });
  const [drag, setDrag] = useState<{ x: number; y: number; x2: number; y2: number } | null>(null);
  const imgRef = useRef<HTMLImageElement>(null);
  useEffect(() => {
    const objectUrl = URL.createObjectURL(image);
    setUrl(objectUrl);
    return () => URL.revokeObjectURL(objectUrl);
  }, [image]);

  const toImage = (event: PointerEvent) => {
    const rect = imgRef.current?.getBoundingClientRect();
    if (!rect || rect.width === 0) return { x: 0, y: 0 };
    return { x: ((event.clientX - rect.left) * size.w) / rect.width, y: ((event.clientY - rect.top) * size.h) / rect.height };
  };
  const pct = (v: number, of: number) => `${(v * 100) / of}%`;
  const shown = [...model.boxes.value, ...(drag ? [boxFromDrag(drag.x, drag.y, drag.x2, drag.y2, size.w, size.h)] : [])].filter(
    (b): b is NonNullable<typeof b> => b !== null,
  );

  return (
    <section class="shot" aria-label={t(locale, 'ext.shot.title')}>
      <h3>{t(locale, 'ext.shot.title')}</h3>
      <p class="hint">{t(locale, 'ext.shot.redact_hint')}</p>
      <div
        class="shot-canvas"
        data-testid="redaction-surface"
        onPointerDown={(e) => {
          const p = toImage(e);
          (e.currentTarget as HTMLElement).setPointerCapture?.(e.pointerId);
          setDrag({ x: p.x, y: p.y, x2: p.x, y2: p.y });
        }}
        onPointerMove={(e) => {
          if (!drag) return;
          const p = toImage(e);
          setDrag({ ...drag, x2: p.x, y2: p.y });
        }}
        onPointerUp={() => {
          if (drag) model.add(boxFromDrag(drag.x, drag.y, drag.x2, drag.y2, size.w, size.h));
          setDrag(null);
        }}
      >
        {url && (
          <img
            ref={imgRef}
            src={url}
            alt={t(locale, 'ext.shot.title')}
            draggable={false}
            onLoad={(e) => {
              const img = e.currentTarget as HTMLImageElement;
              setSize({ w: img.naturalWidth || 1, h: img.naturalHeight || 1 });
            }}
          />
        )}
        {shown.map((b, i) => (
          <div
            key={i}
            class="shot-box"
            style={{ left: pct(b.x, size.w), top: pct(b.y, size.h), width: pct(b.w, size.w), height: pct(b.h, size.h) }}
          />
        ))}
      </div>
      <div class="row">
        <button type="button" disabled={!model.pending.value || model.busy.value} onClick={onApply}>
          {t(locale, 'ext.shot.apply')}
        </button>
        <button type="button" disabled={!model.pending.value} onClick={() => model.undo()}>
          {t(locale, 'ext.shot.undo')}
        </button>
        <button type="button" class="quiet" onClick={onRemove}>
          {t(locale, 'ext.shot.remove')}
        </button>
      </div>
      {model.applied.value && !model.pending.value && <p class="ok">{t(locale, 'ext.shot.applied')}</p>}
    </section>
  );
}
