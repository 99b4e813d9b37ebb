import { computed, signal } from '@preact/signals';

/** A rectangle in image pixels. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Boxes smaller than this (image pixels) are treated as stray clicks. */
const MIN_SIDE = 4;

/** Normalise a drag from (x1,y1) to (x2,y2) into a box inside a width×height image, or null if too small. */
export function boxFromDrag(x1: number, y1: number, x2: number, y2: number, width: number, height: number): Box | null {
  const clamp = (v: number, max: number) => Math.min(Math.max(v, 0), max);
  const left = clamp(Math.min(x1, x2), width);
  const top = clamp(Math.min(y1, y2), height);
  const right = clamp(Math.max(x1, x2), width);
  const bottom = clamp(Math.max(y1, y2), height);
  const box = { x: Math.round(left), y: Math.round(top), w: Math.round(right - left), h: Math.round(bottom - top) };
  return box.w >= MIN_SIDE && box.h >= MIN_SIDE ? box : null;
}

/** State of the redaction step: boxes drawn but not yet burned in, and whether it is working. */
export function createRedactionModel() {
  const boxes = signal<Box[]>([]);
  const busy = signal(false);
  const applied = signal(false);
  const pending = computed(() => boxes.value.length > 0);
  return {
    boxes,
    busy,
    applied,
    pending,
    add(box: Box | null) {
      if (box) boxes.value = [...boxes.value, box];
    },
    undo() {
      boxes.value = boxes.value.slice(0, -1);
    },
    clear() {
      boxes.value = [];
    },
  };
}
/** The redaction step's model. */
export type RedactionModel = ReturnType<typeof createRedactionModel>;
