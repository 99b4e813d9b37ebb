/**
 * Why a record rule outside the workflow refused (details.guard of the failure; UI message key
 * 'rule.guard.<guard>'): progress, communications, contact, change requests, merges and linked requesters.
 */
export const RECORD_GUARDS = [
  'not_in_progress',
  'version_required',
  'contact_requires_consent',
  'change_request_late',
  'merge_into_self',
  'survivor_merged',
  'already_merged',
  'not_merged',
  'link_target_merged',
  'link_target_closed',
  'link_target_invalid',
  'link_undone',
  'link_already_undone',
] as const;
/** One record guard code. */
export type RecordGuard = (typeof RECORD_GUARDS)[number];
