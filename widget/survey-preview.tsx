import { render } from 'preact';
import * as z from 'zod/mini';
import { effect, signal } from './signals';
import { hostCss } from './host-css';
import { boxCss } from './box/box-css';
import { cardsCss } from './box/cards';
import { extend } from './box/extend';
import { loadMessages, translatorOf } from './box/i18n';
import { en, zhCN } from './surveys/messages';
import { SurveyCard } from './surveys/survey-card';
import type { SurveyModel } from './surveys/survey-model';
import { Survey } from '../shared/schemas/survey';
import type { Answer } from '../shared/schemas/survey';

/*
 * The survey preview of the console's survey builder (`/widget/survey-preview.html`, built into
 * dist/widget/survey-preview.js apart from the loader and the box, so the widget's first open
 * pays nothing for it). The console may not import widget code (ARCHITECTURE.md), so it frames
 * this page in a sandboxed iframe and posts it the draft survey; the card is the widget's own
 * SurveyCard with the widget's own styles, so the preview is what visitors will see. Nothing is
 * stored and no response is sent: "send" only checks the required questions and says thank you.
 */

/** What the builder posts: the draft, the language and the theme to show it in. */
const PreviewMessage = z.object({
  type: z.literal('echobox:survey-preview'),
  survey: z.unknown(),
  locale: z.enum(['zh-CN', 'en']),
  theme: z.enum(['light', 'dark']),
});

/** A model over a draft that keeps answers on this page only. */
function previewModel(survey: Survey): SurveyModel {
  const m: SurveyModel = {
    survey,
    answers: signal<Record<string, Answer>>({}),
    missing: signal<string[]>([]),
    done: signal(false),
    answer(id, answer) {
      const next = { ...m.answers.value };
      if (answer) next[id] = answer;
      else delete next[id];
      m.answers.value = next;
      m.missing.value = m.missing.value.filter((q) => q !== id);
    },
    async send() {
      const given = m.answers.value;
      m.missing.value = survey.questions.filter((q) => (q.required || survey.questions.length === 1) && !given[q.id]).map((q) => q.id);
      if (m.missing.value.length || !Object.keys(given).length) return false;
      m.done.value = true;
      return true;
    },
  };
  return m;
}

function main(): void {
  const host = document.createElement('echobox-widget');
  const shadow = host.attachShadow({ mode: 'open' });
  shadow.adoptedStyleSheets = [hostCss, boxCss, cardsCss].map((css) => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    return sheet;
  });
  const page = new CSSStyleSheet();
  page.replaceSync('body{margin:0;min-height:100vh;background:#f3f4f6}[data-theme=dark] body{background:#111114}');
  document.adoptedStyleSheets = [page];
  const root = document.createElement('div');
  root.className = 'r light';
  shadow.append(root);
  document.body.append(host);
  let stop: (() => void) | undefined;

  window.addEventListener('message', async (event) => {
    // Only the page that framed this one (the console) drives it.
    if (event.source !== window.parent) return;
    const message = z.safeParse(PreviewMessage, event.data);
    if (!message.success) return;
    const { locale, theme } = message.data;
    const survey = z.safeParse(Survey, message.data.survey);
    stop?.();
    stop = undefined;
    root.className = `r ${theme}`;
    root.lang = locale;
    document.documentElement.dataset.theme = theme;
    if (!survey.success) {
      render(null, root);
      return;
    }
    const t = extend(translatorOf(await loadMessages(locale)), { en, zhCN }, locale);
    const model = previewModel(survey.data);
    // Closing the card starts the preview over: the builder keeps showing the survey being edited.
    const restart = () => {
      model.answers.value = {};
      model.missing.value = [];
      model.done.value = false;
    };
    stop = effect(() => {
      void model.answers.value;
      void model.missing.value;
      void model.done.value;
      render(
        <div class="cards">
          <SurveyCard model={model} t={t} locale={locale} onClose={restart} />
        </div>,
        root,
      );
    });
  });
  window.parent.postMessage({ type: 'echobox:survey-preview-ready' }, '*');
}

main();
