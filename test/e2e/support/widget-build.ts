import { buildWidget, WIDGET_DIST, type WidgetBuild } from '../../../widget/build';

/** Build dist/widget once per test file (the server serves it; deterministic, so rebuilding is harmless). */
let built: Promise<WidgetBuild> | undefined;

/** The production build of the widget, in dist/widget. */
export function ensureWidgetBuilt(): Promise<WidgetBuild> {
  built ??= buildWidget();
  return built;
}

export { WIDGET_DIST };
