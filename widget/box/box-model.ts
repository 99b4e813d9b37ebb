import { signal, type Signal } from '../signals';
import type { ComponentType } from 'preact';
import type { ItemError } from '../../shared/schemas/sync';
import type { PageContext } from '../../shared/schemas/page-context';
import type { SubmissionInput } from '../../shared/schemas/submission';
import type { OutboxEntry, OutboxState } from '../../shared/sync/types';
import type { BoxContext, OpenOptions } from '../contract';
import { createFormModel, type FormModel } from './form-model';
import { uuidv7 } from './ids';
import type { Store } from './store';
import type { T } from './i18n';
import type { Locale } from '../../shared/i18n/locale';
import { buildSubmission, loadMasking, queueSubmission, type Draft, type Screenshot } from './submission';

/** Which face the dialog shows. */
export type View = 'form' | 'sent' | 'redact';

/** The last submission as its outbox entry stands. */
export interface SentState {
  id: string;
  state: OutboxState;
  recordNumber?: string;
  error?: ItemError;
}

/** Props of the screenshot chunk's redaction step. */
export interface RedactorProps {
  image: HTMLCanvasElement;
  t: T;
  locale: Locale;
  /** The redacted picture with its metadata (id, digest, time taken). */
  onAttach(shot: Screenshot): void;
  onCancel(): void;
}

/** The lazily loaded screenshot chunk. */
export interface ScreenshotModule {
  /** Render the page (minus `exclude`) with inputs and [data-private] blanked. */
  capture(exclude: Element): Promise<HTMLCanvasElement>;
  Redactor: ComponentType<RedactorProps>;
}

/** What the box model acts through. */
export interface BoxDeps {
  store: Store;
  ctx: BoxContext;
  now(): number;
  page(): PageContext;
  loadScreenshot(): Promise<ScreenshotModule>;
}

/** State and actions of the suggestion box; the view only renders it and calls the actions. */
export interface BoxModel {
  form: FormModel;
  locale: Locale;
  isOpen: Signal<boolean>;
  view: Signal<View>;
  /** A submit is being written or sent. */
  busy: Signal<boolean>;
  sent: Signal<SentState | undefined>;
  /** Why the server refused the submission now being corrected. */
  rejected: Signal<ItemError | undefined>;
  /** Entries of any kind still waiting to be sent from this device. */
  pending: Signal<number>;
  shot: Signal<'idle' | 'taking' | 'failed'>;
  redact: Signal<{ image: HTMLCanvasElement; Redactor: ComponentType<RedactorProps> } | undefined>;
  open(options?: OpenOptions): void;
  close(): void;
  submit(): Promise<void>;
  /** Start a new submission after one was sent or saved. */
  another(): void;
  takeScreenshot(): Promise<void>;
  attachScreenshot(shot: Screenshot): void;
  cancelScreenshot(): void;
  /** Re-read the outbox: pending count and what became of the last submission. */
  refresh(): Promise<void>;
  dispose(): void;
}

/** The draft a stored payload came from (masked values as they were stored; a consented contact as typed, so a resend keeps it). */
const draftOf = (p: SubmissionInput): Draft => ({
  category: p.category,
  scenario: p.scenario ?? '',
  problem: p.problem,
  expectedSolution: p.expectedSolution ?? '',
  contact: (p.consentedContact ? [p.consentedContact.contact.phone, p.consentedContact.contact.email].filter(Boolean).join(' ') : p.contact) ?? '',
  contactConsent: p.contactConsent,
});

/** A developer message for the `error` event. */
const describe = (error: unknown): string => String((error as Error | null)?.message ?? error);

/** Build the box model over the store; call refresh() once to pick up earlier visits' entries. */
export function createBoxModel(deps: BoxDeps): BoxModel {
  const { store, ctx, now } = deps;
  const form = createFormModel();
  const emitted = new Set<string>();
  let lastDraft: Draft | undefined;
  /** A rejected entry being corrected keeps its id. */
  let resendId: string | undefined;

  /** Follow the last submission's entry: tell what became of it, once per outcome. */
  const settleView = (entry: OutboxEntry) => {
    const { id, state, error } = entry;
    const recordNumber = entry.result?.recordNumber;
    m.sent.value = { id, state, recordNumber, error };
    const outcome = state === 'synced' ? 'sent' : state === 'queued' && entry.attempts ? 'saved' : state === 'rejected' || state === 'conflict' ? 'refused' : '';
    if (!outcome || emitted.has(id + outcome)) return;
    emitted.add(id + outcome);
    if (outcome !== 'refused') return ctx.emit('submitted', { id, status: outcome, recordNumber });
    ctx.emit('error', { code: error?.code ?? 'internal', message: error?.message ?? '' });
    // Back to the form with what was typed, unless the person has moved on to a new one.
    if (m.view.value !== 'sent') return;
    // An id the server knows with another body cannot be reused; a refused one can.
    resendId = state === 'rejected' ? id : undefined;
    m.rejected.value = error;
    form.restore(lastDraft ?? draftOf(entry.payload as SubmissionInput), error?.errors);
    form.screenshot.value = lastDraft?.screenshot;
    m.view.value = 'form';
  };

  /** A submission refused on an earlier visit comes back into an empty form for correction: nothing is lost. */
  const restoreRefused = async () => {
    const [refused] = await store.outbox.list({ kind: 'submission', state: 'rejected' });
    if (!refused || resendId || m.busy.value || m.view.value !== 'form' || form.problem.value) return;
    resendId = refused.id;
    m.rejected.value = refused.error;
    form.restore(draftOf(refused.payload as SubmissionInput), refused.error?.errors);
  };

  const m: BoxModel = {
    form,
    locale: ctx.settings.locale,
    isOpen: signal(false),
    view: signal('form'),
    busy: signal(false),
    sent: signal(undefined),
    rejected: signal(undefined),
    pending: signal(0),
    shot: signal('idle'),
    redact: signal(undefined),

    open(options) {
      if (m.isOpen.value) return;
      const s = m.sent.value;
      if (m.view.value === 'sent' && s && s.state !== 'sending') m.another();
      form.prefill({ category: options?.category, scenario: options?.scenario ?? (document.title.trim() || location.pathname) });
      m.isOpen.value = true;
      // The masker loads while the person writes, so a submit finds it even if the network goes.
      loadMasking().catch(() => {});
      void restoreRefused();
      ctx.emit('open', undefined);
    },

    close() {
      if (!m.isOpen.value) return;
      m.isOpen.value = false;
      if (m.view.value === 'redact') m.cancelScreenshot();
      ctx.emit('close', undefined);
    },

    async submit() {
      if (m.busy.value) return;
      const review = form.review();
      if (review.kind !== 'ready') return;
      m.busy.value = true;
      const id = resendId ?? uuidv7(now());
      try {
        lastDraft = review.draft;
        const masking = await loadMasking();
        const payload = buildSubmission(review.draft, {
          id,
          submittedAt: new Date(now()),
          page: deps.page(),
          reporter: store.credential(),
          locale: ctx.settings.locale,
        }, masking);
        await queueSubmission(store, payload, review.draft.screenshot, now());
      } catch (error) {
        // Not even stored (storage full or blocked): say so and keep every field as it is.
        ctx.emit('error', (m.rejected.value = { code: 'internal', message: describe(error) }));
        m.busy.value = false;
        return;
      }
      resendId = undefined;
      m.rejected.value = undefined;
      m.sent.value = { id, state: 'queued' };
      m.view.value = 'sent';
      form.reset();
      await store.engine.flush();
      await m.refresh();
      m.busy.value = false;
    },

    another() {
      m.sent.value = undefined;
      lastDraft = undefined;
      m.view.value = 'form';
    },

    async takeScreenshot() {
      m.shot.value = 'taking';
      try {
        const mod = await deps.loadScreenshot();
        const image = await mod.capture(ctx.host);
        m.redact.value = { image, Redactor: mod.Redactor };
        m.view.value = 'redact';
        m.shot.value = 'idle';
      } catch (error) {
        m.shot.value = 'failed';
        ctx.emit('error', { code: 'screenshot_failed', message: describe(error) });
      }
    },

    attachScreenshot(shot) {
      form.screenshot.value = shot;
      m.cancelScreenshot();
    },

    cancelScreenshot() {
      m.redact.value = undefined;
      m.view.value = 'form';
    },

    async refresh() {
      m.pending.value = await store.outbox.count(['queued', 'sending']);
      const current = m.sent.value && (await store.outbox.get(m.sent.value.id));
      if (current) settleView(current);
    },

    dispose: () => {},
  };

  const unsubscribe = store.outbox.subscribe((change) => {
    if (change.store === 'entries') void m.refresh().catch(() => {});
  });
  m.dispose = unsubscribe;
  return m;
}
