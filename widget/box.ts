import { h, render, type ComponentChild } from 'preact';
import { effect, signal } from './signals';
import type { BoxContext, BoxHandle } from './contract';
import { boxCss } from './box/box-css';
import { createBoxModel, type ScreenshotModule } from './box/box-model';
import type { CardHost, PartContext } from './box/cards';
import { loadMessages, translatorOf } from './box/i18n';
import { META, openStore } from './box/store';
import { pageContext } from './box/submission';
import { App } from './box/ui/app';

/*
 * The box chunk (`dist/widget/box-<hash>.js`, ESM), imported by the loader on first open or in the
 * background. It opens the site's outbox, starts the sync engine, renders the dialog, and pulls in
 * the closing-the-loop and survey parts only when there is something to show.
 *
 * Rendering: the models are signals (widget/signals.ts, the @preact/signals API subset); one effect
 * re-renders the Preact tree whenever a signal it read changes. Preact's render is synchronous, so
 * every `.value` a component reads is tracked by that effect; this does the job of the
 * per-component @preact/signals integration for fewer bytes.
 */

/** Start the box inside the loader's shadow root. */
export async function startBox(ctx: BoxContext): Promise<BoxHandle> {
  const shadow = ctx.root.getRootNode() as ShadowRoot;
  const sheets: CSSStyleSheet[] = [];
  const adopted = new Set<string>();
  const adopt = (css: string) => {
    if (adopted.has(css)) return;
    adopted.add(css);
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    sheets.push(sheet);
    shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, sheet];
  };
  adopt(boxCss);

  const { settings } = ctx;
  const [store, messages] = await Promise.all([openStore(settings, ctx.user), loadMessages(settings.locale)]);
  const t = translatorOf(messages);
  const model = createBoxModel({
    store,
    ctx,
    now: Date.now,
    page: () => pageContext(settings.appVersion, ctx.queryKeys()),
    loadScreenshot: () => import('./screenshot/screenshot') as Promise<ScreenshotModule>,
  });
  const cards = signal<Record<string, ComponentChild>>({});
  const cardHost: CardHost = {
    show(key, node) {
      // peek: a part calls this from its own effect, which must not come to depend on the cards.
      const next = { ...cards.peek() };
      if (node === null) delete next[key];
      else next[key] = node;
      cards.value = next;
    },
    adopt,
  };

  const mount = document.createElement('div');
  ctx.root.append(mount);
  let shown: string | undefined;
  const stopRendering = effect(() => {
    render(h(App, { model, t, cards }), mount);
    const dialog = mount.querySelector('dialog');
    const open = model.isOpen.value;
    const view = model.view.value;
    if (!dialog) return;
    if (open && !dialog.open) {
      // Opening focuses the [autofocus] field; later view changes move focus to the new view.
      dialog.showModal();
      shown = view;
    } else if (!open && dialog.open) {
      dialog.close();
    } else if (open && view !== shown) {
      shown = view;
      dialog.querySelector<HTMLElement>('[data-focus]')?.focus();
    }
  });
  await model.refresh();

  const part: PartContext = { store, t, settings, cards: cardHost, user: ctx.user, now: Date.now };
  let updates: Promise<unknown> | undefined;
  const startUpdates = async () => {
    const mine = (await store.outbox.getMeta<string[]>(META.records))?.length || ctx.user()?.token;
    if (mine && !updates) updates = import('./updates/updates').then((m) => m.startUpdates(part)).catch(() => {});
  };
  void startUpdates();
  if (ctx.surveys?.length) {
    const surveys = ctx.surveys;
    void import('./surveys/surveys').then((m) => m.startSurveys({ ...part, surveys })).catch(() => {});
  }

  return {
    open: (options) => model.open(options),
    close: () => model.close(),
    identify: () => void startUpdates(),
    destroy() {
      stopRendering();
      model.dispose();
      render(null, mount);
      mount.remove();
      store.close();
      shadow.adoptedStyleSheets = shadow.adoptedStyleSheets.filter((s) => !sheets.includes(s));
    },
  };
}
