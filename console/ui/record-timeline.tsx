import type { Locale } from '../../shared/i18n/locale';
import type { AuditEntry } from '../../shared/schemas/audit-entry';
import { textOf, type T } from '../i18n';
import { Card, when, type SectionProps } from './record-parts';

/** Record fields whose values are enum codes, by the enum's label name. */
const ENUM_FIELDS: Record<string, string> = {
  status: 'status',
  validity: 'validity',
  nature: 'nature',
  urgency: 'urgency',
  category: 'category',
  source: 'source',
  channel: 'channel',
  channelMode: 'channelMode',
  customerType: 'customerType',
  customerKind: 'customerKind',
  initialPriority: 'initialPriority',
};

/** Fields every change touches: not worth a line each. */
const QUIET = new Set(['version', 'updatedAt']);
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const clip = (s: string) => (s.length > 160 ? `${s.slice(0, 160)}…` : s);

/** A stored value as the reader reads it: labels for codes, names for people, dates in their zone, a summary for histories. */
export function formatValue(t: T, locale: Locale, timeZone: string, field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (ENUM_FIELDS[field] && typeof value === 'string') return textOf(t, `enum.${ENUM_FIELDS[field]}.${value}`);
  if (Array.isArray(value)) return t('console.rec.entries', { count: value.length });
  if (typeof value === 'string') return ISO.test(value) ? when(value, locale, timeZone) : clip(value);
  if (typeof value === 'boolean') return value ? t('console.rec.yes') : t('console.rec.no');
  if (typeof value !== 'object') return String(value);
  const o = value as Record<string, unknown>;
  if (field === 'assessment') return `${String(o.priority)} · ${textOf(t, `enum.handling.${String(o.handling)}`)}`;
  if (field === 'taskOrder') return `${clip(String(o.goal))} · ${String(o.deadline)}`;
  if (typeof o.name === 'string') return o.name;
  return clip(JSON.stringify(value));
}

/** A workflow step in the reader's language (`transition:mark_valid`), sub-resources by their label, else as named. */
const actionLabel = (t: T, action: string): string => {
  const step = /^transition:(\w+)$/.exec(action)?.[1];
  const key = step ? `workflow.action.${step}` : `console.rec.action.${action.replace(':', '_')}`;
  const text = textOf(t, key);
  return text === key ? action : text;
};

/** A record field's label, or its name when it has none. */
const fieldLabel = (t: T, field: string): string => {
  const text = textOf(t, `field.${field}`);
  return text === `field.${field}` ? field : text;
};

/** One entry's changed fields, before → after. */
function Changes({ entry, t, locale, timeZone }: { entry: AuditEntry; t: T; locale: Locale; timeZone: string }) {
  if (entry.action === 'create' || !entry.after) return null;
  // Field names are the record's own keys; read them as a plain map to render any of them.
  const before = (entry.before ?? {}) as Readonly<Record<string, unknown>>;
  const after = (entry.after ?? {}) as Readonly<Record<string, unknown>>;
  const fields = Object.keys(after).filter((f) => !QUIET.has(f));
  if (fields.length === 0) return null;
  return (
    <dl class="changes">
      {fields.map((f) => (
        <div key={f} class="change">
          <dt>{fieldLabel(t, f)}</dt>
          <dd>
            <span class="before">{formatValue(t, locale, timeZone, f, before[f])}</span>
            <span aria-label={t('console.rec.changedTo')}> → </span>
            <span class="after">{formatValue(t, locale, timeZone, f, after[f])}</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** The full audit trail, newest first: who did what and when, with before and after per field. */
export function RecordTimeline({ model, t, locale, timeZone }: SectionProps) {
  const audit = model.detail.value!.audit;
  return (
    <Card id="audit" title={t('console.record.audit')}>
      {audit.length === 0 ? (
        <p class="muted">{t('console.record.noAudit')}</p>
      ) : (
        <ol class="timeline">
          {[...audit].reverse().map((entry) => (
            <li key={entry.id}>
              <span class="timeline-head">
                <span class="timeline-action">{actionLabel(t, entry.action)}</span>
                <span class="muted">
                  {entry.actor.label} · {when(entry.at, locale, timeZone)}
                </span>
              </span>
              <Changes entry={entry} t={t} locale={locale} timeZone={timeZone} />
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
