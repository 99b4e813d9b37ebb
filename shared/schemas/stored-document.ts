import * as z from 'zod/mini';

/**
 * Answer of a create whose id is the client's idempotency key: 201 `created`, or 200 `duplicate`
 * for a retry of the same content; the document under `name`.
 */
export const createdAnswer = <K extends string, T extends z.ZodMiniType>(name: K, doc: T) =>
  z.object({ status: z.enum(['created', 'duplicate']), [name]: doc } as { status: z.ZodMiniEnum<{ created: 'created'; duplicate: 'duplicate' }> } & {
    [P in K]: T;
  });

/**
 * A PATCH body of a document: some of its top-level fields, each replacing the stored value
 * whole; at least one. The merged document is checked against the full schema.
 */
export const documentPatch = <S extends z.core.$ZodLooseShape>(shape: S) =>
  z
    .partial(z.strictObject(shape))
    .check(z.refine((v) => Object.keys(v).length > 0, { message: 'empty_patch', params: { code: 'empty_patch' } }));
