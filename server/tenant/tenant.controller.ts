import { Body, Controller, Get, Put, UseGuards } from '@nestjs/common';
import { SessionGuard } from '../auth/session.guard';
import type { CurrentTenantResponse, TenantMembershipDto } from '../contracts/tenant';
import { CurrentUser } from './current-tenant.decorator';
import type { SessionUser } from './tenant-context';
import { TenantService } from './tenant.service';

@Controller('api/tenants')
@UseGuards(SessionGuard)
export class TenantController {
  constructor(private readonly tenants: TenantService) {}

  @Get('current')
  current(@CurrentUser() user: SessionUser): Promise<CurrentTenantResponse> {
    return this.tenants.current(user.id);
  }

  @Get()
  list(@CurrentUser() user: SessionUser): Promise<TenantMembershipDto[]> {
    return this.tenants.list(user.id);
  }

  @Put('current')
  switch(@CurrentUser() user: SessionUser, @Body() body: unknown): Promise<CurrentTenantResponse> {
    const tenantId = typeof body === 'object' && body !== null ? (body as { tenantId?: unknown }).tenantId : undefined;
    return this.tenants.switchDefault(user.id, tenantId);
  }
}
