import { effect } from '@preact/signals';
import type { OutboxEntry } from '../../../shared/sync';
import type { DraftPayload } from '../../records/draft';
import { createRecordFormModel, type RecordFormModel } from '../form/record-form-model';
import { createRedactionModel, type RedactionModel } from '../redaction/redaction-model';

/** The draft being edited: its outbox entry, form, redaction step and screenshot, and its autosave. */
export interface DraftState {
  entry: OutboxEntry<DraftPayload>;
  form: RecordFormModel;
  redaction: RedactionModel;
  image: Blob | null;
  /** Drop a pending autosave (the caller is about to write the draft itself). */
  cancelAutosave(): void;
  /** End the autosave with the draft: it must not outlive it (CONVENTIONS.md, a model owns its effects). */
  dispose(): void;
}

/**
 * One draft's model. Every change to its form is written shortly after through `save`, so closing
 * the panel loses nothing; the effect that does it lives and dies with this draft.
 */
export function createDraftModel(entry: OutboxEntry<DraftPayload>, image: Blob | null, autosave: { delayMs: number; save: () => void }): DraftState {
  const form = createRecordFormModel(entry.payload.form);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let first = true;
  const stop = effect(() => {
    void form.values.value;
    if (first) {
      first = false;
      return;
    }
    clearTimeout(timer);
    timer = setTimeout(autosave.save, autosave.delayMs);
  });
  const cancelAutosave = () => clearTimeout(timer);
  return {
    entry,
    form,
    redaction: createRedactionModel(),
    image,
    cancelAutosave,
    dispose() {
      cancelAutosave();
      stop();
    },
  };
}
