import { Module } from '@nestjs/common';
import { TenantController } from './tenant.controller';
import { TenantEvents } from './tenant-events';
import { TenantGuard } from './tenant.guard';
import { TenantService } from './tenant.service';
import { RoleGuard, WorkspaceGuard } from './workspace-access';

@Module({
  controllers: [TenantController],
  providers: [TenantService, TenantGuard, TenantEvents, WorkspaceGuard, RoleGuard],
  exports: [TenantService, TenantGuard, TenantEvents, WorkspaceGuard, RoleGuard],
})
export class TenantModule {}
