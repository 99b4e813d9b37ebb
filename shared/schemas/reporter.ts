import * as z from 'zod/mini';
import { CustomerKind, CustomerType } from './enums';
import { Sha256Hex, ShortText, requiredText } from './common';

/** What a host application tells about its signed-in user; used for survey targeting and records. */
export const UserTraits = z.object({
  customerType: z.optional(CustomerType),
  customerKind: z.optional(CustomerKind),
  industry: z.optional(ShortText),
  plan: z.optional(requiredText(50)),
});
export type UserTraits = z.infer<typeof UserTraits>;

/**
 * How a widget proves who is reporting. Anonymous: the SHA-256 of a random secret the widget
 * keeps; reading updates later needs the secret itself, so a leaked hash reads nothing.
 * Identified: a token the host signed for its user, verified by the server.
 */
export const ReporterCredential = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('anonymous'), secretHash: Sha256Hex }),
  z.object({
    kind: z.literal('identified'),
    identityToken: z.string().check(z.regex(/^[A-Za-z0-9._~+/=-]{16,4096}$/)),
  }),
]);
export type ReporterCredential = z.infer<typeof ReporterCredential>;

/** The reporter as stored on a record, after the server checked the credential. */
export const Reporter = z.object({
  /** The anonymous secret's hash. */
  anonymousId: z.optional(Sha256Hex),
  /** The host application's user id from a verified identity token. */
  userId: z.optional(requiredText(200)),
  traits: z.optional(UserTraits),
});
export type Reporter = z.infer<typeof Reporter>;
