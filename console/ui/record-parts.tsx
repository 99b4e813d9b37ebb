import type { ComponentChildren } from 'preact';
import type { Locale } from '../../shared/i18n/locale';
import { formatDateTime, formatTimeZoneName } from '../../shared/i18n/format-date';
import type { ActionError, RecordModel } from '../models/record';
import type { TimeLeft } from '../../shared/schemas/obligation';
import { errorText, textOf, type T } from '../i18n';

/** What every record section is given: the model, the translator and how to show instants. */
export interface SectionProps {
  model: RecordModel;
  t: T;
  locale: Locale;
  timeZone: string;
}

/** A titled card of the record page. */
export function Card({ id, title, aside, children }: { id: string; title: string; aside?: ComponentChildren; children: ComponentChildren }) {
  return (
    <section class="card" aria-labelledby={`${id}-title`}>
      <div class="card-head">
        <h2 id={`${id}-title`}>{title}</h2>
        {aside}
      </div>
      {children}
    </section>
  );
}

/** A label and its value; empty values show a dash. */
export function Item({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="item">
      <dt>{label}</dt>
      <dd>{children ?? '—'}</dd>
    </div>
  );
}

/** Date and time in the reader's language and the company's time zone, or a dash. */
export const when = (at: string | null | undefined, locale: Locale, timeZone: string): string => (at ? formatDateTime(at, locale, timeZone) : '—');

/**
 * Names the company's zone beside deadlines: the console shows every time in it, so a reviewer
 * abroad reads "due 23:59" as the company's end of day, not their own.
 */
export function ZoneNote({ t, locale, timeZone }: { t: T; locale: Locale; timeZone: string }) {
  return <span class="hint zone-note">{t('console.rec.zone', { name: formatTimeZoneName(locale, timeZone), zone: timeZone })}</span>;
}

/**
 * An unmet obligation's time left in working days on the company calendar and clock hours, as the
 * server counted it (shared/domain/time-left, like the queue), in words and colour; nothing when unknown.
 */
export function TimeLeftText({ t, left }: { t: T; left: TimeLeft | undefined }) {
  if (!left) return null;
  const values = { days: left.workingDays, hours: left.hours };
  const text = left.standing === 'breached' ? t('console.rec.overdueBy', values) : t('console.rec.timeLeft', values);
  const tone = left.standing === 'breached' ? 'is-breached' : left.standing === 'due_soon' ? 'is-soon' : 'is-on-track';
  return <span class={`time-left ${tone}`}>{text}</span>;
}

/** The failure of `action`, if the last one failed there: what the server said, in the reader's language. */
export function ActionFailure({ t, error, action }: { t: T; error: ActionError | null; action: string }) {
  if (!error || error.action !== action) return null;
  const guard = error.fields.find((f) => textOf(t, `workflow.guard.${f.code}`) !== `workflow.guard.${f.code}`)?.code;
  return (
    <p class="field-error" role="alert">
      {guard ? textOf(t, `workflow.guard.${guard}`) : errorText(t, error.code)}
      {error.fields.length > 0 && !guard && <span class="muted"> ({error.fields.map((f) => f.path.join('.')).join(', ')})</span>}
    </p>
  );
}

/** A labelled form control; `id` ties the label to it. */
export function Labelled({ id, label, hint, children }: { id: string; label: string; hint?: string; children: ComponentChildren }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {children}
      {hint && <span class="hint">{hint}</span>}
    </div>
  );
}

/** A select of enum codes with their labels (`enum.<name>.<code>`), with an empty "choose" option. */
export function EnumSelect({ id, t, name, codes, value, onChange, disabled, required }: {
  id: string;
  t: T;
  name: string;
  codes: readonly string[];
  value: string;
  onChange(value: string): void;
  disabled?: boolean;
  required?: boolean;
}) {
  return (
    <select id={id} value={value} disabled={disabled} required={required} onChange={(e) => onChange((e.target as HTMLSelectElement).value)}>
      <option value="">{t('console.rec.choose')}</option>
      {codes.map((code) => (
        <option key={code} value={code}>
          {textOf(t, `enum.${name}.${code}`)}
        </option>
      ))}
    </select>
  );
}
