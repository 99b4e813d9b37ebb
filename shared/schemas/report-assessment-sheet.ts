import * as z from 'zod/mini';
import { Category, CustomerType, Handling, InitialPriority, Nature, Priority, Urgency } from './enums';
import { DepartmentCode, Id, IsoDateTime, Locale, LongText, RecordNumber, ShortText } from './common';
import { DashboardQuery } from './dashboard-query';
import { SuggestedPriority } from './suggested-priority';

/**
 * Query of the assessment meeting sheet (`GET /api/v1/reports/assessment-sheet[.xlsx]`): records
 * created in the range (from inclusive, to exclusive; a bare `to` day includes it; no range: all),
 * of the departments, and the language of the XLSX headings.
 */
export const AssessmentSheetQuery = z.extend(DashboardQuery, { lang: z.optional(Locale) });
export type AssessmentSheetQuery = z.infer<typeof AssessmentSheetQuery>;

const rating = z.nullable(z.int().check(z.gte(1), z.lte(5)));

/** One record on the sheet: what the meeting reads and what it has rated so far (DOMAIN.md §6). */
export const AssessmentSheetRow = z.object({
  id: Id,
  recordNumber: RecordNumber,
  department: DepartmentCode,
  recordedAt: IsoDateTime,
  customerName: z.nullable(ShortText),
  customerType: z.nullable(CustomerType),
  category: Category,
  problem: LongText,
  expectedSolution: z.nullable(LongText),
  nature: z.nullable(Nature),
  urgency: z.nullable(Urgency),
  initialPriority: z.nullable(InitialPriority),
  /** The four dimensions (客户价值, 业务价值, 实施成本, 风险等级), each null until the meeting rated it. */
  ratings: z.object({ customerValue: rating, businessValue: rating, cost: rating, risk: rating }),
  /** P0–P3 the ratings suggest and why (shared/domain/priority); null until rated. */
  suggestedPriority: z.nullable(SuggestedPriority),
  /** The priority the meeting decided, null until it did. */
  priority: z.nullable(Priority),
  handling: z.nullable(Handling),
  /** The responsible department (责任部门) proposed. */
  responsibleDepartment: z.nullable(DepartmentCode),
  /** Defects: reproduction rate in percent and impact scope. */
  reproductionRate: z.nullable(z.number().check(z.gte(0), z.lte(100))),
  impactScope: z.nullable(ShortText),
});
export type AssessmentSheetRow = z.infer<typeof AssessmentSheetRow>;

/** Most rows one sheet holds; `truncated` says when more records were waiting. */
export const REPORT_MAX_ROWS = 1000;

/**
 * The assessment meeting sheet (需求评估与优先级排序表, DOMAIN.md §6): records screened valid and not
 * yet started, grouped by the department that collected them, in record-number order.
 */
export const AssessmentSheet = z.object({
  generatedAt: IsoDateTime,
  from: z.nullable(IsoDateTime),
  to: z.nullable(IsoDateTime),
  departments: z.array(z.object({ department: DepartmentCode, items: z.array(AssessmentSheetRow) })),
  truncated: z.boolean(),
});
export type AssessmentSheet = z.infer<typeof AssessmentSheet>;
