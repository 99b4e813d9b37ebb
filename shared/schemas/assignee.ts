import * as z from 'zod/mini';
import { DepartmentCode, Id, ShortText } from './common';
import { Role } from './enums';

/** A staff member records can be assigned to (the owner picker); no e-mail, unlike the admin's user list. */
export const Assignee = z.object({ id: Id, name: ShortText, role: Role, department: DepartmentCode });
export type Assignee = z.infer<typeof Assignee>;

/** `GET /api/v1/assignees`: the active staff, by name. */
export const AssigneeList = z.object({ items: z.array(Assignee) });
export type AssigneeList = z.infer<typeof AssigneeList>;
