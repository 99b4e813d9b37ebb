/*
 * Styles of the box (dialog, form, cards), adopted next to the loader's sheet. Logical properties
 * only (inline/block), so a right-to-left page mirrors the layout; colours come from the theme
 * variables in host-css.ts. Below 600px the dialog becomes a bottom sheet.
 */

/** CSS of the suggestion box and the cards. */
export const boxCss =
  '.d{width:min(440px,calc(100vw - 32px));max-width:none;max-height:calc(100vh - 48px);margin-block:auto 24px;margin-inline:auto 24px;' +
  'padding:0;border:1px solid var(--l);border-radius:var(--rad);background:var(--b);color:var(--f);box-shadow:0 8px 32px #0006;font:inherit}' +
  '.d::backdrop{background:#0005}.d,.d *{box-sizing:border-box}' +
  '.h{display:flex;align-items:center;justify-content:space-between;padding:12px 16px;border-block-end:1px solid var(--l)}' +
  'h2,h3{margin:0;font-size:16px}' +
  '.x{min-width:36px;min-height:36px;border:0;border-radius:18px;background:none;color:inherit;font-size:22px;cursor:pointer}' +
  '.f,.sent,.rd{display:grid;gap:8px;padding:16px}' +
  'label,legend{font-weight:600}' +
  'input[type=text],textarea{width:100%;margin:0;padding:8px 10px;border:1px solid var(--l);border-radius:8px;background:var(--b);color:inherit;font:inherit}' +
  'fieldset{display:flex;flex-wrap:wrap;gap:8px;min-width:0;margin:0;padding:0;border:0}legend{padding:0 0 6px}' +
  '.o{display:flex;align-items:center;gap:6px;min-height:36px;padding:0 12px;border:1px solid var(--l);border-radius:18px;font-weight:400;cursor:pointer}' +
  '.o:has(:checked){border-color:var(--a);background:var(--s)}' +
  '.o input,.c input{margin:0;accent-color:var(--a)}' +
  '.c{display:flex;gap:8px;font-weight:400}' +
  '.req,.hint{font-size:12px;font-weight:400;color:var(--m)}.hint{margin:-6px 0 0}.ft .hint{margin:0}' +
  '.err,.bad{margin:0;color:var(--e)}.bad{padding:8px;border:1px solid}' +
  '[aria-invalid=true]:not(fieldset){border:2px solid var(--e)}' +
  '.coach{margin:0;padding:8px;border-inline-start:3px solid var(--a);background:var(--s)}' +
  '.shot,.ft{display:flex;flex-wrap:wrap;align-items:center;gap:8px}.ft{justify-content:space-between}' +
  '.btn{min-height:40px;padding:0 16px;border:1px solid var(--l);border-radius:20px;background:var(--b);color:var(--f);font:inherit;font-weight:600;cursor:pointer}' +
  '.pri{border-color:var(--a);background:var(--a);color:var(--af)}[aria-disabled=true]{opacity:.6}' +
  ':focus-visible{outline:3px solid var(--a);outline-offset:2px}' +
  '.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)}' +
  '.rd canvas{width:100%;border:1px solid var(--l);touch-action:none;cursor:crosshair}' +
  '@media (max-width:600px){.d{width:100%;max-height:90vh;margin:auto 0 0;border-width:1px 0 0;border-radius:var(--rad) var(--rad) 0 0}' +
  'input[type=text],textarea{font-size:16px}}';
