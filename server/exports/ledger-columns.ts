import { ledgerT, type LedgerHeadingKey, type LedgerMessageKey } from './ledger-labels';
import type { Locale } from '../../shared/i18n/locale';
import { latestSatisfaction, type ProgressEntry, type Record as EchoRecord } from '../../shared/schemas/record';

/*
 * The columns of the ledger (需求台账, DOMAIN.md §9), defined once for every file format: the record
 * table (§4), screening (§5), assessment (§6), progress and change requests (§7) and the report back
 * to the customer (§8). Writers decide how each kind is rendered (a real date in XLSX, text in CSV).
 */

/** How a cell is rendered: text, a plain number, a percentage (0–100) or an instant (ISO string). */
export type LedgerCellKind = 'text' | 'number' | 'percent' | 'datetime';

/** A cell's value before rendering; null is an empty cell. */
export type LedgerCellValue = string | number | null;

/** One column: its heading key, kind, width in characters (XLSX) and how to read it from a row. */
export interface LedgerColumn<Row> {
  key: string;
  label: LedgerHeadingKey;
  kind: LedgerCellKind;
  width: number;
  value: (row: Row, locale: Locale) => LedgerCellValue;
}

/** A row of the progress log sheet: one progress entry with the record it belongs to. */
export interface ProgressRow {
  record: EchoRecord;
  entry: ProgressEntry;
}

type EnumKey = Extract<LedgerMessageKey, `enum.${string}`>;

/**
 * Enum labels already looked up, by locale and enum, then code: a few dozen, asked for on every row of
 * a 100k-row export (nested maps, so a lookup builds no key string).
 */
const enumLabels = new Map<Locale, Map<string, Map<string, string>>>();

/** The label of an enum code (`enum.<name>.<code>`), or null for an unset field. */
function enumLabel(locale: Locale, name: string, code: string | null | undefined): string | null {
  if (code === null || code === undefined) return null;
  let enums = enumLabels.get(locale);
  if (!enums) enumLabels.set(locale, (enums = new Map()));
  let labels = enums.get(name);
  if (!labels) enums.set(name, (labels = new Map()));
  let label = labels.get(code);
  if (label === undefined) {
    label = ledgerT(locale, `enum.${name}.${code}` as EnumKey);
    labels.set(code, label);
  }
  return label;
}

const text = (value: string | null | undefined): string | null => value ?? null;
const last = <T>(items: readonly T[]): T | undefined => items[items.length - 1];

/** Columns of the ledger sheet, in order. */
export const LEDGER_COLUMNS: readonly LedgerColumn<EchoRecord>[] = [
  // Record table (客户需求记录表, §4)
  { key: 'recordNumber', label: 'field.recordNumber', kind: 'text', width: 20, value: (r) => r.recordNumber },
  { key: 'department', label: 'ledger.department', kind: 'text', width: 10, value: (r) => r.department },
  { key: 'source', label: 'field.source', kind: 'text', width: 14, value: (r, l) => enumLabel(l, 'source', r.source) },
  { key: 'channel', label: 'field.channel', kind: 'text', width: 14, value: (r, l) => enumLabel(l, 'channel', r.channel) },
  { key: 'customerType', label: 'field.customerType', kind: 'text', width: 14, value: (r, l) => enumLabel(l, 'customerType', r.customerType) },
  { key: 'customerKind', label: 'field.customerKind', kind: 'text', width: 14, value: (r, l) => enumLabel(l, 'customerKind', r.customerKind) },
  { key: 'customerName', label: 'field.customerName', kind: 'text', width: 22, value: (r) => text(r.customerName) },
  { key: 'industry', label: 'field.industry', kind: 'text', width: 14, value: (r) => text(r.industry) },
  { key: 'contactPerson', label: 'field.contactPerson', kind: 'text', width: 12, value: (r) => text(r.contactPerson) },
  // Masked on the capturing device and again by the store; exported exactly as stored.
  { key: 'contact', label: 'field.contact', kind: 'text', width: 16, value: (r) => text(r.contact) },
  { key: 'category', label: 'field.category', kind: 'text', width: 12, value: (r, l) => enumLabel(l, 'category', r.category) },
  { key: 'nature', label: 'field.nature', kind: 'text', width: 14, value: (r, l) => enumLabel(l, 'nature', r.nature) },
  { key: 'urgency', label: 'field.urgency', kind: 'text', width: 10, value: (r, l) => enumLabel(l, 'urgency', r.urgency) },
  { key: 'scenario', label: 'field.scenario', kind: 'text', width: 30, value: (r) => text(r.scenario) },
  { key: 'problem', label: 'field.problem', kind: 'text', width: 50, value: (r) => r.problem },
  { key: 'expectedSolution', label: 'field.expectedSolution', kind: 'text', width: 40, value: (r) => text(r.expectedSolution) },
  { key: 'initialPriority', label: 'field.initialPriority', kind: 'text', width: 12, value: (r, l) => enumLabel(l, 'initialPriority', r.initialPriority) },
  {
    key: 'attachments',
    label: 'field.attachments',
    kind: 'text',
    width: 24,
    value: (r) => (r.attachments.length ? r.attachments.map((a) => a.name).join('; ') : null),
  },
  { key: 'initiator', label: 'field.initiator', kind: 'text', width: 12, value: (r) => r.initiator.name },
  { key: 'recordedAt', label: 'field.recordedAt', kind: 'datetime', width: 17, value: (r) => r.recordedAt },
  { key: 'status', label: 'field.status', kind: 'text', width: 10, value: (r, l) => enumLabel(l, 'status', r.status) },
  { key: 'owner', label: 'field.owner', kind: 'text', width: 12, value: (r) => r.owner?.name ?? null },
  { key: 'dueAt', label: 'field.dueAt', kind: 'datetime', width: 17, value: (r) => r.dueAt },
  { key: 'result', label: 'field.result', kind: 'text', width: 40, value: (r) => r.result },
  {
    key: 'customerConfirmation',
    label: 'field.customerConfirmation',
    kind: 'text',
    width: 12,
    value: (r, l) => enumLabel(l, 'satisfaction', latestSatisfaction(r.satisfaction)?.rating),
  },
  { key: 'notes', label: 'field.notes', kind: 'text', width: 30, value: (r) => text(r.notes) },
  // Screening (初步筛选, §5)
  { key: 'validity', label: 'field.validity', kind: 'text', width: 12, value: (r, l) => enumLabel(l, 'validity', r.validity) },
  { key: 'invalidReason', label: 'field.invalidReason', kind: 'text', width: 30, value: (r) => r.invalidReason },
  // Assessment (需求评估与优先级排序表, §6)
  { key: 'customerValue', label: 'field.customerValue', kind: 'number', width: 10, value: (r) => r.assessment?.customerValue ?? null },
  { key: 'businessValue', label: 'field.businessValue', kind: 'number', width: 10, value: (r) => r.assessment?.businessValue ?? null },
  { key: 'cost', label: 'field.cost', kind: 'number', width: 10, value: (r) => r.assessment?.cost ?? null },
  { key: 'risk', label: 'field.risk', kind: 'number', width: 10, value: (r) => r.assessment?.risk ?? null },
  { key: 'score', label: 'ledger.score', kind: 'number', width: 10, value: (r) => r.assessment?.score ?? null },
  { key: 'priority', label: 'field.priority', kind: 'text', width: 10, value: (r, l) => enumLabel(l, 'priority', r.assessment?.priority) },
  { key: 'handling', label: 'field.handling', kind: 'text', width: 14, value: (r, l) => enumLabel(l, 'handling', r.assessment?.handling) },
  { key: 'notNowReason', label: 'ledger.notNowReason', kind: 'text', width: 30, value: (r) => text(r.assessment?.notNowReason) },
  { key: 'responsibleDepartment', label: 'field.responsibleDepartment', kind: 'text', width: 12, value: (r) => r.responsibleDepartment },
  { key: 'reproductionRate', label: 'field.reproductionRate', kind: 'percent', width: 10, value: (r) => r.assessment?.reproductionRate ?? null },
  { key: 'impactScope', label: 'field.impactScope', kind: 'text', width: 24, value: (r) => text(r.assessment?.impactScope) },
  // Execution and tracking (需求处理进度跟踪表, 需求变更申请, §7)
  { key: 'latestMilestone', label: 'ledger.latestMilestone', kind: 'text', width: 14, value: (r, l) => enumLabel(l, 'milestone', last(r.progress)?.milestone) },
  { key: 'progressCount', label: 'ledger.progressCount', kind: 'number', width: 10, value: (r) => r.progress.length },
  { key: 'lastProgressAt', label: 'ledger.lastProgressAt', kind: 'datetime', width: 17, value: (r) => last(r.progress)?.at ?? null },
  { key: 'lastProgressNote', label: 'ledger.lastProgressNote', kind: 'text', width: 30, value: (r) => last(r.progress)?.note ?? null },
  { key: 'changeRequestCount', label: 'ledger.changeRequestCount', kind: 'number', width: 10, value: (r) => r.changeRequests.length },
  {
    key: 'changeRequestPending',
    label: 'ledger.changeRequestPending',
    kind: 'number',
    width: 10,
    value: (r) => r.changeRequests.filter((c) => c.state === 'pending').length,
  },
  // Report back to the customer (客户反馈与闭环, §8)
  {
    key: 'lastCommunication',
    label: 'ledger.lastCommunication',
    kind: 'text',
    width: 14,
    value: (r, l) => enumLabel(l, 'communicationKind', last(r.communications)?.kind),
  },
  { key: 'lastCommunicationAt', label: 'ledger.lastCommunicationAt', kind: 'datetime', width: 17, value: (r) => last(r.communications)?.at ?? null },
  { key: 'lastCommunicationMessage', label: 'ledger.lastCommunicationMessage', kind: 'text', width: 30, value: (r) => last(r.communications)?.message ?? null },
  { key: 'satisfactionComment', label: 'ledger.satisfactionComment', kind: 'text', width: 24, value: (r) => text(latestSatisfaction(r.satisfaction)?.comment) },
  { key: 'ratedAt', label: 'ledger.ratedAt', kind: 'datetime', width: 17, value: (r) => latestSatisfaction(r.satisfaction)?.at ?? null },
  { key: 'cycle', label: 'ledger.cycle', kind: 'number', width: 8, value: (r) => r.cycle },
  { key: 'updatedAt', label: 'ledger.updatedAt', kind: 'datetime', width: 17, value: (r) => r.updatedAt },
];

/** Columns of the progress log sheet (one row per progress entry), in order. */
export const PROGRESS_COLUMNS: readonly LedgerColumn<ProgressRow>[] = [
  { key: 'recordNumber', label: 'field.recordNumber', kind: 'text', width: 20, value: (p) => p.record.recordNumber },
  { key: 'milestone', label: 'ledger.milestone', kind: 'text', width: 14, value: (p, l) => enumLabel(l, 'milestone', p.entry.milestone) },
  { key: 'note', label: 'ledger.progressNote', kind: 'text', width: 50, value: (p) => p.entry.note },
  { key: 'at', label: 'ledger.progressAt', kind: 'datetime', width: 17, value: (p) => p.entry.at },
  { key: 'by', label: 'ledger.progressBy', kind: 'text', width: 12, value: (p) => p.entry.by.name },
];

/** The headings of `columns` in `locale`. */
export function columnLabels<Row>(columns: readonly LedgerColumn<Row>[], locale: Locale): string[] {
  return columns.map((c) => ledgerT(locale, c.label));
}
