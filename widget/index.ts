import { createWidget, type WidgetApi } from './api';
import { createTranslator } from '../shared/i18n/translator';
import * as ui from '../shared/i18n/messages/ui';
import type { WidgetEvents } from './contract';

/*
 * npm entry: the same widget as the script tag, for bundling into a host application.
 * `import { init, open } from 'echobox/widget'`; pass `apiUrl` (the Echobox server) to init, as
 * there is no script URL to take it from. The box chunk is a dynamic import the host's bundler splits off.
 */

export type { InitOptions, OpenOptions, Position, Theme, WidgetUser, WidgetEvents, SubmittedDetail, ErrorDetail } from './contract';

let widget: WidgetApi | undefined;
const t = createTranslator(ui);
const get = (): WidgetApi =>
  (widget ??= createWidget({ loadBox: () => import('./box'), label: (locale) => t(locale, 'ui.feedback') }, location.href));

/** Start the widget: show the launcher (unless `position: 'none'`) and check for updates and surveys. */
export const init: WidgetApi['init'] = (options) => get().init(options);
/** Tell the widget who the signed-in user is (traits for surveys; a signed token links records). */
export const identify: WidgetApi['identify'] = (user) => get().identify(user);
/** Open the suggestion box, optionally with a category and scenario. */
export const open: WidgetApi['open'] = (options) => get().open(options);
/** Close the suggestion box. */
export const close: WidgetApi['close'] = () => get().close();
/** Listen to `submitted`, `error`, `open` or `close`; returns the unsubscribe function. */
export const on = <K extends keyof WidgetEvents>(type: K, listener: (detail: WidgetEvents[K]) => void): (() => void) =>
  get().on(type, listener);
/** Remove the widget from the page: host element, listeners, timers (stored submissions stay). */
export const destroy: WidgetApi['destroy'] = () => get().destroy();
