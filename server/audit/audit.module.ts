import { Module } from '@nestjs/common';
import { TenantModule } from '../tenant/tenant.module';
import { AuditController } from './audit.controller';
import { AuditQuery } from './audit-query';

/** Reading the audit log (entries are written by each change, in its transaction: see audit-log.ts). */
@Module({
  imports: [TenantModule],
  controllers: [AuditController],
  providers: [AuditQuery],
})
export class AuditModule {}
