import { createWidget, type WidgetApi } from './api';
import type { Locale } from '../shared/i18n/locale';
import type { Position, Theme } from './contract';

/*
 * Script-tag entry (built as a classic IIFE script, `dist/widget/widget.js`). It installs the one
 * global `Echobox`, replays calls queued before it loaded (`Echobox.q`, filled by the optional
 * snippet `window.Echobox = window.Echobox || function () { (Echobox.q = Echobox.q || []).push(arguments) }`),
 * and initialises itself from its own `data-*` attributes when `data-site-key` is present.
 */

/** File name of the box chunk next to this script; set by the build. */
declare const __ECHOBOX_BOX__: string;
/** The launcher's label per locale, copied by the build from shared/i18n (`ui.feedback`). */
declare const __ECHOBOX_LABEL__: Record<Locale, string>;

type Call = (method: string, ...args: unknown[]) => unknown;
type Global = Call & WidgetApi;
type Stub = { q?: ArrayLike<unknown>[]; init?: unknown };

function main(): void {
  const previous = (window as { Echobox?: Stub }).Echobox;
  // Loaded twice: the first copy keeps the page.
  if (previous?.init) return;
  const script = document.currentScript as HTMLScriptElement | null;
  const src = script?.src || location.href;
  const widget = createWidget(
    {
      loadBox: () => import(new URL(__ECHOBOX_BOX__, src).href),
      label: (locale) => __ECHOBOX_LABEL__[locale],
    },
    src,
  );
  const call: Call = (method, ...args) => {
    const fn = (widget as unknown as Record<string, (...a: unknown[]) => unknown>)[method];
    if (typeof fn !== 'function') throw new TypeError(`Echobox: unknown method ${method}`);
    return fn(...args);
  };
  (window as { Echobox?: Global }).Echobox = Object.assign(call, widget);
  const data = script?.dataset;
  if (data?.siteKey) {
    widget.init({
      siteKey: data.siteKey,
      ...(data.api ? { apiUrl: data.api } : {}),
      ...(data.locale ? { locale: data.locale } : {}),
      ...(data.position ? { position: data.position as Position } : {}),
      ...(data.theme ? { theme: data.theme as Theme } : {}),
      ...(data.appVersion ? { appVersion: data.appVersion } : {}),
    });
  }
  for (const args of Array.from(previous?.q ?? [])) {
    try {
      call(...(Array.from(args) as [string, ...unknown[]]));
    } catch (error) {
      setTimeout(() => {
        throw error;
      });
    }
  }
}

main();
