import nodemailer from 'nodemailer';

/** One e-mail to send. */
export interface Mail {
  to: string[];
  subject: string;
  text: string;
  /** A stable Message-ID, the same on every retry, so a receiving system can drop repeats. */
  messageId: string;
}

/** Sends e-mail over SMTP. */
export interface Mailer {
  send(mail: Mail): Promise<void>;
  close(): void;
}

/** A pooled nodemailer transport over `smtpUrl` (ECHOBOX_SMTP_URL, e.g. smtps://user:pass@host:465) from `from` (ECHOBOX_MAIL_FROM). */
export function createMailer(smtpUrl: string, from: string, options: { maxConnections?: number } = {}): Mailer {
  const transport = nodemailer.createTransport(smtpUrl, { pool: true, maxConnections: options.maxConnections ?? 5, from } as object);
  return {
    async send(mail) {
      await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text, messageId: mail.messageId });
    },
    close: () => transport.close(),
  };
}
