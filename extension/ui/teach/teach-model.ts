import { computed, signal } from '@preact/signals';
import type { AdapterDefinition } from '../../../shared/schemas/adapter';
import type { Locale } from '../../../shared/schemas/common';
import { TAUGHT_FIELDS, type TaughtField } from '../../../shared/capture/teach-definition';
import type { ApiFailure } from '../../../shared/sync/request';
import { t } from '../../i18n/t';
import type { MessageType, Reply, RequestOf } from '../../messaging/protocol';
import type { TaughtRulesInput, TeachPreview } from '../../teach/teach-input';

/** The teach view's I/O: messages to the background and the device's taught definitions. */
export interface TeachDeps {
  send: <K extends MessageType>(type: K, data: RequestOf<K>) => Promise<Reply<K>>;
  taught: { getValue(): Promise<AdapterDefinition[]>; setValue(value: AdapterDefinition[]): Promise<void> };
  locale: () => Locale;
}

/** "Teach this page": the rules being taught, the pick in progress, the live preview, save and export. */
export function createTeachModel(deps: TeachDeps) {
  const open = signal(false);
  const rules = signal<TaughtRulesInput>({});
  const picking = signal<TaughtField | null>(null);
  const preview = signal<TeachPreview | null>(null);
  const failure = signal<ApiFailure | null>(null);
  const savedId = signal<string | null>(null);
  /** Each field's first problem (an invalid selector), by field. */
  const issues = computed(() => {
    const out: Partial<Record<TaughtField | 'fields', string>> = {};
    for (const issue of preview.value?.issues ?? []) out[issue.field as TaughtField] ??= issue.message;
    return out;
  });
  /** The JSON file an admin publishes or uploads (an array of definitions, as the override file holds). */
  const exportHref = computed(() => {
    const definition = preview.value?.definition;
    return definition ? `data:application/json;charset=utf-8,${encodeURIComponent(JSON.stringify([definition], null, 2))}` : null;
  });

  async function refresh(): Promise<TeachPreview | null> {
    const result = await deps.send('teach.preview', { rules: rules.value });
    if (!result.ok) {
      failure.value = result.error;
      return null;
    }
    failure.value = null;
    preview.value = result.value;
    return result.value;
  }

  async function pick(field: TaughtField): Promise<void> {
    if (picking.value) await deps.send('teach.cancel', {});
    picking.value = field;
    savedId.value = null;
    const banner = t(deps.locale(), 'ext.teach.banner', { field: t(deps.locale(), `ext.teach.field.${field}`) });
    const result = await deps.send('teach.pick', { field, banner });
    if (picking.value === field) picking.value = null;
    if (!result.ok) {
      failure.value = result.error;
      return;
    }
    if (!result.value.pick) return;
    rules.value = { ...rules.value, [field]: { selector: result.value.pick.selector } };
    await refresh();
  }

  return {
    open,
    rules,
    picking,
    preview,
    failure,
    savedId,
    issues,
    exportHref,
    fields: TAUGHT_FIELDS,
    refresh,
    pick,
    /** Open the teach view on the current page and read what is taught so far. */
    async start() {
      open.value = true;
      savedId.value = null;
      await refresh();
    },
    async close() {
      if (picking.value) await deps.send('teach.cancel', {});
      picking.value = null;
      open.value = false;
    },
    async cancelPick() {
      picking.value = null;
      await deps.send('teach.cancel', {});
    },
    /** Edit one field's selector or attribute; the preview follows. */
    async edit(field: TaughtField, change: { selector?: string; attribute?: string }) {
      const current = rules.value[field] ?? { selector: '' };
      rules.value = { ...rules.value, [field]: { ...current, ...change } };
      savedId.value = null;
      await refresh();
    },
    /** Store the definition on this device (a later save of the same page bumps its version). */
    async save(): Promise<boolean> {
      const current = await refresh();
      if (!current?.definition) return false;
      const stored = await deps.taught.getValue();
      const previous = stored.find((a) => a.id === current.definition!.id);
      const definition = { ...current.definition, version: Math.min((previous?.version ?? 0) + 1, 1_000_000) };
      await deps.taught.setValue([definition, ...stored.filter((a) => a.id !== definition.id)]);
      preview.value = { ...current, definition };
      savedId.value = definition.id;
      return true;
    },
  };
}

/** The teach view's model. */
export type TeachModel = ReturnType<typeof createTeachModel>;
