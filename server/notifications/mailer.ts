import nodemailer from 'nodemailer';

/** One e-mail to send. */
export interface Mail {
  to: string[];
  subject: string;
  text: string;
  /** A stable Message-ID, the same on every retry, so a receiving system can drop repeats. */
  messageId: string;
  /** Extra headers, such as Content-Language. */
  headers?: Record<string, string>;
}

/** Sends e-mail over SMTP. */
export interface Mailer {
  send(mail: Mail): Promise<void>;
  close(): void;
}

/**
 * The one SMTP transport of a process (staff and customer e-mail alike): a pooled nodemailer transport over `smtpUrl` (ECHOBOX_SMTP_URL, e.g. smtps://user:pass@host:465) from `from` (ECHOBOX_MAIL_FROM),
 * so a burst of messages reuses a few open connections instead of one handshake each.
 */
export function createMailer(smtpUrl: string, from: string, options: { maxConnections?: number } = {}): Mailer {
  // The options go with the URL in one object: a second argument would be message defaults, and the
  // transport would quietly not pool.
  const transport = nodemailer.createTransport({ url: smtpUrl, pool: true, maxConnections: options.maxConnections ?? 5 } as object);
  return {
    async send(mail) {
      await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text, messageId: mail.messageId, ...(mail.headers ? { headers: mail.headers } : {}) });
    },
    close: () => transport.close(),
  };
}
