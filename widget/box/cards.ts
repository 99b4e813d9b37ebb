import type { ComponentChild } from 'preact';
import type { Settings, WidgetUser } from '../contract';
import type { T } from './i18n';
import type { Store } from './store';

/*
 * How the lazily loaded parts (closing the loop, surveys) put up their non-modal cards beside the
 * launcher, and what they get from the box to do their work.
 */

/** Styles of the cards, adopted by the first part that shows one. */
export const cardsCss =
  '.cards{position:fixed;inset-block-end:76px;inset-inline-end:20px;display:grid;gap:12px;width:min(380px,calc(100vw - 40px))}' +
  '@media (max-width:600px){.cards{inset-inline:12px;width:auto}}' +
  '.card{display:grid;gap:8px;max-height:70vh;overflow:auto;padding:14px 16px;border:1px solid var(--l);border-radius:var(--rad);' +
  'background:var(--b);color:var(--f);box-shadow:0 4px 20px #0004}.card *{box-sizing:border-box}' +
  '.card p{margin:0}.card textarea{min-height:56px}.card .f,.card .h{padding:0;border:0}' +
  '.scale{display:flex;flex-wrap:wrap;gap:4px}.scale .o{min-width:36px;justify-content:center;padding:2px 8px}' +
  '.ends{display:flex;justify-content:space-between;color:var(--m);font-size:12px}';

/** Where cards are shown; `null` takes a card down. */
export interface CardHost {
  show(key: string, node: ComponentChild | null): void;
  /** Add a stylesheet to the widget's shadow root (once per sheet text). */
  adopt(css: string): void;
}

/** What a lazily loaded part receives. */
export interface PartContext {
  store: Store;
  t: T;
  settings: Settings;
  cards: CardHost;
  user(): WidgetUser | undefined;
  now(): number;
}
