import * as z from 'zod/mini';
import { Record } from './record';
import { Obligation } from './obligation';

/** What every record edit, workflow action and sub-resource POST answers: the stored record and its obligations. */
export const RecordMutation = z.object({ record: Record, obligations: z.array(Obligation) });
export type RecordMutation = z.infer<typeof RecordMutation>;
