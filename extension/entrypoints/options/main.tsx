import { render } from 'preact';
import { browser } from 'wxt/browser';
import { send, type RuntimeLike } from '../../messaging/messenger';
import { optionsItem } from '../../storage/items';
import { OptionsForm } from '../../ui/options/options-form';
import { createOptionsModel } from '../../ui/options/options-model';
import '../../ui/styles.css';

/** Options page: wires storage, runtime permissions and the connection check into the options model. */
async function main() {
  const model = createOptionsModel({
    load: () => optionsItem.getValue(),
    save: (value) => optionsItem.setValue(value),
    requestOrigin: (pattern) => browser.permissions.request({ origins: [pattern] }).catch(() => false),
    hasOrigin: (pattern) => browser.permissions.contains({ origins: [pattern] }).catch(() => false),
    check: (data) => send(browser.runtime as unknown as RuntimeLike, 'connection.check', data),
  });
  await model.init();
  const root = document.getElementById('app');
  if (root) render(<OptionsForm model={model} />, root);
}

void main();
