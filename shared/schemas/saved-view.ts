import * as z from 'zod/mini';
import { Id, IsoDateTime, requiredText, LIMITS } from './common';
import { RecordListQuery } from './record-query';
import { storableString } from './storable';

/** Parameters of the record list a saved view keeps: its filters, search and sort (never a cursor or a page size). */
export const SAVED_VIEW_KEYS = (Object.keys(RecordListQuery.shape) as (keyof typeof RecordListQuery.shape)[]).filter(
  (key): key is Exclude<keyof typeof RecordListQuery.shape, 'cursor' | 'limit'> => key !== 'cursor' && key !== 'limit',
);
/** One of SAVED_VIEW_KEYS. */
export type SavedViewKey = (typeof SAVED_VIEW_KEYS)[number];

/**
 * A view's query as the list's URL parameters (strings, as the queue sends them), checked with
 * RecordListQuery itself: what a view stores is exactly what the list accepts.
 */
export const SavedViewQuery = z
  .strictObject(Object.fromEntries(SAVED_VIEW_KEYS.map((key) => [key, z.optional(storableString().check(z.maxLength(500)))])) as {
    [K in SavedViewKey]: z.ZodMiniOptional<z.ZodMiniString>;
  })
  .check(
    z.superRefine((value, ctx) => {
      const parsed = z.safeParse(RecordListQuery, value);
      if (parsed.success) return;
      for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path as PropertyKey[], input: value });
    }),
  );
export type SavedViewQuery = z.infer<typeof SavedViewQuery>;

/** A view's name as the person typed it. */
export const ViewName = requiredText(LIMITS.title);

/** A saved queue view: personal (its owner's) or shared (everyone reads it; reviewers and admins edit it). */
export const SavedView = z.object({
  id: Id,
  name: ViewName,
  shared: z.boolean(),
  ownerId: Id,
  query: SavedViewQuery,
  version: z.int().check(z.minimum(1)),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type SavedView = z.infer<typeof SavedView>;

/** Body of `POST /api/v1/views`. */
export const NewSavedView = z.strictObject({ name: ViewName, shared: z.optional(z.boolean()), query: SavedViewQuery });
export type NewSavedView = z.infer<typeof NewSavedView>;

/** Body of `PATCH /api/v1/views/{id}` (If-Match): the fields to replace, at least one. */
export const SavedViewPatch = z
  .strictObject({ name: z.optional(ViewName), shared: z.optional(z.boolean()), query: z.optional(SavedViewQuery) })
  .check(z.refine((v) => Object.keys(v).length > 0, { message: 'empty_patch', params: { code: 'empty_patch' } }));
export type SavedViewPatch = z.infer<typeof SavedViewPatch>;

/** One view, as every view route answers. */
export const SavedViewAnswer = z.object({ view: SavedView });
export type SavedViewAnswer = z.infer<typeof SavedViewAnswer>;

/** `GET /api/v1/views`: the shared views, then the reader's own, each by name. */
export const SavedViewList = z.object({ items: z.array(SavedView) });
export type SavedViewList = z.infer<typeof SavedViewList>;
