import { render } from 'preact';
import { browser } from 'wxt/browser';
import { send, type RuntimeLike } from '../../messaging/messenger';
import { openExtensionOutbox } from '../../records/outbox';
import { activeDraftItem, failedClipsItem, identityItem, optionsItem, syncStatusItem, taughtAdaptersItem } from '../../storage/items';
import { createTeachModel } from '../../ui/teach/teach-model';
import { burnIn } from '../../ui/redaction/burn-in';
import { PanelApp } from '../../ui/panel/panel-app';
import { createPanelModel } from '../../ui/panel/panel-model';
import '../../ui/styles.css';

/** Side panel (Chrome) / sidebar (Firefox): wires the real outbox, storage and messaging into the panel model. */
async function main() {
  const outbox = await openExtensionOutbox();
  const model = createPanelModel({
    outbox,
    send: (type, data) => send(browser.runtime as unknown as RuntimeLike, type, data),
    options: optionsItem,
    identity: identityItem,
    activeDraft: activeDraftItem,
    syncStatus: syncStatusItem,
    failedClips: failedClipsItem,
    burnIn,
    openOptions: () => void browser.runtime.openOptionsPage(),
  });
  await model.init();
  const sendMessage: Parameters<typeof createPanelModel>[0]['send'] = (type, data) => send(browser.runtime as unknown as RuntimeLike, type, data);
  const teach = createTeachModel({ send: sendMessage, taught: taughtAdaptersItem, locale: () => model.locale.value });
  // Opening the panel revalidates the adapter catalog (If-None-Match), so a definition an admin just
  // published applies without waiting for the six-hourly alarm; offline or unconfigured it just fails.
  void sendMessage('adapters.refresh', {});
  const root = document.getElementById('app');
  if (root) render(<PanelApp model={model} teach={teach} />, root);
  // Closing the panel must not lose the last keystrokes: write the draft now.
  addEventListener('pagehide', () => void model.persistDraft());
}

void main();
