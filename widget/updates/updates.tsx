import { effect } from '../signals';
import { cardsCss, type PartContext } from '../box/cards';
import { extend } from '../box/extend';
import { en as satisfactionEn, zhCN as satisfactionZh } from '../../shared/i18n/messages/satisfaction';
import { en as enumEn, zhCN as enumZh } from '../../shared/i18n/messages/enum-public';
import { en, zhCN } from './messages';
import { createUpdatesModel } from './updates-model';
import { UpdatesCard } from './updates-card';

/*
 * The closing-the-loop chunk: loaded when this device has sent feedback (or the host identified
 * the user with a token), it polls the reporter's updates once per page view and shows a card.
 */

/** Poll the reporter's updates and show the card while there is something in it. */
export async function startUpdates(part: PartContext): Promise<void> {
  const model = createUpdatesModel(part.store, part.now);
  const t = extend(part.t, { en: { ...satisfactionEn, ...enumEn, ...en }, zhCN: { ...satisfactionZh, ...enumZh, ...zhCN } }, part.settings.locale);
  part.cards.adopt(cardsCss);
  await model.poll();
  let open = true;
  effect(() => {
    const items = model.items.value;
    const rated = model.rated.value;
    part.cards.show(
      'updates',
      open && (items.length > 0 || Object.keys(rated).length > 0) ? (
        <UpdatesCard
          items={items}
          rated={rated}
          t={t}
          onRate={model.rate}
          onDismiss={() => {
            open = false;
            part.cards.show('updates', null);
            void model.dismiss();
          }}
        />
      ) : null,
    );
  });
}
