import * as z from 'zod/mini';
import { RecordListQuery } from '../../shared/schemas/record-query';
import { Locale } from '../../shared/schemas/common';

/**
 * Query of `GET /api/v1/exports/ledger.(csv|xlsx)`: the record list's filters and sort (cursor and
 * limit are accepted and ignored, an export is always whole) plus the language of headings and labels.
 */
export const LedgerExportQuery = z.extend(RecordListQuery, { lang: z.optional(Locale) });
export type LedgerExportQuery = z.infer<typeof LedgerExportQuery>;
