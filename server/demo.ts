import type { Db } from './db/open';
import { createSiteKey, listSiteKeys, updateSiteKey, type SiteKeyInfo } from './store/site-keys';

/*
 * The demo a newcomer meets after `npm start`: a site key for this machine's own origins and a
 * pretend product page (served at /demo by routes/widget-assets.ts) with the widget embedded.
 * The page plays a customer's site on http://localhost:<port> while the widget talks to the API on
 * http://127.0.0.1:<port> (or the other way round): two origins, as in a real embed, so the
 * widget's cross-origin requests carry the Origin header the site key is checked against.
 */

/** Name of the demo site key; the demo page looks it up by this name. */
export const DEMO_SITE_NAME = 'Echobox demo';
/** Department the demo's records are numbered under (DEMO-YYYYMMDD-SEQ). */
export const DEMO_DEPARTMENT = 'DEMO';

const LOOPBACK_HOSTS = ['localhost', '127.0.0.1'];

/** The origins a local demo on `port` is opened from. */
export const demoOrigins = (port: number): string[] => LOOPBACK_HOSTS.map((host) => `http://${host}:${port}`);

/** The demo site key, if one was created. */
export async function findDemoSite(db: Db): Promise<SiteKeyInfo | undefined> {
  return (await listSiteKeys(db)).find((k) => k.name === DEMO_SITE_NAME);
}

/**
 * First start creates the demo site key for http://localhost:<port> and http://127.0.0.1:<port>;
 * later starts on another port add that port's origins. An admin who deactivated it keeps it off.
 */
export async function ensureDemoSite(db: Db, port: number): Promise<{ siteKey: SiteKeyInfo; created: boolean }> {
  const existing = await findDemoSite(db);
  if (!existing) {
    const { siteKey } = await createSiteKey(db, {
      name: DEMO_SITE_NAME,
      department: DEMO_DEPARTMENT,
      allowedOrigins: demoOrigins(port),
      ratePerMinute: 120,
    });
    return { siteKey, created: true };
  }
  const missing = demoOrigins(port).filter((o) => !existing.allowedOrigins.includes(o));
  if (missing.length === 0 || !existing.active) return { siteKey: existing, created: false };
  const updated = await updateSiteKey(db, existing.id, { allowedOrigins: [...existing.allowedOrigins, ...missing] });
  return { siteKey: updated ?? existing, created: false };
}

/** Where the demo page's widget sends its requests: the other loopback name on the same port, when the key allows it. */
export function demoApiOrigin(pageOrigin: string, allowedOrigins: readonly string[]): string {
  const url = new URL(pageOrigin);
  const other = LOOPBACK_HOSTS.find((h) => h !== url.hostname);
  if (!other || !LOOPBACK_HOSTS.includes(url.hostname)) return pageOrigin;
  url.hostname = other;
  return allowedOrigins.includes(pageOrigin) ? url.origin : pageOrigin;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/*
 * The page's own words are the pretend host product's content, not Echobox's UI (which comes from
 * shared/i18n through the widget), so they are written here in both languages.
 */
const WORDS = {
  'zh-CN': {
    title: 'Acme 报表 · Echobox 演示',
    product: 'Acme 报表',
    nav: ['首页', '报表', '设置'],
    heading: '销售报表',
    intro:
      '这是一个模拟的产品页面,页面右下角嵌入了 Echobox 意见箱。试着提交一条反馈,然后在控制台的需求队列中查看它。',
    console: '打开 Echobox 控制台',
    account: '结算账户',
    search: '搜索订单',
    export: '导出报表',
    report: '报告导出问题',
    rows: [
      ['华东', '1,204', '¥ 356,200'],
      ['华南', '986', '¥ 290,450'],
      ['华北', '1,033', '¥ 312,980'],
    ],
    columns: ['区域', '订单数', '销售额'],
    other: 'English',
    otherLang: 'en',
    note: '输入框和带 data-private 的内容在截图前会被自动遮挡。',
  },
  en: {
    title: 'Acme Reports · Echobox demo',
    product: 'Acme Reports',
    nav: ['Home', 'Reports', 'Settings'],
    heading: 'Sales report',
    intro:
      'A pretend product page with the Echobox suggestion box embedded (bottom corner). Send some feedback, then find it in the queue of the console.',
    console: 'Open the Echobox console',
    account: 'Billing account',
    search: 'Search orders',
    export: 'Export report',
    report: 'Report an export problem',
    rows: [
      ['East', '1,204', '¥ 356,200'],
      ['South', '986', '¥ 290,450'],
      ['North', '1,033', '¥ 312,980'],
    ],
    columns: ['Region', 'Orders', 'Revenue'],
    other: '中文',
    otherLang: 'zh-CN',
    note: 'Form fields and anything marked data-private are blanked before a screenshot is taken.',
  },
} as const;

/** The demo host page: a pretend product page with the widget's one script tag. */
export function demoPage(options: { siteKey: string; apiOrigin: string; lang: 'zh-CN' | 'en' }): string {
  const w = WORDS[options.lang];
  const e = escapeHtml;
  return `<!doctype html>
<html lang="${options.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(w.title)}</title>
<link rel="stylesheet" href="/demo/demo.css">
<link rel="icon" href="data:,">
</head>
<body>
<header><strong>${e(w.product)}</strong><nav>${w.nav.map((n) => `<a href="#">${e(n)}</a>`).join('')}<a href="/demo?lang=${w.otherLang}" lang="${w.otherLang}">${e(w.other)}</a></nav></header>
<main>
<h1>${e(w.heading)}</h1>
<p>${e(w.intro)} <a href="/" id="open-console">${e(w.console)}</a></p>
<p><label>${e(w.search)} <input type="search" name="q" value="ORD-2024-0520"></label> <button type="button">${e(w.export)}</button></p>
<table><thead><tr>${w.columns.map((c) => `<th scope="col">${e(c)}</th>`).join('')}</tr></thead>
<tbody>${w.rows.map((r) => `<tr>${r.map((c) => `<td>${e(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>
<p>${e(w.account)}: <span data-private>6222 0200 1234 5678</span></p>
<p class="note">${e(w.note)}</p>
<p><button type="button" id="report-export">${e(w.report)}</button></p>
</main>
<script src="/widget/widget.js" data-site-key="${e(options.siteKey)}" data-api="${e(options.apiOrigin)}" data-app-version="demo-1.0" async></script>
<script src="/demo/demo.js" defer></script>
</body>
</html>
`;
}

/** The demo page's script: a host-owned button opening the widget (queued until the widget has loaded). */
export const DEMO_JS = `window.Echobox = window.Echobox || function () { (window.Echobox.q = window.Echobox.q || []).push(arguments); };
document.getElementById('report-export').addEventListener('click', function () {
  var zh = document.documentElement.lang === 'zh-CN';
  window.Echobox('open', { category: 'product_defect', scenario: zh ? '报表页面,点击“导出报表”之后' : 'Reports page, after pressing Export report' });
});
`;

/** The demo page's styles. */
export const DEMO_CSS = `body{margin:0;font:16px/1.5 system-ui,sans-serif;color:#1f1f1f;background:#fafafa}
header{display:flex;justify-content:space-between;align-items:center;padding:12px 24px;background:#263238;color:#fff}
header a{color:#fff;margin-inline-start:16px}
main{max-width:760px;margin:24px auto;padding:0 24px}
table{border-collapse:collapse;width:100%;margin:16px 0;background:#fff}
th,td{border:1px solid #ccc;padding:8px;text-align:start}
button{font:inherit;padding:6px 14px}
input{font:inherit;padding:4px 8px}
.note{color:#555;font-size:14px}
`;
