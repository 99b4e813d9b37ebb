import type { Page } from 'playwright-core';
import { v7 as uuidv7 } from 'uuid';
import { buildConsole, type ConsoleBuild } from '../../../console/build';
import { createRecords } from '../../../server/store/create-records';
import { createUser } from '../../../server/store/users';
import type { RecordInput } from '../../../shared/schemas/record';
import type { Role } from '../../../shared/schemas/enums';
import type { EchoboxServer, SeedTools } from './echobox-server';

/** Build dist/console once per test file (the server serves it; deterministic, so rebuilding is harmless). */
let built: Promise<ConsoleBuild> | undefined;

/** The production build of the console, in dist/console. */
export function ensureConsoleBuilt(): Promise<ConsoleBuild> {
  built ??= buildConsole();
  return built;
}

/** The password every seeded console user has. */
export const CONSOLE_PASSWORD = 'correct horse battery staple';

/** A staff member who signs in with e-mail and password. */
export async function consoleUser(tools: SeedTools, role: Role, name: string, email = `${role}.${uuidv7().slice(-8)}@example.com`) {
  const user = await createUser(tools.db, { email, name, role, department: 'CS', password: CONSOLE_PASSWORD });
  return { id: user.id, email: user.email, name };
}

const PROBLEMS: Array<[string, Partial<RecordInput>]> = [
  ['导出报表时点击导出按钮没有反应,客户多次提及问题未解决', { category: 'product_defect', customerType: 'high_value', customerName: '华东贸易有限公司' }],
  ['The export button does nothing on the Reports page in Safari', { category: 'product_defect', customerType: 'existing', customerName: 'Northwind Ltd', channel: 'email', source: 'sales' }],
  ['希望支持批量导出所有门店的月度报表', { category: 'feature_request', customerType: 'existing', customerName: '*女士' }],
  ['Customer asks for a dark theme in the mobile app', { category: 'feature_request', customerType: 'potential', channel: 'meeting', source: 'product' }],
  ['客服响应太慢,等了两天才有人回复工单', { category: 'service_experience', customerType: 'new', customerName: '*先生', channel: 'chat' }],
  ['Invoices show the wrong tax rate for Hong Kong customers', { category: 'product_defect', customerType: 'high_value', customerName: 'Kowloon Foods' }],
  ['付款页面偶尔提示网络错误,订单丢失', { category: 'product_defect', customerType: 'high_value', customerName: '星河电商' }],
  ['Please add SSO with WeCom for our staff', { category: 'feature_request', customerType: 'existing', source: 'sales', channel: 'call' }],
  ['报表页面加载需要十几秒,影响日常使用', { category: 'product_defect', customerType: 'existing', customerName: '*女士', channel: 'complaint' }],
  ['The onboarding checklist is confusing for new admins', { category: 'service_experience', customerType: 'new', source: 'product', channel: 'interview' }],
  ['希望可以自定义仪表盘的主题颜色', { category: 'other', customerType: 'potential' }],
  ['API rate limit is too low for nightly sync jobs', { category: 'feature_request', customerType: 'high_value', customerName: 'Acme Logistics', channel: 'email' }],
];

/**
 * A queue worth looking at: `count` records cycling through realistic texts in Chinese and English,
 * sources, channels and customer types, created one minute apart (newest last).
 */
export async function seedRecords(tools: SeedTools, count: number, extra: Array<Partial<RecordInput>> = []): Promise<RecordInput[]> {
  const inputs: RecordInput[] = [];
  const start = Date.parse('2025-09-29T01:00:00Z');
  for (let i = 0; i < count; i++) {
    const [problem, overrides] = PROBLEMS[i % PROBLEMS.length]!;
    inputs.push({
      id: uuidv7(),
      department: 'CS',
      source: 'customer_service',
      channel: 'ticket',
      contactConsent: false,
      category: 'other',
      scenario: i % 2 ? 'Reports module, after pressing Export' : '报表模块,点击导出之后',
      problem,
      attachments: [],
      initiator: { name: i % 3 ? '李客服' : 'Wang Fang' },
      recordedAt: new Date(start + i * 60_000).toISOString(),
      origin: { kind: 'manual' },
      ...overrides,
    });
  }
  for (const e of extra) inputs.push({ ...inputs[0]!, id: uuidv7(), recordedAt: new Date(start + inputs.length * 60_000).toISOString(), ...e });
  // One by one so creation order (and so the queue's newest-first order) is the list's order.
  for (const input of inputs) {
    await createRecords(tools.db, [{ input }], { now: new Date(input.recordedAt), timeZone: 'Asia/Shanghai', author: { id: null, label: 'seed' }, createdBy: null });
  }
  return inputs;
}

/** Screen a few records through the API so the queue shows every status, urgency and nature. */
export async function triageSome(server: EchoboxServer, inputs: readonly RecordInput[]) {
  const urgencies = ['urgent', 'important', 'routine'] as const;
  const natures = ['feature_optimisation', 'service_improvement', 'new_business', 'technical_consultation'] as const;
  for (let i = 0; i < inputs.length; i += 3) {
    const id = inputs[i]!.id;
    const res = await server.staff(`/api/v1/records/${id}/transitions`, {
      method: 'POST',
      body: JSON.stringify({ type: 'mark_valid', nature: natures[i % natures.length], urgency: urgencies[i % urgencies.length] }),
    });
    if (!res.ok) throw new Error(`mark_valid ${res.status} ${await res.text()}`);
  }
  for (let i = 1; i < inputs.length; i += 7) {
    const res = await server.staff(`/api/v1/records/${inputs[i]!.id}/transitions`, { method: 'POST', body: JSON.stringify({ type: 'mark_invalid', reason: '与产品定位冲突' }) });
    if (!res.ok) throw new Error(`mark_invalid ${res.status}`);
  }
}

/** Sign in through the form and wait for the queue. */
export async function signIn(page: Page, baseUrl: string, email: string, password = CONSOLE_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(password);
  await page.locator('form button[type=submit]').click();
  await page.locator('#queue-title').waitFor();
}
