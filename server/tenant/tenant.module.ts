import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { TenantController } from './tenant.controller';
import { TenantEvents } from './tenant-events';
import { TenantGuard } from './tenant.guard';
import { TenantService } from './tenant.service';

@Module({
  imports: [AuthModule],
  controllers: [TenantController],
  providers: [TenantService, TenantGuard, TenantEvents],
  exports: [TenantService, TenantGuard, TenantEvents],
})
export class TenantModule {}
