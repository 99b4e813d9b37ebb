import { useState } from 'preact/hooks';
import type { RecordPatch } from '../../shared/schemas/record';
import { patchFields } from '../models/record';
import { formatValue } from './record-timeline';
import { textOf } from '../i18n';
import type { SectionProps } from './record-parts';

/**
 * A stale save: someone else saved first. Each field the person changed is shown with the other
 * person's version beside their own; they pick one per field and save (against the other version).
 */
export function RecordConflict({ model, t, locale, timeZone }: SectionProps) {
  const c = model.conflict.value;
  const fields = c ? patchFields(c.mine) : [];
  const [choice, setChoice] = useState<Partial<Record<keyof RecordPatch, 'mine' | 'theirs'>>>({});
  if (!c) return null;
  const pick = (f: keyof RecordPatch) => choice[f] ?? 'mine';
  const label = (f: string) => {
    const text = textOf(t, `field.${f}`);
    return text === `field.${f}` ? f : text;
  };
  return (
    <section class="conflict" role="alertdialog" aria-modal="false" aria-labelledby="conflict-title" aria-describedby="conflict-lead">
      <h2 id="conflict-title">{t('console.rec.conflictTitle')}</h2>
      <p id="conflict-lead" class="muted">{t('console.rec.conflictLead', { version: c.theirs.version })}</p>
      <table class="conflict-table">
        <thead>
          <tr>
            <th scope="col">{t('console.rec.field')}</th>
            <th scope="col">{t('console.rec.theirs')}</th>
            <th scope="col">{t('console.rec.mine')}</th>
          </tr>
        </thead>
        <tbody>
          {fields.map((f) => (
            <tr key={f} data-field={f}>
              <th scope="row">{label(f)}</th>
              {(['theirs', 'mine'] as const).map((side) => (
                <td key={side} class={pick(f) === side ? 'is-chosen' : ''}>
                  <label>
                    <input type="radio" name={`conflict-${f}`} checked={pick(f) === side} onChange={() => setChoice({ ...choice, [f]: side })} />
                    <span class="visually-hidden">{side === 'mine' ? t('console.rec.keepMine', { field: label(f) }) : t('console.rec.keepTheirs', { field: label(f) })}</span>
                    <span class="conflict-value">{formatValue(t, locale, timeZone, f, side === 'mine' ? c.mine[f] : (c.theirs as Record<string, unknown>)[f])}</span>
                  </label>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <div class="form-actions">
        <button type="button" class="button button-primary" onClick={() => void model.resolve(Object.fromEntries(fields.map((f) => [f, pick(f)])))}>
          {t('console.rec.saveChoice')}
        </button>
      </div>
    </section>
  );
}
