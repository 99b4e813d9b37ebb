import { createApp } from '../../../server/app';
import { DEFAULT_CONFIG, type AppConfig } from '../../../server/context';
import type { Database } from '../../../server/db/open';
import { createLogger, type LogLevel } from '../../../server/logging/logger';
import { createToken, createUser } from '../../../server/store/users';
import type { Role } from '../../../shared/schemas/enums';
import type { ScryptCost } from '../../../server/auth/secrets';
import { checkResponses } from './response-contract';

/**
 * scrypt cost for passwords in tests: cheap, so a suite's sign-ins take milliseconds. Tests of the
 * cost itself pass `passwordCost: PASSWORD_COST` in their config.
 */
export const TEST_PASSWORD_COST: ScryptCost = { logN: 10, r: 8, p: 1 };

/**
 * An app over a real database, with a settable clock and captured server log lines (as written,
 * one JSON object each; warnings and errors only unless `logLevel` asks for the request lines too).
 * Every `app.request()` answer is checked against the OpenAPI table and its shared schemas, except
 * on `testRoutes`, the probe paths a test adds to the app itself.
 */
export function testApp(
  database: Database,
  options: { now?: Date; config?: Partial<AppConfig>; logLevel?: LogLevel; testRoutes?: readonly string[] } = {},
) {
  const clock = { now: options.now ?? new Date('2025-09-30T10:00:00Z') };
  const logs: string[] = [];
  const app = checkResponses(createApp({
    db: database.db,
    dbKind: database.kind,
    config: { ...DEFAULT_CONFIG, passwordCost: TEST_PASSWORD_COST, ...options.config },
    now: () => clock.now,
    logger: createLogger({ level: options.logLevel ?? 'warn', destination: { write: (line: string) => void logs.push(line) } }),
  }), options.testRoutes);
  return { app, clock, logs };
}

/** A staff member with a bearer token, ready to send requests. */
export async function staff(database: Database, role: Role, department = 'CS', name = `${role} user`) {
  const user = await createUser(database.db, {
    email: `${role}.${Math.random().toString(36).slice(2)}@example.com`,
    name,
    role,
    department,
    password: 'correct horse battery staple',
  }, TEST_PASSWORD_COST);
  const { token } = await createToken(database.db, user.id, 'test');
  return { user, token, auth: { authorization: `Bearer ${token}` } };
}

/** JSON request init with optional headers. */
export function json(method: string, body: unknown, headers: Record<string, string> = {}): RequestInit {
  return {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  };
}
