import { sql } from 'drizzle-orm';
import type { Db } from '../../server/db/open';
import { seedRecords } from '../e2e/support/console-page';
import type { SeedTools } from '../e2e/support/echobox-server';

/*
 * The console bench's records: 12 realistic ones (Chinese and English texts, several sources and
 * channels) stored through the real writer, then copied in bulk SQL into `total` records, 10k per
 * statement. Each copy gets its own id, number, department, category, customer type and times, and
 * one of eight stages of the process (unscreened, valid and in progress with an assessment and an
 * owner, done, invalid with its reason...) with a matching next obligation due somewhere from five
 * days ago to two weeks ahead, so filters, sorts and the deadline column see realistic spreads.
 */

/** First record's creation instant; one record a minute after it, so 10k records span about a week. */
export const SEED_START = '2025-01-01T00:00:00.000Z';
/** Records per INSERT … SELECT statement (PGlite's memory stays small). */
const BATCH = 10_000;
const DEPARTMENTS = ['CS', 'SALES', 'PM', 'OPS', 'RD', 'QA', 'MKT', 'FIN'];
const CATEGORIES = ['feature_request', 'product_defect', 'service_experience', 'other'];
const CUSTOMER_TYPES = ['new', 'existing', 'high_value', 'potential'];

/** The stage of the process a copy is at: its state columns and what it owes next. */
const STAGES: Array<{ status: string; validity: string; nature: string | null; urgency: string | null; priority: string | null; owned: boolean; next: string | null; invalidReason?: string }> = [
  { status: 'pending_analysis', validity: 'unscreened', nature: null, urgency: null, priority: null, owned: false, next: 'response' },
  { status: 'pending_analysis', validity: 'unscreened', nature: null, urgency: null, priority: null, owned: false, next: 'response' },
  { status: 'pending_analysis', validity: 'valid', nature: 'service_improvement', urgency: 'routine', priority: null, owned: false, next: 'adoption_notice' },
  { status: 'in_progress', validity: 'valid', nature: 'feature_optimisation', urgency: 'important', priority: 'P1', owned: true, next: 'weekly_progress' },
  { status: 'in_progress', validity: 'valid', nature: 'new_business', urgency: 'routine', priority: 'P2', owned: true, next: 'task_completion' },
  { status: 'in_progress', validity: 'valid', nature: 'technical_consultation', urgency: 'urgent', priority: 'P0', owned: true, next: 'weekly_progress' },
  { status: 'done', validity: 'valid', nature: 'feature_optimisation', urgency: 'routine', priority: 'P3', owned: true, next: null },
  { status: 'closed', validity: 'invalid', nature: null, urgency: null, priority: null, owned: false, next: null, invalidReason: '与产品定位冲突' },
];

const textArray = (values: readonly string[]) => sql.raw(`ARRAY[${values.map((v) => `'${v}'`).join(',')}]::text[]`);
const nullableArray = (values: readonly (string | null)[]) => sql.raw(`ARRAY[${values.map((v) => (v === null ? 'NULL' : `'${v}'`)).join(',')}]::text[]`);

/**
 * Fill an empty database with `total` records (the 12 templates included) and one audit entry each;
 * `owner` is the staff member the owned stages are assigned to. Ends with ANALYZE, as autovacuum would.
 */
export async function seedConsoleRecords(db: Db, total: number, owner: { id: string; name: string }, now: Date): Promise<void> {
  const tools = { db } as SeedTools;
  await seedRecords(tools, 12);
  const stage = (pick: (s: (typeof STAGES)[number]) => string | null) => nullableArray(STAGES.map(pick));
  for (let from = 12; from < total; from += BATCH) {
    const to = Math.min(total, from + BATCH) - 1;
    await db.execute(sql`
      WITH t AS (SELECT row_number() OVER (ORDER BY created_at) - 1 AS k, doc, search, source, channel, initial_priority FROM records ORDER BY created_at LIMIT 12),
      g AS (
        SELECT n, gen_random_uuid() AS id, ${SEED_START}::timestamptz + n * interval '1 minute' AS at, n % 8 AS s,
          (${textArray(DEPARTMENTS)})[1 + (n / 8) % 8] AS dept
        FROM generate_series(${from}::int, ${to}::int) n
      ),
      r AS (
        SELECT g.*, t.doc, t.search, t.source, t.channel, t.initial_priority,
          (${stage((s) => s.status)})[1 + s] AS status, (${stage((s) => s.validity)})[1 + s] AS validity,
          (${stage((s) => s.nature)})[1 + s] AS nature, (${stage((s) => s.urgency)})[1 + s] AS urgency,
          (${stage((s) => s.priority)})[1 + s] AS priority, (${stage((s) => (s.owned ? 'y' : null))})[1 + s] AS owned,
          (${stage((s) => s.next)})[1 + s] AS next_kind, (${stage((s) => s.invalidReason ?? null)})[1 + s] AS invalid_reason,
          (${textArray(CATEGORIES)})[1 + (n / 3) % 4] AS category, (${textArray(CUSTOMER_TYPES)})[1 + (n / 5) % 4] AS customer_type,
          dept || '-' || to_char(at AT TIME ZONE 'UTC', 'YYYYMMDD') || '-' || CASE WHEN n % 1440 < 999 THEN lpad((n % 1440 + 1)::text, 3, '0') ELSE (n % 1440 + 1)::text END AS number,
          at + interval '3 days' AS due_at,
          ${now.toISOString()}::timestamptz + ((n * 7919) % 1140 - 300) * interval '18 minutes' AS next_due_at
        FROM g JOIN t ON t.k = g.n % 12
      )
      INSERT INTO records (id, record_number, department, status, validity, category, source, channel, nature, urgency, priority,
        initial_priority, customer_type, owner_id, due_at, next_due_at, next_obligation_kind, recorded_at, created_at, updated_at,
        body_hash, change_seq, doc, search)
      SELECT id, number, dept, status, validity, category, source, channel, nature, urgency, priority, initial_priority, customer_type,
        CASE WHEN owned IS NOT NULL THEN ${owner.id}::uuid END, CASE WHEN urgency IS NOT NULL THEN due_at END,
        CASE WHEN next_kind IS NOT NULL THEN next_due_at END, next_kind, at, at, at + interval '2 hours',
        md5(id::text), nextval('record_change_seq'),
        doc || jsonb_build_object(
          'id', id, 'recordNumber', number, 'department', dept, 'category', category, 'customerType', customer_type,
          'status', status, 'validity', validity, 'invalidReason', invalid_reason, 'nature', nature, 'urgency', urgency,
          'dueAt', CASE WHEN urgency IS NOT NULL THEN to_char(due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') END,
          'owner', CASE WHEN owned IS NOT NULL THEN jsonb_build_object('id', ${owner.id}::text, 'name', ${owner.name}::text) END,
          'assessment', CASE WHEN priority IS NOT NULL THEN jsonb_build_object('customerValue', 4, 'businessValue', 3, 'cost', 2, 'risk', 2,
            'score', 19, 'priority', priority, 'handling', 'develop') END,
          'recordedAt', to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
          'createdAt', to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
          'updatedAt', to_char((at + interval '2 hours') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
        search
      FROM r`);
  }
  await db.execute(sql`
    INSERT INTO audit_entries (record_id, actor_label, action, at, before, after)
    SELECT r.id, 'bench', (SELECT action FROM audit_entries ORDER BY id LIMIT 1), r.created_at, NULL, NULL
    FROM records r WHERE NOT EXISTS (SELECT 1 FROM audit_entries a WHERE a.record_id = r.id)`);
  await db.execute(sql`ANALYZE`);
}
