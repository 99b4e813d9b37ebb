import { computed, signal } from '@preact/signals';
import * as z from 'zod/mini';
import { DepartmentCode } from '../../../shared/schemas/common';
import type { ErrorCode } from '../../../shared/schemas/error-codes';
import type { ExtensionMessageKey } from '../../i18n/t';
import type { Reply, RequestOf } from '../../messaging/protocol';
import { originPattern, serverUrlProblem, type ExtensionOptions } from '../../storage/extension-options';

/** The options page's I/O. */
export interface OptionsDeps {
  load: () => Promise<ExtensionOptions>;
  save: (options: ExtensionOptions) => Promise<void>;
  /** Ask for an optional host permission (must run in the click that saves). */
  requestOrigin: (pattern: string) => Promise<boolean>;
  hasOrigin: (pattern: string) => Promise<boolean>;
  check: (data: RequestOf<'connection.check'>) => Promise<Reply<'connection.check'>>;
}

/** Result of the connection and token check. */
export type CheckState =
  | { state: 'idle' | 'checking' }
  | { state: 'ok'; name: string; role: string }
  | { state: 'failed'; key: ExtensionMessageKey; code?: ErrorCode };

/** Helpdesk domains whose pages can be clipped without clicking the toolbar button first. */
export const HELPDESK_ORIGINS = [
  'https://*.zendesk.com/*',
  'https://*.freshdesk.com/*',
  'https://*.atlassian.net/*',
  'https://github.com/*',
  'https://app.intercom.com/*',
  'https://secure.helpscout.net/*',
] as const;

/** The options form: values as typed, their problems, the save and the connection check. */
export function createOptionsModel(deps: OptionsDeps) {
  const values = signal<ExtensionOptions | null>(null);
  const check = signal<CheckState>({ state: 'idle' });
  const saved = signal(false);
  const granted = signal<Record<string, boolean>>({});
  const problems = computed(() => {
    const v = values.value;
    const list: Partial<Record<'serverUrl' | 'department', ExtensionMessageKey>> = {};
    if (!v) return list;
    const server = v.serverUrl ? serverUrlProblem(v.serverUrl) : null;
    if (server) list.serverUrl = `ext.options.${server}`;
    if (v.department && !z.safeParse(DepartmentCode, v.department).success) list.department = 'ext.options.invalid_department';
    return list;
  });

  async function runCheck(): Promise<void> {
    const v = values.value;
    if (!v || !v.serverUrl || !v.token || problems.value.serverUrl) return;
    check.value = { state: 'checking' };
    const result = await deps.check({ serverUrl: v.serverUrl, token: v.token });
    if (result.ok) {
      check.value = { state: 'ok', name: result.value.identity.name, role: result.value.identity.role };
      return;
    }
    const code = result.error.code;
    check.value =
      code === 'unauthenticated' || code === 'forbidden'
        ? { state: 'failed', key: 'ext.options.check_token' }
        : { state: 'failed', key: 'ext.options.check_unreachable', code };
  }

  return {
    values,
    saved,
    granted,
    problems,
    async init() {
      values.value = await deps.load();
      const state: Record<string, boolean> = {};
      for (const origin of HELPDESK_ORIGINS) state[origin] = await deps.hasOrigin(origin);
      granted.value = state;
    },
    set<K extends keyof ExtensionOptions>(key: K, value: ExtensionOptions[K]) {
      if (!values.value) return;
      values.value = { ...values.value, [key]: key === 'department' ? String(value).toUpperCase() : value };
      saved.value = false;
    },
    setDefault<K extends keyof ExtensionOptions['defaults']>(key: K, value: ExtensionOptions['defaults'][K] | undefined) {
      if (!values.value) return;
      const defaults = { ...values.value.defaults };
      if (value === undefined) delete defaults[key];
      else defaults[key] = value;
      values.value = { ...values.value, defaults };
      saved.value = false;
    },
    /**
     * Save, asking for access to the server's origin in the same click (a runtime optional host
     * permission), then check the connection and token. The options are kept even if the check fails.
     */
    async save(): Promise<void> {
      const v = values.value;
      if (!v || Object.keys(problems.value).length > 0) return;
      const trimmed: ExtensionOptions = { ...v, serverUrl: v.serverUrl.trim().replace(/\/+$/, ''), token: v.token.trim(), initiatorName: v.initiatorName.trim() };
      const pattern = trimmed.serverUrl ? originPattern(trimmed.serverUrl) : null;
      const allowed = pattern ? (await deps.hasOrigin(pattern)) || (await deps.requestOrigin(pattern)) : true;
      values.value = trimmed;
      await deps.save(trimmed);
      saved.value = true;
      if (!allowed) {
        check.value = { state: 'failed', key: 'ext.options.check_permission' };
        return;
      }
      await runCheck();
    },
    runCheck,
    async grant(origin: string) {
      const ok = await deps.requestOrigin(origin);
      granted.value = { ...granted.value, [origin]: ok };
    },
    checkState: check,
  };
}
/** The options page's model. */
export type OptionsModel = ReturnType<typeof createOptionsModel>;
