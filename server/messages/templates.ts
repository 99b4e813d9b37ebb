import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/open';
import { messageTemplates } from '../db/schema';
import { t } from '../../shared/i18n/t';
import type { MessageKey } from '../../shared/i18n/catalog';
import type { CommunicationKind } from '../../shared/schemas/enums';
import type { Locale } from '../../shared/schemas/common';
import type { MessageTemplate } from '../../shared/schemas/message';

/** The built-in wording of a kind in a language (shared/i18n/messages/customer-message.ts), placeholders unfilled. */
export function defaultTemplate(kind: CommunicationKind, locale: Locale): { subject: string; body: string } {
  // Translating with no params keeps every `{placeholder}` for fillTemplate.
  return {
    subject: t(locale, `mail.subject.${kind}` as MessageKey, {} as never),
    body: t(locale, `mail.body.${kind}` as MessageKey, {} as never),
  };
}

/** The template a message is written from: the company's own if stored, else the default. */
export async function templateFor(db: Db, kind: CommunicationKind, locale: Locale): Promise<MessageTemplate> {
  const [row] = await db
    .select()
    .from(messageTemplates)
    .where(and(eq(messageTemplates.kind, kind), eq(messageTemplates.locale, locale)));
  const builtIn = defaultTemplate(kind, locale);
  return row
    ? { kind, locale, subject: row.subject, body: row.body, custom: true, updatedAt: row.updatedAt.toISOString(), default: builtIn }
    : { kind, locale, ...builtIn, custom: false, updatedAt: null, default: builtIn };
}

/** Store a company's wording of one kind and language. */
export async function putTemplate(
  db: Db,
  input: { kind: CommunicationKind; locale: Locale; subject: string; body: string; by: string; now: Date },
): Promise<void> {
  const values = { subject: input.subject, body: input.body, updatedAt: input.now, updatedBy: input.by };
  await db
    .insert(messageTemplates)
    .values({ kind: input.kind, locale: input.locale, ...values })
    .onConflictDoUpdate({ target: [messageTemplates.kind, messageTemplates.locale], set: values });
}

/** Remove a company's wording: the default applies again. */
export async function deleteTemplate(db: Db, kind: CommunicationKind, locale: Locale): Promise<void> {
  await db.delete(messageTemplates).where(and(eq(messageTemplates.kind, kind), eq(messageTemplates.locale, locale)));
}
