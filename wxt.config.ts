import { defineConfig } from 'wxt';

/**
 * Optional host permissions: the server origin and helpdesk domains are requested at runtime
 * (options page, side panel), so nothing beyond activeTab is granted at install.
 */
const OPTIONAL_HOSTS = ['https://*/*', 'http://*/*'];

/** Extension build: sources live in extension/ (see ARCHITECTURE.md); `wxt build -b firefox` for Firefox. */
export default defineConfig({
  srcDir: 'extension',
  outDir: '.output',
  // Icons (public/icon/<size>.png, rendered by extension/icons/render-icons.ts) sit beside the sources.
  publicDir: 'extension/public',
  manifestVersion: 3,
  manifest: ({ browser }) => ({
    name: 'Echobox',
    description: 'Clip helpdesk tickets and pages into customer-feedback records.',
    // Firefox has no sidePanel API (its sidebar needs no permission); Chrome gets exactly this list.
    permissions:
      browser === 'firefox'
        ? ['activeTab', 'scripting', 'storage', 'alarms', 'contextMenus']
        : ['activeTab', 'scripting', 'storage', 'alarms', 'contextMenus', 'sidePanel'],
    optional_host_permissions: OPTIONAL_HOSTS,
    action: { default_title: 'Echobox: clip this page' },
    commands: {
      'clip-page': {
        suggested_key: { default: 'Alt+Shift+E', mac: 'Alt+Shift+E' },
        description: 'Clip this page into a record',
      },
    },
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: 'echobox@echobox.local', strict_min_version: '128.0' } } }
      : {}),
  }),
  // `npm run zip`: the Chrome Web Store package, and Firefox's with the sources zip its reviewers build
  // from. The extension imports only extension/ and shared/: the other parts stay out of the sources.
  zip: {
    excludeSources: ['data/**', 'dist/**', 'test/**', 'server/**', 'console/**', 'widget/**', 'docs/**', 'drizzle.config.ts', '*.log'],
  },
  // Vite 8 compiles TSX with oxc; Preact's automatic JSX runtime, as in tsconfig.json.
  vite: () => ({
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  }),
});
