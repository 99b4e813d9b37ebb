import * as z from 'zod/mini';
import { Category, Channel, ChannelMode, CustomerKind, CustomerType, InitialPriority, Source } from '../../shared/schemas/enums';
import { DepartmentCode, HttpUrl, LIMITS, Locale } from '../../shared/schemas/common';
import { Role } from '../../shared/schemas/enums';

/** What a new record starts with before the capture fills it in. */
export const RecordDefaults = z.object({
  source: Source,
  channel: Channel,
  channelMode: z.optional(ChannelMode),
  category: z.optional(Category),
  customerType: z.optional(CustomerType),
  customerKind: z.optional(CustomerKind),
  initialPriority: z.optional(InitialPriority),
});
export type RecordDefaults = z.infer<typeof RecordDefaults>;

/**
 * The staff member's settings (options page). Text fields are empty until set, so a fresh install
 * has a complete value; `isConfigured` says whether records can be sent.
 */
export const ExtensionOptions = z.object({
  serverUrl: z.string().check(z.maxLength(LIMITS.url)),
  token: z.string().check(z.maxLength(500)),
  department: z.string().check(z.maxLength(10)),
  initiatorName: z.string().check(z.maxLength(LIMITS.title)),
  locale: Locale,
  defaults: RecordDefaults,
});
export type ExtensionOptions = z.infer<typeof ExtensionOptions>;

/** A fresh install: Chinese UI (DEFAULT_LOCALE), customer-service tickets. */
export const DEFAULT_OPTIONS: ExtensionOptions = {
  serverUrl: '',
  token: '',
  department: '',
  initiatorName: '',
  locale: 'zh-CN',
  defaults: { source: 'customer_service', channel: 'ticket', channelMode: 'passive' },
};

/** Version 1 kept the defaults as flat fields; version 2 groups them (`defaults`). */
export interface OptionsV1 {
  serverUrl?: string;
  token?: string;
  department?: string;
  initiatorName?: string;
  locale?: string;
  defaultSource?: string;
  defaultChannel?: string;
  defaultCategory?: string;
}

/** Migrate a stored version-1 value; anything unreadable falls back to the defaults of version 2. */
export function migrateOptionsV1(old: OptionsV1 | null | undefined): ExtensionOptions {
  const v1 = old ?? {};
  const candidate = {
    serverUrl: v1.serverUrl ?? '',
    token: v1.token ?? '',
    department: v1.department ?? '',
    initiatorName: v1.initiatorName ?? '',
    locale: v1.locale === 'en' ? 'en' : 'zh-CN',
    defaults: {
      ...DEFAULT_OPTIONS.defaults,
      source: v1.defaultSource ?? DEFAULT_OPTIONS.defaults.source,
      channel: v1.defaultChannel ?? DEFAULT_OPTIONS.defaults.channel,
      ...(v1.defaultCategory ? { category: v1.defaultCategory } : {}),
    },
  };
  const parsed = z.safeParse(ExtensionOptions, candidate);
  if (parsed.success) return parsed.data;
  // Keep the connection settings even when an old default is no longer a known code.
  return { ...DEFAULT_OPTIONS, serverUrl: candidate.serverUrl, token: candidate.token, department: candidate.department, initiatorName: candidate.initiatorName, locale: candidate.locale as ExtensionOptions['locale'] };
}

/** Hosts a plain `http://` server address may name: the token never leaves this machine. */
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * What is wrong with a server address: not an http(s) URL, or `http://` to another machine (the
 * API token would travel in clear); null when it may be used.
 */
export function serverUrlProblem(serverUrl: string): 'invalid_url' | 'insecure_url' | null {
  if (!z.safeParse(HttpUrl, serverUrl).success) return 'invalid_url';
  const url = new URL(serverUrl);
  return url.protocol === 'http:' && !LOOPBACK.has(url.hostname) ? 'insecure_url' : null;
}

/** Why options are not ready to send records, as fields to fix (a stored remote `http://` address counts). */
export function missingOptions(options: ExtensionOptions): Array<'serverUrl' | 'token' | 'department' | 'initiatorName'> {
  const missing: Array<'serverUrl' | 'token' | 'department' | 'initiatorName'> = [];
  if (serverUrlProblem(options.serverUrl)) missing.push('serverUrl');
  if (!options.token.trim()) missing.push('token');
  if (!z.safeParse(DepartmentCode, options.department).success) missing.push('department');
  if (!options.initiatorName.trim()) missing.push('initiatorName');
  return missing;
}

/** True when records can be sent with these options. */
export const isConfigured = (options: ExtensionOptions): boolean => missingOptions(options).length === 0;

/** `https://host:port` of the server, or null when the address is not an http(s) URL. */
export function serverOrigin(serverUrl: string): string | null {
  try {
    const url = new URL(serverUrl);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : null;
  } catch {
    return null;
  }
}

/** The API base (`https://host/api/v1`) of a server address, with or without a trailing slash. */
export const apiBase = (serverUrl: string): string => `${serverUrl.replace(/\/+$/, '')}/api/v1`;

/** Who the token belongs to, as the last connection check saw it (decides whether links can be merged). */
export const StaffIdentity = z.object({
  id: z.string(),
  name: z.string(),
  role: Role,
  checkedAt: z.string(),
});
export type StaffIdentity = z.infer<typeof StaffIdentity>;

/** The optional host permission for a server or helpdesk address (`http://host/*`, any port). */
export const originPattern = (url: string): string | null => {
  const origin = serverOrigin(url);
  return origin ? `${origin.replace(/:\d+$/, '')}/*` : null;
};
