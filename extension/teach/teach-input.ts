import * as z from 'zod/mini';
import { AdapterDefinition, CssSelector } from '../../shared/schemas/adapter';
import { TAUGHT_FIELDS } from '../../shared/capture/teach-definition';

/** A field being taught. */
export const TaughtFieldName = z.enum(TAUGHT_FIELDS);

/** Taught rules by field, as the panel holds them (selectors may still be invalid). */
export const TaughtRulesInput = z.partialRecord(TaughtFieldName, z.object({ selector: z.string().check(z.maxLength(1000)), attribute: z.optional(z.string().check(z.maxLength(100))) }));
export type TaughtRulesInput = z.infer<typeof TaughtRulesInput>;

/** What the page-side teach script is handed: pick one field's element, read taught rules, or stop picking. */
export type TeachInput =
  | { mode: 'pick'; field: z.infer<typeof TaughtFieldName>; banner: string }
  | { mode: 'preview'; rules: TaughtRulesInput; id?: string; version?: number }
  | { mode: 'cancel' };

/** Where the handed-over input waits in the extension's isolated world of the page. */
export const TEACH_INPUT_KEY = '__echoboxTeachInput';

/** The element an agent picked: its proposed selector and what it reads now. Null when cancelled. */
export const TeachPick = z.nullable(z.object({ selector: CssSelector, value: z.string() }));
export type TeachPick = z.infer<typeof TeachPick>;

/** A field rule's problem: the schema's message for the taught field it belongs to. */
export const TeachIssue = z.object({ field: z.string(), message: z.string() });

/** What the taught rules read on the page, the definition they make (when valid), and the problems. */
export const TeachPreview = z.object({
  values: z.partialRecord(TaughtFieldName, z.string()),
  messageCount: z.number(),
  definition: z.nullable(AdapterDefinition),
  issues: z.array(TeachIssue),
});
export type TeachPreview = z.infer<typeof TeachPreview>;
