import type { Locale } from '../../../shared/schemas/common';
import { t } from '../../i18n/t';
import type { TeachModel } from './teach-model';

/**
 * "Teach this page": per field a Pick button (the page shows an overlay), the proposed selector to
 * edit (with the schema's error), an optional attribute, and what it reads now; Save and Export.
 */
export function TeachPanel({ locale, model }: { locale: Locale; model: TeachModel }) {
  if (!model.open.value) return null;
  const preview = model.preview.value;
  const issues = model.issues.value;
  const exportHref = model.exportHref.value;
  const definition = preview?.definition;
  return (
    <section class="teach" data-testid="teach" aria-labelledby="teach-title">
      <h2 id="teach-title">{t(locale, 'ext.teach.title')}</h2>
      <p class="hint">{t(locale, 'ext.teach.hint')}</p>
      {model.fields.map((field) => {
        const name = t(locale, `ext.teach.field.${field}`);
        const rule = model.rules.value[field];
        const issue = issues[field];
        const value = preview?.values[field];
        const picking = model.picking.value === field;
        return (
          <fieldset key={field} data-testid={`teach-${field}`}>
            <legend class="label">{name}</legend>
            <div class="row">
              <button type="button" onClick={() => void (picking ? model.cancelPick() : model.pick(field))} aria-pressed={picking} data-testid={`teach-pick-${field}`}>
                {picking ? t(locale, 'ext.teach.cancel_pick') : t(locale, 'ext.teach.pick')}
              </button>
              {picking && <span class="hint" role="status">{t(locale, 'ext.teach.picking')}</span>}
            </div>
            <label class="field">
              <span class="hint">{t(locale, 'ext.teach.selector', { field: name })}</span>
              <input
                value={rule?.selector ?? ''}
                spellcheck={false}
                aria-invalid={issue ? 'true' : 'false'}
                aria-describedby={issue ? `teach-issue-${field}` : undefined}
                onChange={(e) => void model.edit(field, { selector: (e.currentTarget as HTMLInputElement).value })}
                data-testid={`teach-selector-${field}`}
              />
            </label>
            <label class="field">
              <span class="hint">{t(locale, 'ext.teach.attribute', { field: name })}</span>
              <input
                value={rule?.attribute ?? ''}
                spellcheck={false}
                onChange={(e) => void model.edit(field, { attribute: (e.currentTarget as HTMLInputElement).value })}
                data-testid={`teach-attribute-${field}`}
              />
            </label>
            {issue && (
              <p class="field-error" id={`teach-issue-${field}`} data-testid={`teach-issue-${field}`}>
                {t(locale, 'ext.teach.invalid', { message: issue })}
              </p>
            )}
            {rule?.selector && !issue && (
              <output class="teach-value" dir="auto" data-testid={`teach-value-${field}`}>
                {value ?? t(locale, 'ext.teach.nothing')}
                {field === 'body' && preview && preview.messageCount > 1 ? ` (${t(locale, 'ext.teach.messages', { count: preview.messageCount })})` : ''}
              </output>
            )}
          </fieldset>
        );
      })}
      {model.failure.value && (
        <p class="field-error" role="alert" data-testid="teach-failure">
          {t(locale, 'ext.teach.failed', { reason: model.failure.value.detail })}
        </p>
      )}
      {model.savedId.value && (
        <p class="ok" role="status" data-testid="teach-saved">
          {t(locale, 'ext.teach.saved', { id: model.savedId.value })}
        </p>
      )}
      <div class="row">
        <button type="button" class="primary" disabled={!definition} onClick={() => void model.save()} data-testid="teach-save">
          {t(locale, 'ext.teach.save')}
        </button>
        {exportHref && definition ? (
          <a class="button" href={exportHref} download={`${definition.id}.json`} data-testid="teach-export">
            {t(locale, 'ext.teach.export')}
          </a>
        ) : null}
        <button type="button" class="quiet" onClick={() => void model.close()} data-testid="teach-close">
          {t(locale, 'ext.teach.close')}
        </button>
      </div>
    </section>
  );
}
