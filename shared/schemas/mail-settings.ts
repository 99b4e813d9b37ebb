import * as z from 'zod/mini';

/**
 * `GET /api/v1/mail-settings` (admins): how e-mail leaves this installation, read-only (it is set
 * by the environment). Never the SMTP URL itself: it may carry a password.
 */
export const MailSettings = z.object({
  /** Whether ECHOBOX_SMTP_URL is set; without it customer messages stay "to send by hand". */
  smtpConfigured: z.boolean(),
  /** The SMTP server's host and port, when configured. */
  smtpHost: z.nullable(z.string()),
  /** The sender (ECHOBOX_MAIL_FROM). */
  from: z.string(),
  /** Where status-page links point (ECHOBOX_PUBLIC_URL). */
  publicUrl: z.string(),
  /** Days a status-page link stays valid. */
  statusLinkDays: z.int(),
});
export type MailSettings = z.infer<typeof MailSettings>;
