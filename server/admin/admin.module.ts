import { Module } from '@nestjs/common';
import { TenantActivityModule } from '../activity/tenant-activity.module';
import { TenantModule } from '../tenant/tenant.module';
import { AdminController } from './admin.controller';
import { AdminTenantsService } from './admin-tenants.service';

/** The operator console's routes (the audit log's platform view is in AuditModule). */
@Module({
  imports: [TenantModule, TenantActivityModule],
  controllers: [AdminController],
  providers: [AdminTenantsService],
})
export class AdminModule {}
