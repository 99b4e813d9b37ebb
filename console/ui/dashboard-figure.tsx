import { queryString } from '../api/client';
import type { QueueLink } from '../models/dashboard';
import { numberText } from './number-text';

/** Props of Figure. */
export interface FigureProps {
  /** The figure as shown: a count, or a median, share… computed over exactly the linked records. */
  value: number | string;
  /** The queue filters selecting exactly the records counted. */
  link: QueueLink;
  /** What the number counts, for assistive technology (the row and column it sits in). */
  label: string;
  onOpen(link: QueueLink): void;
}

/** A count that opens the queue filtered to exactly its records (a real link: it opens in a new tab too). */
export function Figure({ value, link, label, onOpen }: FigureProps) {
  const text = typeof value === 'number' ? numberText(value) : value;
  return (
    <a
      class="figure-link"
      href={`/?${queryString(link)}`}
      aria-label={`${label}: ${text}`}
      onClick={(e) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey) return;
        e.preventDefault();
        onOpen(link);
      }}
    >
      {text}
    </a>
  );
}
