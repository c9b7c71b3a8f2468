import { Module } from '@nestjs/common';
import { TenantActivity } from './tenant-activity';
import { TenantActivityWriter } from './tenant-activity-writer';

/** Per-tenant usage facts for the operator console (last dashboard request, Odoo version). */
@Module({
  providers: [TenantActivity, TenantActivityWriter],
  exports: [TenantActivity],
})
export class TenantActivityModule {}
