import * as z from 'zod/mini';
import { DepartmentCode } from './common';
import { storableInstant } from './storable';

/** A day or an instant, 1970–2999; a bare day is the company's day, read as the record list reads it. */
const DateOrInstant = z.union([z.iso.date(), z.iso.datetime({ offset: true })]).check(storableInstant());
/** A query-string list of department codes (`CS,PM`). */
const Departments = z.pipe(
  z.string().check(z.maxLength(500)),
  z.pipe(
    z.transform((value: string) => value.split(',').map((part) => part.trim()).filter(Boolean)),
    z.array(DepartmentCode).check(z.minLength(1), z.maxLength(20)),
  ),
);

/**
 * Query of every `GET /api/v1/dashboard/<panel>`: the time range (from inclusive, to exclusive; a
 * bare `to` day includes that day; default the last 365 days) and departments. The same values given
 * to the record list select exactly the records a figure counts.
 */
export const DashboardQuery = z.object({
  from: z.optional(DateOrInstant),
  to: z.optional(DateOrInstant),
  department: z.optional(Departments),
});
export type DashboardQuery = z.infer<typeof DashboardQuery>;
