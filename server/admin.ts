import { mkdirSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type * as z from 'zod/mini';
import { openDatabase, type Db } from './db/open';
import { databaseTargetFromEnv } from './db/options';
import { DataDirLockedError } from './db/data-dir-lock';
import { createToken, createUser, findUser, listTokens, listUsers, revokeToken, updateUser } from './store/users';
import { createSiteKey, findSiteKey, listSiteKeys, rotateIdentitySecret, updateSiteKey } from './store/site-keys';
import { fieldIssues } from '../shared/schemas/problem';
import { Id, SiteKey } from '../shared/schemas/common';
import { SiteKeyCreate, SiteKeyUpdate, StaffEmail, TokenCreate, UserCreate, UserUpdate } from '../shared/schemas/staff';

/*
 * `npm run admin -- <command>`: manage staff accounts, API tokens and widget site keys from a
 * shell, against the same store the server uses. Exit codes: 0 done, 2 usage error (nothing was
 * changed), 1 failure.
 */

/** Bad command line; the database was not touched. */
class UsageError extends Error {}
/** The command ran but could not do what was asked (no such user, e-mail taken …). */
class Failure extends Error {}

type Values = { [name: string]: string | boolean | string[] | undefined };
type OptionSpec = NonNullable<ParseArgsConfig['options']>;

interface Output {
  json: boolean;
  line(text?: string): void;
  data(value: unknown): void;
}

interface Command<I> {
  /** Arguments after the command words, as help shows them. */
  args: string;
  summary: string;
  options: OptionSpec;
  /** Check the command line and build the input; runs before the database is opened. */
  parse(positionals: string[], values: Values): I;
  run(db: Db, input: I, out: Output): Promise<void>;
}

const command = <I>(definition: Command<I>): Command<unknown> => definition as Command<unknown>;

const str = { type: 'string' } as const;
const flag = { type: 'boolean' } as const;
const COMMON: OptionSpec = { json: flag, help: { type: 'boolean', short: 'h' } };

/** Option names the schema fields are spelt with on the command line. */
const OPTION_OF: Record<string, string> = {
  allowedOrigins: '--origin',
  allowedQueryKeys: '--query-key',
  ratePerMinute: '--rate',
  disabled: '--enable/--disable',
  active: '--enable/--disable',
};

/** Validate with a shared schema; failures list each option, as the API lists each field. */
function check<S extends z.ZodMiniType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const given = value as Record<string, unknown>;
  const lines = fieldIssues(result.error).map((issue) => {
    const [field, index] = issue.path;
    const missing = issue.path.length === 1 && given[String(field)] === undefined;
    const name = field === undefined ? '' : (OPTION_OF[String(field)] ?? `--${String(field)}`);
    const which = typeof index === 'number' ? ` #${index + 1}` : '';
    const problem = issue.code === 'empty_patch' ? 'nothing to change; give at least one option' : missing ? 'required' : issue.message;
    return name ? `  ${name}${which}: ${problem}` : `  ${problem}`;
  });
  throw new UsageError(`Invalid input:\n${lines.join('\n')}`);
}

function positionals(list: string[], names: string[]): string[] {
  if (list.length < names.length) throw new UsageError(`Missing ${names.slice(list.length).map((n) => `<${n}>`).join(' ')}.`);
  if (list.length > names.length) throw new UsageError(`Unexpected argument: ${list[names.length]}`);
  return list;
}

const text = (values: Values, name: string): string | undefined => {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
};

/** `--enable` / `--disable` as a boolean change, or undefined when neither was given. */
function enabled(values: Values): boolean | undefined {
  if (values.enable && values.disable) throw new UsageError('Give --enable or --disable, not both.');
  return values.enable ? true : values.disable ? false : undefined;
}

/** `--query-key` (repeatable) as the new list, `--no-query-keys` as none, or undefined when neither was given. */
function queryKeys(values: Values): string[] | undefined {
  const keys = values['query-key'] as string[] | undefined;
  if (keys && values['no-query-keys']) throw new UsageError('Give --query-key or --no-query-keys, not both.');
  return values['no-query-keys'] ? [] : keys;
}

function rate(values: Values): number | undefined {
  const value = text(values, 'rate');
  if (value === undefined) return undefined;
  if (!/^\d{1,9}$/.test(value)) throw new UsageError('--rate must be a whole number of requests per minute.');
  return Number(value);
}

/** A user named by id or e-mail address. */
function userRef(value: string): string {
  const parsed = value.includes('@') ? StaffEmail.safeParse(value) : Id.safeParse(value);
  if (!parsed.success) throw new UsageError(`Not a user id or e-mail address: ${value}`);
  return parsed.data;
}

/** A site key named by id or public key. */
function siteKeyRef(value: string): string {
  if (!Id.safeParse(value).success && !SiteKey.safeParse(value).success) {
    throw new UsageError(`Not a site key id or public key: ${value}`);
  }
  return value;
}

async function requireUser(db: Db, ref: string) {
  const user = await findUser(db, ref);
  if (!user) throw new Failure(`No staff account ${ref}.`);
  return user;
}

async function requireSiteKey(db: Db, ref: string) {
  const siteKey = await findSiteKey(db, ref);
  if (!siteKey) throw new Failure(`No site key ${ref}.`);
  return siteKey;
}

function table(rows: readonly object[], columns: readonly string[]): string {
  const cell = (v: unknown) => (v instanceof Date ? v.toISOString() : Array.isArray(v) ? v.join(' ') : v == null ? '-' : String(v));
  const cells = rows.map((row) => columns.map((c) => cell((row as Record<string, unknown>)[c])));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i]!.length)));
  const render = (r: readonly string[]) => r.map((v, i) => v.padEnd(widths[i]!)).join('  ').trimEnd();
  return [render(columns), ...cells.map(render)].join('\n');
}

const USER_COLUMNS = ['id', 'email', 'name', 'role', 'department', 'disabled'];
const TOKEN_COLUMNS = ['id', 'name', 'createdAt', 'lastUsedAt', 'revokedAt'];
const SITE_KEY_COLUMNS = ['id', 'key', 'name', 'department', 'active', 'ratePerMinute', 'allowedOrigins', 'allowedQueryKeys'];
const SHOWN_ONCE = 'Shown once: copy it now. Only a hash (token) or the server (secret) keeps it.';

const COMMANDS: Record<string, Command<unknown>> = {
  'users list': command({
    args: '',
    summary: 'List staff accounts.',
    options: {},
    parse: (list) => void positionals(list, []),
    async run(db, _input, out) {
      const users = await listUsers(db);
      if (out.json) return out.data({ items: users });
      out.line(users.length ? table(users, USER_COLUMNS) : 'No staff accounts.');
    },
  }),
  'users create': command({
    args: '--email <e-mail> --name <name> --role <agent|reviewer|admin> --department <CODE> [--password <pw> | --generate-password]',
    summary: 'Create a staff account; without a password it signs in with API tokens only.',
    options: { email: str, name: str, role: str, department: str, password: str, 'generate-password': flag },
    parse(list, values) {
      positionals(list, []);
      if (values.password !== undefined && values['generate-password']) {
        throw new UsageError('Give --password or --generate-password, not both.');
      }
      const password = values['generate-password'] ? randomBytes(12).toString('base64url') : text(values, 'password');
      const input = check(UserCreate, {
        email: text(values, 'email'),
        name: text(values, 'name'),
        role: text(values, 'role'),
        department: text(values, 'department'),
        password,
      });
      return { input, generated: values['generate-password'] ? password : undefined };
    },
    async run(db, { input, generated }, out) {
      if (await findUser(db, input.email)) throw new Failure(`A staff account with e-mail ${input.email} already exists.`);
      const user = await createUser(db, input);
      if (out.json) return out.data({ user, ...(generated ? { password: generated } : {}) });
      out.line(`Created ${user.role} ${user.email} (${user.id}) in ${user.department}.`);
      if (generated) out.line(`Password: ${generated}\n${SHOWN_ONCE}`);
    },
  }),
  'users update': command({
    args: '<id|e-mail> [--name <name>] [--role <role>] [--department <CODE>] [--password <pw>] [--enable | --disable]',
    summary: 'Change an account; disabling ends its sessions and blocks its tokens.',
    options: { name: str, role: str, department: str, password: str, enable: flag, disable: flag },
    parse(list, values) {
      const [ref] = positionals(list, ['id|e-mail']);
      const disabled = enabled(values);
      const patch = check(UserUpdate, {
        name: text(values, 'name'),
        role: text(values, 'role'),
        department: text(values, 'department'),
        password: text(values, 'password'),
        disabled: disabled === undefined ? undefined : !disabled,
      });
      return { ref: userRef(ref!), patch };
    },
    async run(db, { ref, patch }, out) {
      const user = await updateUser(db, (await requireUser(db, ref)).id, patch);
      if (out.json) return out.data({ user });
      out.line(table(user ? [user] : [], USER_COLUMNS));
    },
  }),
  'users disable': command({
    args: '<id|e-mail>',
    summary: 'Disable an account (same as users update --disable).',
    options: {},
    parse: (list) => userRef(positionals(list, ['id|e-mail'])[0]!),
    async run(db, ref, out) {
      const user = await updateUser(db, (await requireUser(db, ref)).id, { disabled: true });
      if (out.json) return out.data({ user });
      out.line(`Disabled ${user?.email}; its sessions ended and its tokens no longer work.`);
    },
  }),
  'tokens create': command({
    args: '<user id|e-mail> --name <token name>',
    summary: 'Issue a personal API token (for the extension or scripts); printed once.',
    options: { name: str },
    parse(list, values) {
      const [ref] = positionals(list, ['user id|e-mail']);
      return { ref: userRef(ref!), name: check(TokenCreate, { name: text(values, 'name') }).name };
    },
    async run(db, { ref, name }, out) {
      const user = await requireUser(db, ref);
      const { id, token } = await createToken(db, user.id, name);
      if (out.json) return out.data({ id, name, userId: user.id, token });
      out.line(`Token "${name}" for ${user.email} (token id ${id}):\n\n  ${token}\n\n${SHOWN_ONCE}`);
    },
  }),
  'tokens list': command({
    args: '<user id|e-mail>',
    summary: "List a user's tokens (metadata only).",
    options: {},
    parse: (list) => userRef(positionals(list, ['user id|e-mail'])[0]!),
    async run(db, ref, out) {
      const tokens = await listTokens(db, (await requireUser(db, ref)).id);
      if (out.json) return out.data({ items: tokens });
      out.line(tokens.length ? table(tokens, TOKEN_COLUMNS) : 'No tokens.');
    },
  }),
  'tokens revoke': command({
    args: '<token id>',
    summary: 'Revoke a token; requests with it are refused from now on.',
    options: {},
    parse(list) {
      const [id] = positionals(list, ['token id']);
      const parsed = Id.safeParse(id);
      if (!parsed.success) throw new UsageError(`Not a token id: ${id}`);
      return parsed.data;
    },
    async run(db, id, out) {
      if (!(await revokeToken(db, id, new Date()))) throw new Failure(`No active token ${id}.`);
      if (out.json) return out.data({ id, revoked: true });
      out.line(`Revoked token ${id}.`);
    },
  }),
  'site-keys list': command({
    args: '',
    summary: 'List widget site keys (identity secrets are not shown).',
    options: {},
    parse: (list) => void positionals(list, []),
    async run(db, _input, out) {
      const keys = await listSiteKeys(db);
      if (out.json) return out.data({ items: keys });
      out.line(keys.length ? table(keys, SITE_KEY_COLUMNS) : 'No site keys.');
    },
  }),
  'site-keys create': command({
    args: '--name <name> --department <CODE> --origin <https://host[:port]> [--origin …] [--query-key <name> …] [--rate <per minute>]',
    summary: 'Create a site key for the widget; prints the public key and, once, the identity secret. --query-key keeps that query parameter in stored page URLs (all others are stripped).',
    options: { name: str, department: str, origin: { type: 'string', multiple: true }, 'query-key': { type: 'string', multiple: true }, rate: str },
    parse(list, values) {
      positionals(list, []);
      return check(SiteKeyCreate, {
        name: text(values, 'name'),
        department: text(values, 'department'),
        allowedOrigins: values.origin ?? [],
        allowedQueryKeys: values['query-key'],
        ratePerMinute: rate(values),
      });
    },
    async run(db, input, out) {
      const { siteKey, identitySecret } = await createSiteKey(db, input);
      if (out.json) return out.data({ siteKey, identitySecret });
      out.line(`Created site key ${siteKey.name} (${siteKey.id}) for ${siteKey.department}.`);
      out.line(`Public key (goes in the widget snippet): ${siteKey.key}`);
      out.line(`Identity secret (for host-signed users, keep on your server):\n\n  ${identitySecret}\n\n${SHOWN_ONCE}`);
    },
  }),
  'site-keys update': command({
    args: '<id|key> [--name <name>] [--department <CODE>] [--origin <origin> …] [--query-key <name> … | --no-query-keys] [--rate <per minute>] [--enable | --disable]',
    summary: 'Change a site key; --origin replaces the whole list of allowed origins, --query-key the query keys kept in page URLs (--no-query-keys keeps none).',
    options: { name: str, department: str, origin: { type: 'string', multiple: true }, 'query-key': { type: 'string', multiple: true }, 'no-query-keys': flag, rate: str, enable: flag, disable: flag },
    parse(list, values) {
      const [ref] = positionals(list, ['id|key']);
      const patch = check(SiteKeyUpdate, {
        name: text(values, 'name'),
        department: text(values, 'department'),
        allowedOrigins: values.origin,
        allowedQueryKeys: queryKeys(values),
        ratePerMinute: rate(values),
        active: enabled(values),
      });
      return { ref: siteKeyRef(ref!), patch };
    },
    async run(db, { ref, patch }, out) {
      const siteKey = await updateSiteKey(db, (await requireSiteKey(db, ref)).id, patch);
      if (out.json) return out.data({ siteKey });
      out.line(table(siteKey ? [siteKey] : [], SITE_KEY_COLUMNS));
    },
  }),
  'site-keys rotate': command({
    args: '<id|key>',
    summary: 'Replace the identity secret; identities signed with the old one stop working at once.',
    options: {},
    parse: (list) => siteKeyRef(positionals(list, ['id|key'])[0]!),
    async run(db, ref, out) {
      const rotated = await rotateIdentitySecret(db, (await requireSiteKey(db, ref)).id);
      if (!rotated) throw new Failure(`No site key ${ref}.`);
      if (out.json) return out.data(rotated);
      out.line(`New identity secret for ${rotated.siteKey.name} (${rotated.siteKey.key}):\n\n  ${rotated.identitySecret}\n\n${SHOWN_ONCE}`);
    },
  }),
};

const usageOf = (name: string) => `npm run admin -- ${name}${COMMANDS[name]!.args ? ` ${COMMANDS[name]!.args}` : ''}`;

function help(): string {
  return [
    'Echobox admin: manage staff accounts, API tokens and widget site keys.',
    '',
    'Usage: npm run admin -- <command> [arguments] [--json]',
    '',
    ...Object.keys(COMMANDS).flatMap((name) => [`  ${name}${COMMANDS[name]!.args ? ` ${COMMANDS[name]!.args}` : ''}`, `      ${COMMANDS[name]!.summary}`]),
    '  help',
    '      Show this text.',
    '',
    'Options: --json prints machine-readable JSON; -h/--help after a command shows its usage.',
    'Store: DATABASE_URL selects PostgreSQL; otherwise PGlite in DATA_DIR (default ./data), as `npm start` uses.',
    'PGlite allows one process at a time: while the server runs on the same DATA_DIR these commands refuse;',
    'stop the server first, or use the API with an admin token (README, "Admin commands while the server runs").',
    'Exit codes: 0 done, 2 usage error (nothing changed), 1 failure.',
  ].join('\n');
}

/** Run one admin command line; returns the exit code. */
async function run(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const stdout = (s = '') => process.stdout.write(`${s}\n`);
  const stderr = (s: string) => process.stderr.write(`${s}\n`);
  const [group, action, ...rest] = argv;
  if (group === 'help' || group === '--help' || group === '-h') {
    stdout(help());
    return 0;
  }
  const name = `${group ?? ''} ${action ?? ''}`;
  const selected = COMMANDS[name];
  if (!selected) {
    stderr(group === undefined ? help() : `Unknown command: ${argv.slice(0, 2).join(' ')}\nRun \`npm run admin -- help\` for the list.`);
    return 2;
  }
  let input: unknown;
  let values: Values;
  try {
    const parsed = parseArgs({ args: rest, options: { ...COMMON, ...selected.options }, allowPositionals: true, strict: true });
    values = parsed.values as Values;
    if (values.help) {
      stdout(`Usage: ${usageOf(name)}\n${selected.summary}`);
      return 0;
    }
    input = selected.parse(parsed.positionals, values);
  } catch (error) {
    const message = error instanceof UsageError ? error.message : error instanceof Error ? error.message : String(error);
    stderr(`${message}\nUsage: ${usageOf(name)}`);
    return 2;
  }

  const out: Output = {
    json: values.json === true,
    line: stdout,
    data: (value) => stdout(JSON.stringify(value, null, 2)),
  };
  const target = databaseTargetFromEnv(env, `admin command "${name}"`);
  if (target.dataDir) mkdirSync(target.dataDir, { recursive: true });
  let database: Awaited<ReturnType<typeof openDatabase>>;
  try {
    database = await openDatabase('url' in target.options ? { ...target.options, poolSize: 2 } : target.options);
  } catch (error) {
    if (!(error instanceof DataDirLockedError)) throw error;
    stderr(`Nothing was changed. ${error.message}`);
    return 1;
  }
  try {
    await selected.run(database.db, input, out);
    return 0;
  } catch (error) {
    stderr(error instanceof Failure ? error.message : `Failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await database.close();
  }
}

run(process.argv.slice(2), process.env).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`Failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
