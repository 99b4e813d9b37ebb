import { effect } from '../signals';
import { cardsCss, type PartContext } from '../box/cards';
import { extend } from '../box/extend';
import { en, zhCN } from './messages';
import { chooseSurvey } from './survey-model';
import { SurveyCard } from './survey-card';

/*
 * The survey chunk: loaded when the server listed active surveys for this page. It picks at most
 * one (shared targeting rules plus this device's history) and shows it as a card.
 */

/** Decide which survey to show on this page view, if any, and show it. */
export async function startSurveys(part: PartContext & { surveys: readonly unknown[] }): Promise<void> {
  const model = await chooseSurvey(part.surveys, {
    store: part.store,
    locale: part.settings.locale,
    user: part.user,
    now: part.now,
    pageUrl: location.href.split('#')[0] ?? location.href,
  });
  if (!model) return;
  const t = extend(part.t, { en, zhCN }, part.settings.locale);
  part.cards.adopt(cardsCss);
  let open = true;
  const close = () => {
    open = false;
    part.cards.show('survey', null);
  };
  effect(() => {
    // Read every signal the card shows, so the card re-renders when they change.
    void model.answers.value;
    void model.missing.value;
    void model.done.value;
    if (open) part.cards.show('survey', <SurveyCard model={model} t={t} locale={part.settings.locale} onClose={close} />);
  });
}
