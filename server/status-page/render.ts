import { t } from '../../shared/i18n/t';
import type { MessageKey } from '../../shared/i18n/catalog';
import { formatDateTime } from '../../shared/i18n/format-date';
import { LOCALES, type Locale } from '../../shared/schemas/common';
import { SATISFACTIONS } from '../../shared/schemas/codes';
import type { PublicProgress } from '../../shared/domain/public-progress';

/*
 * The status page as server-rendered HTML. Every value from a record (what staff wrote, the
 * customer's comment) goes through `escape`, and the page runs no script: the CSP in routes.ts
 * allows only its own stylesheet and forms posted back to itself.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** HTML-escape text for element content and quoted attributes. */
export const escape = (text: string): string => text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] as string);

const tr = (locale: Locale, key: string, params?: Record<string, string>) =>
  escape(t(locale, key as MessageKey, (params ?? {}) as never));

const LANGUAGE_NAMES: Record<Locale, string> = { 'zh-CN': '中文', en: 'English' };

const layout = (locale: Locale, title: string, body: string): string =>
  `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex">
<title>${title}</title>
<link rel="stylesheet" href="/status-assets/status.css">
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;

/** The page of one record's public progress, with the satisfaction question when it is asked. */
export function renderStatusPage(input: { progress: PublicProgress; locale: Locale; token: string; timeZone: string }): string {
  const { progress, locale, token, timeZone } = input;
  const when = (at: string) => escape(formatDateTime(at, locale, timeZone));
  const self = `/status/${encodeURIComponent(token)}`;
  const switcher = LOCALES.map((l) =>
    l === locale ? `<strong>${LANGUAGE_NAMES[l]}</strong>` : `<a href="${self}?lang=${l}" hreflang="${l}" lang="${l}">${LANGUAGE_NAMES[l]}</a>`,
  ).join(' · ');
  const milestones = progress.milestones.length
    ? `<ol class="milestones">${progress.milestones
        .map((m) => `<li>${tr(locale, `enum.milestone.${m.milestone}`)} <time datetime="${escape(m.at)}">${when(m.at)}</time></li>`)
        .join('')}</ol>`
    : `<p>${tr(locale, 'status.no_milestones')}</p>`;
  const told = progress.told.length
    ? `<ul class="told">${progress.told
        .map(
          (c) =>
            `<li><h3>${tr(locale, `enum.communicationKind.${c.kind}`)}${c.expectedVersion ? ` · ${escape(c.expectedVersion)}` : ''} <time datetime="${escape(c.at)}">${when(c.at)}</time></h3><p class="message">${escape(c.message)}</p></li>`,
        )
        .join('')}</ul>`
    : `<p>${tr(locale, 'status.nothing_told')}</p>`;
  const rated = progress.rating
    ? `<p class="rated" role="status">${tr(locale, 'status.rated', { rating: t(locale, `enum.satisfaction.${progress.rating}` as MessageKey, {} as never) })}</p>${
        progress.rating === 'dissatisfied' ? `<p>${tr(locale, 'satisfaction.dissatisfied_follow_up')}</p>` : ''
      }`
    : '';
  const form = progress.canRate
    ? `<form method="post" action="${self}/rating?lang=${locale}">
<fieldset><legend>${tr(locale, 'status.rate_title')}</legend>
${SATISFACTIONS.map((s) => `<label><input type="radio" name="rating" value="${s}" required> ${tr(locale, `enum.satisfaction.${s}`)}</label>`).join('\n')}
</fieldset>
<label for="comment">${tr(locale, 'status.comment')}</label>
<textarea id="comment" name="comment" maxlength="2000" rows="4"></textarea>
<button type="submit">${tr(locale, 'status.submit')}</button>
</form>`
    : '';
  const title = tr(locale, 'status.title', { recordNumber: progress.recordNumber });
  return layout(
    locale,
    title,
    `<nav aria-label="${tr(locale, 'status.language')}">${switcher}</nav>
<h1>${title}</h1>
<section><h2>${tr(locale, 'status.status')}</h2><p class="status">${tr(locale, `status.state.${progress.status}`)}</p></section>
<section><h2>${tr(locale, 'status.milestones')}</h2>${milestones}</section>
<section><h2>${tr(locale, 'status.told')}</h2>${told}</section>
${rated}${form}`,
  );
}

/** The page for a link that is malformed, tampered with, expired or revoked: in both languages, saying nothing more. */
export function renderInvalidLink(): string {
  const parts = LOCALES.map(
    (l) => `<section lang="${l}"><h1>${tr(l, 'status.invalid_title')}</h1><p>${tr(l, 'status.invalid_body')}</p></section>`,
  ).join('\n');
  return layout('zh-CN', `${tr('zh-CN', 'status.invalid_title')} / ${tr('en', 'status.invalid_title')}`, parts);
}

/** The page's stylesheet, served from this server so the CSP needs no inline styles. */
export const STATUS_CSS = `body{font:16px/1.6 system-ui,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;background:#f6f7f9;color:#1d2127}
main{max-width:40rem;margin:0 auto;padding:1.5rem}
nav{text-align:right;font-size:.9rem}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:1.5rem}h3{font-size:1rem;margin:0}
.told li,.milestones li{margin:.5rem 0}.message{white-space:pre-wrap;margin:.25rem 0}
time{color:#5b6470;font-size:.85rem;font-weight:normal;margin-left:.5rem}
fieldset{border:1px solid #c8ced6;border-radius:6px;margin:1rem 0}
label{display:block;margin:.25rem 0}textarea{width:100%;box-sizing:border-box}
button{margin-top:.75rem;padding:.5rem 1rem;font:inherit}
@media (prefers-color-scheme:dark){body{background:#15181c;color:#e6e9ed}time{color:#9aa4b0}}
`;
