import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { AppConfig } from '../config/app-config';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** How long one delivery may take before the caller stops waiting for it. */
const SEND_TIMEOUT_MS = 10_000;

/** SMTP_URL as nodemailer takes it (smtp://user:pass@host:port, smtps:// for TLS from the start), with our timeouts. */
function smtpOptions(url: string): string {
  const parsed = new URL(url);
  for (const [name, value] of [
    ['connectionTimeout', SEND_TIMEOUT_MS],
    ['greetingTimeout', SEND_TIMEOUT_MS],
    ['socketTimeout', SEND_TIMEOUT_MS],
  ] as const) {
    if (!parsed.searchParams.has(name)) parsed.searchParams.set(name, String(value));
  }
  return parsed.toString();
}

/**
 * Outgoing email through the SMTP server named by SMTP_URL (nodemailer). Without it, `enabled` is
 * false and nothing is sent: links are shown to copy instead. A failed delivery is logged without
 * the message body (it carries links that work as credentials) and reported as false.
 */
@Injectable()
export class Mailer implements OnApplicationShutdown {
  private readonly logger = new Logger(Mailer.name);
  private readonly transport: Transporter | null;
  private readonly from: string | null;

  constructor(config: AppConfig) {
    this.transport = config.mail ? createTransport(smtpOptions(config.mail.url)) : null;
    this.from = config.mail?.from ?? null;
  }

  get enabled(): boolean {
    return this.transport !== null;
  }

  /** Sends one message; true once the SMTP server accepted it. `fromHost` names the default sender's domain. */
  async send(message: MailMessage, fromHost: string): Promise<boolean> {
    if (!this.transport) return false;
    try {
      await this.transport.sendMail({ from: this.from ?? `Company View <no-reply@${fromHost}>`, ...message });
      return true;
    } catch (err) {
      this.logger.warn(`Could not send "${message.subject}": ${(err as Error).message}`);
      return false;
    }
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
