import type { Role } from '../schemas/enums';
import type { Record as EchoRecord, RecordPatch } from '../schemas/record';
import type { WorkingDayCalendar } from './calendar';
import { can } from './permissions';
import { explainPriority } from './priority';
import { withResponseDeadline } from './record-workflow';
import type { RecordGuard } from './record-guards';
import { err, ok, type Result } from './result';

/** Fields only screening and assessment roles (record.assess) may set through an edit. */
export const REVIEW_FIELDS = [
  'nature',
  'urgency',
  'owner',
  'responsibleDepartment',
  'assessment',
  'taskOrder',
  'result',
] as const satisfies ReadonlyArray<keyof RecordPatch>;

/** Fields the record always carries: cleared to null, never removed. */
const NULLABLE: ReadonlySet<string> = new Set(REVIEW_FIELDS);

/**
 * An edit applied to a record: absent keeps, null clears. Review fields need record.assess
 * ('forbidden'); contact details need the customer's consent (DOMAIN.md §3, 'validation_failed' on
 * contact); an assessment gets its suggested priority and score (§6); a new urgency of a valid
 * record recounts its deadline (§5).
 */
export function editRecord(doc: EchoRecord, patch: RecordPatch, role: Role, calendar: WorkingDayCalendar): Result<EchoRecord> {
  const review = REVIEW_FIELDS.filter((f) => patch[f] !== undefined);
  if (review.length > 0 && !can(role, 'record.assess')) {
    return err('forbidden', `Only reviewers may set ${review.join(', ')}.`, { details: { fields: review } });
  }
  const next = { ...doc } as { [key: string]: unknown };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (value !== null) next[key] = value;
    else if (NULLABLE.has(key)) next[key] = null;
    else delete next[key];
  }
  let record = next as unknown as EchoRecord;
  if (record.contact !== undefined && !record.contactConsent) {
    return err('validation_failed', 'Contact details need the customer’s consent: set contactConsent: true or remove contact.', {
      path: ['contact'],
      details: { guard: 'contact_requires_consent' satisfies RecordGuard },
    });
  }
  if (patch.assessment) {
    const suggestion = explainPriority(patch.assessment);
    if (suggestion.ok) {
      record.assessment = { ...patch.assessment, score: suggestion.value.score };
      record.suggestedPriority = suggestion.value;
    }
  } else if (patch.assessment === null) delete record.suggestedPriority;
  if (patch.urgency !== undefined && record.validity === 'valid') record = withResponseDeadline(record, calendar);
  return ok(record);
}
