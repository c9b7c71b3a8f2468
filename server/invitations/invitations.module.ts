import { Module } from '@nestjs/common';
import { MailModule } from '../mail/mail.module';
import { TenantModule } from '../tenant/tenant.module';
import { InvitationsController, TenantInvitationsController } from './invitations.controller';
import { InvitationsService } from './invitations.service';

/** Inviting people into a workspace by link (and email when SMTP is configured). */
@Module({
  imports: [TenantModule, MailModule],
  controllers: [TenantInvitationsController, InvitationsController],
  providers: [InvitationsService],
})
export class InvitationsModule {}
