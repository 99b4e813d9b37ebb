import { defineConfig } from 'wxt';

/** Extension build: sources live in extension/ (see ARCHITECTURE.md). */
export default defineConfig({
  srcDir: 'extension',
  manifest: {
    name: 'Echobox',
    permissions: ['activeTab', 'scripting', 'storage', 'alarms', 'contextMenus', 'sidePanel'],
  },
});
