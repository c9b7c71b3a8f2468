import { Module } from '@nestjs/common';
import { Mailer } from './mailer';

/** Outgoing email (invitations, password resets) when SMTP_URL is set. */
@Module({
  providers: [Mailer],
  exports: [Mailer],
})
export class MailModule {}
