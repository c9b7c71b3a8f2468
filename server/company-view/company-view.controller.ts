import { Controller, Get, UseGuards, UseInterceptors } from '@nestjs/common';
import { SessionGuard } from '../auth/session.guard';
import { CurrentTenant } from '../tenant/current-tenant.decorator';
import type { TenantContext } from '../tenant/tenant-context';
import { TenantGuard } from '../tenant/tenant.guard';
import { CompanyViewHttpCacheInterceptor } from './company-view-http-cache.interceptor';
import { type CompanyViewResult, CompanyViewService } from './company-view.service';

@Controller('api/company-view')
export class CompanyViewController {
  constructor(private readonly companyView: CompanyViewService) {}

  /** The dashboard of the tenant named by x-tenant-id. Guards run in order: session, then tenant. */
  @Get()
  @UseGuards(SessionGuard, TenantGuard)
  @UseInterceptors(CompanyViewHttpCacheInterceptor)
  get(@CurrentTenant() tenant: TenantContext): Promise<CompanyViewResult> {
    return this.companyView.get(tenant);
  }
}
