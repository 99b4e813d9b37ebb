import { err, ok, type Result } from './result';

/** Placeholders a customer e-mail template may use (shared/schemas/message.ts lists them for clients). */
const KNOWN = new Set(['recordNumber', 'message', 'version', 'statusUrl']);

/**
 * Whether a company's template can be used: the subject names the record number (customers and
 * staff find the thread by it), the body carries the status-page link (every message does,
 * DOMAIN.md §13), and no placeholder is unknown (it would reach the customer as `{typo}`).
 */
export function checkTemplate(subject: string, body: string): Result<true> {
  if (!subject.includes('{recordNumber}')) {
    return err('validation_failed', 'The subject must contain {recordNumber}.', { path: ['subject'] });
  }
  if (!body.includes('{statusUrl}')) return err('validation_failed', 'The body must contain {statusUrl}.', { path: ['body'] });
  for (const [field, text] of [['subject', subject], ['body', body]] as const) {
    for (const m of text.matchAll(/\{(\w+)\}/g)) {
      if (!KNOWN.has(m[1] as string)) {
        return err('validation_failed', `Unknown placeholder {${m[1]}}.`, { path: [field], details: { allowed: [...KNOWN] } });
      }
    }
  }
  if (/[\r\n]/.test(subject)) return err('validation_failed', 'The subject must be one line.', { path: ['subject'] });
  return ok(true);
}

/** Fill a template's placeholders; values are plain text (the e-mail is sent as text/plain). */
export function fillTemplate(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(values, name) ? (values[name] as string) : whole));
}
