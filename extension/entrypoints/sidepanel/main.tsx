import { render } from 'preact';
import { browser } from 'wxt/browser';
import { send, type RuntimeLike } from '../../messaging/messenger';
import { openExtensionOutbox } from '../../records/outbox';
import { activeDraftItem, failedClipsItem, identityItem, optionsItem, syncStatusItem } from '../../storage/items';
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
  const root = document.getElementById('app');
  if (root) render(<PanelApp model={model} />, root);
  // Closing the panel must not lose the last keystrokes: write the draft now.
  addEventListener('pagehide', () => void model.persistDraft());
}

void main();
