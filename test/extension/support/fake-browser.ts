import { fakeBrowser } from 'wxt/testing/fake-browser';
import { vi } from 'vitest';

/*
 * Import this FIRST in a test file: WXT's `browser` (and so wxt/utils/storage) binds to
 * globalThis.chrome when it is first evaluated, and here that is the in-memory fakeBrowser.
 */
(globalThis as { chrome?: unknown }).chrome = fakeBrowser;

/** A browser event with a trigger, for the APIs fakeBrowser does not implement (commands, context menus). */
export function fakeEvent<A extends unknown[]>() {
  const listeners = new Set<(...args: A) => unknown>();
  return {
    addListener: (l: (...args: A) => unknown) => void listeners.add(l),
    removeListener: (l: (...args: A) => unknown) => void listeners.delete(l),
    hasListener: (l: (...args: A) => unknown) => listeners.has(l),
    async trigger(...args: A) {
      return Promise.all([...listeners].map((l) => l(...args)));
    },
  };
}

/** fakeBrowser's own tab methods, before extensionFakes wraps them. */
const FAKE_TABS = { create: fakeBrowser.tabs.create.bind(fakeBrowser.tabs), get: fakeBrowser.tabs.get.bind(fakeBrowser.tabs) };

/** A 2×2 PNG, as captureVisibleTab would answer. */
export const TINY_PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAYAAABytg0kAAAAEklEQVR4nGP4z8Dwn4GBgYEBAB3eAf/ZbMjUAAAAAElFTkSuQmCC';

/**
 * fakeBrowser plus stand-ins for what it leaves unimplemented (scripting, captureVisibleTab,
 * contextMenus, commands, sidePanel). `capture` is what the in-page capture script returns.
 */
export function extensionFakes(capture: unknown) {
  fakeBrowser.reset();
  const injected: unknown[] = [];
  const scripting = {
    executeScript: vi.fn(async (injection: { files?: string[]; args?: unknown[] }) => {
      if (injection.args) injected.push(injection.args[0]);
      return injection.files ? [{ result: capture }] : [{ result: undefined }];
    }),
  };
  const captureVisibleTab = vi.fn(async () => TINY_PNG);
  const contextMenus = { create: vi.fn(), removeAll: vi.fn(async () => {}), onClicked: fakeEvent<[{ menuItemId: string; selectionText?: string }, unknown]>() };
  const commands = { onCommand: fakeEvent<[string, unknown]>() };
  const sidePanel = { open: vi.fn(async () => {}) };
  Object.assign(fakeBrowser, { scripting, contextMenus, commands, sidePanel });
  // fakeBrowser ignores `active`: the tab created with `active: true` (or brought to the front) is the one in front.
  const { create, get } = FAKE_TABS;
  let front: number | undefined;
  const tabs = {
    captureVisibleTab,
    create: async (properties: Parameters<typeof create>[0]) => {
      const tab = await create(properties);
      if (properties.active) front = tab.id;
      return { ...tab, active: tab.id === front };
    },
    get: async (tabId: number) => ({ ...(await get(tabId)), active: tabId === front }),
  };
  Object.assign(fakeBrowser.tabs, tabs);
  const bringToFront = (tabId: number | undefined) => {
    front = tabId;
  };
  return { browser: fakeBrowser, scripting, captureVisibleTab, contextMenus, commands, sidePanel, injected, bringToFront };
}
