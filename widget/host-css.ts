/*
 * The loader's styles: the host element, the theme variables and the launcher. Host pages theme the
 * widget with --echobox-* custom properties (they inherit through the shadow boundary) and restyle
 * parts with ::part(launcher), ::part(dialog), ::part(submit) …; nothing else of the page gets in.
 * `:host { all: initial !important }` wins over any page rule on the host element, because
 * !important declarations from inside a shadow tree beat those from outside it.
 */

const DARK =
  '--a:var(--echobox-accent-dark,#a8c7fa);--af:var(--echobox-accent-text-dark,#062e6f);--b:var(--echobox-background-dark,#1f1f1f);' +
  '--f:var(--echobox-text-dark,#e3e3e3);--m:var(--echobox-muted-dark,#c4c7c5);--e:var(--echobox-error-dark,#f2b8b5);' +
  '--l:var(--echobox-border-dark,#8e918f);--s:var(--echobox-surface-dark,#2d2f31);color-scheme:dark';

/** CSS of the host element, the theme and the launcher (adopted by the shadow root). */
export const hostCss =
  ':host{all:initial!important;display:contents!important}' +
  '.r{--a:var(--echobox-accent,#0b57d0);--af:var(--echobox-accent-text,#fff);--b:var(--echobox-background,#fff);' +
  '--f:var(--echobox-text,#1f1f1f);--m:var(--echobox-muted,#5e5e5e);--e:var(--echobox-error,#b3261e);' +
  '--l:var(--echobox-border,#747775);--s:var(--echobox-surface,#f1f3f4);--rad:var(--echobox-radius,12px);' +
  'font:14px/1.5 var(--echobox-font,system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif);' +
  'color:var(--f);color-scheme:light;position:fixed;z-index:2147483646}' +
  `@media (prefers-color-scheme:dark){.auto{${DARK}}}.dark{${DARK}}` +
  '.l{all:initial;position:fixed;inset-block-end:20px;inset-inline-end:20px;box-sizing:border-box;' +
  'display:flex;align-items:center;gap:6px;min-height:44px;padding:0 18px;border-radius:22px;background:var(--a);color:var(--af);' +
  'font:inherit;font-weight:600;cursor:pointer;box-shadow:0 2px 10px #0005}' +
  '.bottom-start{inset-inline-end:auto;inset-inline-start:20px}' +
  '.l:focus-visible{outline:3px solid var(--f);outline-offset:3px}' +
  '.l svg{width:20px;height:20px;fill:currentColor}';
