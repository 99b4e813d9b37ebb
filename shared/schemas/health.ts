import * as z from 'zod/mini';
import { CalendarGapView, CalendarId } from './calendar';

/** GET /readyz: the database answers; `calendar` names the active calendar and the years it lacks now or within 60 days. */
export const ReadyStatus = z.object({
  status: z.literal('ready'),
  database: z.enum(['pglite', 'postgres']),
  calendar: z.object({ id: CalendarId, gaps: z.array(CalendarGapView) }),
});
export type ReadyStatus = z.infer<typeof ReadyStatus>;

/** GET /healthz: the process answers. */
export const Liveness = z.object({ status: z.literal('ok') });
export type Liveness = z.infer<typeof Liveness>;
