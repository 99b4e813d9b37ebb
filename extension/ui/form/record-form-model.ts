import { computed, signal } from '@preact/signals';
import { coachProblem } from '../../../shared/domain/coaching';
import type { FieldIssue } from '../../../shared/schemas/problem';
import type { DraftForm } from '../../records/draft';
import { maskedContactOf } from '../../records/record-input';

/** Fields of the form a person edits (text inputs, selects, the consent box). */
export type FormField = keyof DraftForm;

/**
 * The record form's view model: the values as typed, the coaching verdict on the problem text,
 * and the field issues of the last save attempt (shared RecordInput paths). It does no I/O: the
 * panel model persists `values` (autosave) and builds the record from them.
 */
export function createRecordFormModel(initial: DraftForm) {
  const values = signal<DraftForm>(initial);
  /** The contact as last typed, in memory only (the draft keeps the masked form): sent to the vault if the customer consents. */
  const typedContact = signal('');
  const issues = signal<FieldIssue[]>([]);
  const coaching = computed(() => coachProblem(values.value.problem, { scenario: values.value.scenario }));
  const issueOf = (field: string) => issues.value.find((i) => i.path[0] === field);
  return {
    values,
    typedContact,
    issues,
    coaching,
    issueOf,
    /** Change one field; its issue goes away until the next save attempt. */
    set<K extends FormField>(field: K, value: DraftForm[K]) {
      const next = { ...values.value };
      if (value === undefined || value === '') {
        if (typeof initial[field] === 'string' || typeof values.value[field] === 'string') (next as Record<string, unknown>)[field] = '';
        else delete (next as Record<string, unknown>)[field];
      } else (next as Record<string, unknown>)[field] = value;
      values.value = next;
      if (field === 'contact') typedContact.value = typeof value === 'string' ? value : '';
      if (issueOf(field)) issues.value = issues.value.filter((i) => i.path[0] !== field);
    },
    /** Mask the contact as soon as the field is left, so the raw number is never kept (DOMAIN.md §3). */
    maskContact() {
      const raw = values.value.contact;
      if (raw.trim()) values.value = { ...values.value, contact: maskedContactOf(raw) };
    },
    showIssues(list: FieldIssue[]) {
      issues.value = list;
    },
  };
}
/** The record form's model. */
export type RecordFormModel = ReturnType<typeof createRecordFormModel>;
