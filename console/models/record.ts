import { computed, signal } from '@preact/signals';
import * as z from 'zod/mini';
import { isConflict, type ApiFailure } from '../../shared/sync/request';
import { Record as RecordSchema, type Record as EchoRecord, type RecordPatch } from '../../shared/schemas/record';
import type { RecordDetail } from '../../shared/schemas/record-page';
import type { RecordWithObligations as RecordMutation } from '../../shared/schemas/record-answer';
import type { SimilarRecord } from '../../shared/schemas/similar-records';
import type { FieldIssue } from '../../shared/schemas/problem';
import type { Role } from '../../shared/schemas/enums';
import { can, canOnRecord, type Permission } from '../../shared/domain/permissions';
import type { ApiClient, Result } from '../api/client';

/** Who is looking at the record: what they may do follows from it. */
export interface Viewer {
  id: string;
  name: string;
  role: Role;
}

/** A refused action as the page shows it, next to the form that caused it. */
export interface ActionError {
  /** Which form or button failed (`screen`, `progress`, `change_request`…). */
  action: string;
  code: string;
  /** The server's own words; some refusals carry an instant in them (a change request's due-by). */
  message: string;
  fields: FieldIssue[];
}

/** A stale edit: what the person tried to save next to what someone else saved first. */
export interface EditConflict {
  mine: RecordPatch;
  theirs: EchoRecord;
}

/** The fields of a patch, in a stable order. */
export const patchFields = (patch: RecordPatch): Array<keyof RecordPatch> => Object.keys(patch).sort() as Array<keyof RecordPatch>;

/**
 * One record as the record page works on it: the detail (record, duplicates, audit, actions,
 * obligations), similar records, and every action the page offers, each reloading the detail so the
 * audit trail and obligations stay the server's. Edits carry the version seen; a stale one keeps
 * both versions in `conflict` until the person chooses field by field. (A plain factory rather than
 * createModel: the page also needs the id, the viewer and the client it was made with.)
 */
export function createRecordModel(api: ApiClient, id: string, viewer: Viewer) {
  const detail = signal<RecordDetail | null>(null);
  const loadError = signal<string | null>(null);
  const similar = signal<SimilarRecord[]>([]);
  const busy = signal<string | null>(null);
  const error = signal<ActionError | null>(null);
  const conflict = signal<EditConflict | null>(null);
  /** A short confirmation of the last successful action, announced politely. */
  const notice = signal<string | null>(null);

  const record = computed(() => detail.value?.record ?? null);
  const own = computed(() => {
    const r = record.value;
    return r !== null && (r.owner?.id === viewer.id || r.initiator.id === viewer.id);
  });
  /** Whether the viewer holds a permission on this record. */
  const allowed = (permission: Permission) => canOnRecord(viewer.role, permission, own.value);

  const load = async () => {
    const [got, alike] = await Promise.all([api.record(id), api.similar(id)]);
    if (got.ok) {
      detail.value = got.value;
      loadError.value = null;
    } else loadError.value = got.failure.code;
    if (alike.ok) similar.value = alike.value.items;
  };

  const fail = (action: string, failure: ApiFailure) => {
    error.value = { action, code: failure.code, message: failure.detail, fields: ('errors' in failure ? failure.errors : undefined) ?? [] };
  };

  /** Run one action: only one at a time, the error cleared before and set on failure, the detail reloaded after. */
  const run = async (action: string, send: () => Promise<Result<RecordMutation>>, done?: string): Promise<boolean> => {
    if (busy.peek()) return false;
    busy.value = action;
    error.value = null;
    notice.value = null;
    const result = await send();
    if (result.ok) {
      await load();
      notice.value = done ?? action;
    } else fail(action, result.failure);
    busy.value = null;
    return result.ok;
  };

  /** Save fields against the version on screen; a 409 keeps both versions for the person to choose from. */
  const save = async (action: string, patch: RecordPatch): Promise<boolean> => {
    const current = record.peek();
    if (!current || busy.peek()) return false;
    busy.value = action;
    error.value = null;
    notice.value = null;
    const result = await api.patchRecord(current.id, current.version, patch);
    // Busy until the new version is loaded: an edit sent before that would carry the old version.
    if (result.ok) await load();
    busy.value = null;
    if (result.ok) {
      notice.value = action;
      return true;
    }
    const theirs = isConflict(result.failure) && result.failure.current ? z.safeParse(RecordSchema, result.failure.current) : null;
    if (theirs?.success) conflict.value = { mine: patch, theirs: theirs.data };
    else fail(action, result.failure);
    return false;
  };

  /** Settle a conflict: per field, keep theirs or apply mine on top of their version. */
  const resolve = async (choice: Partial<Record<keyof RecordPatch, 'mine' | 'theirs'>>): Promise<boolean> => {
    const c = conflict.peek();
    if (!c) return false;
    const patch: Record<string, unknown> = {};
    for (const field of patchFields(c.mine)) if (choice[field] === 'mine') patch[field] = c.mine[field];
    // The page now stands on their version: the next save is checked against it.
    if (detail.peek()) detail.value = { ...detail.peek()!, record: c.theirs };
    conflict.value = null;
    if (Object.keys(patch).length === 0) {
      await load();
      return true;
    }
    return save('resolve', patch as RecordPatch);
  };

  return {
    id,
    api,
    viewer,
    detail,
    record,
    loadError,
    similar,
    busy,
    error,
    notice,
    conflict,
    allowed,
    /** Reviewer-only fields (nature, urgency, assessment, owner, task order…) may be set by this viewer. */
    reviews: computed(() => can(viewer.role, 'record.assess')),
    load,
    run,
    save,
    resolve,
    /** Nothing to stop: the model starts no effects or timers. */
    [Symbol.dispose]() {},
  };
}

/** One record page's model. */
export type RecordModel = ReturnType<typeof createRecordModel>;
