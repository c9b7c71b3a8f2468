import { Controller, Get, Req, UseGuards, UseInterceptors } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiCookieAuth, ApiHeader, ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors, DATABASE_DOWN, SESSION_REQUIRED, TENANT_ERRORS } from '../docs/api-errors.decorator';
import { SessionGuard } from '../auth/session.guard';
import { CurrentTenant } from '../tenant/current-tenant.decorator';
import type { TenantContext } from '../tenant/tenant-context';
import { TenantGuard } from '../tenant/tenant.guard';
import { CompanyViewHttpCacheInterceptor } from './company-view-http-cache.interceptor';
import { type CompanyViewResult, CompanyViewService } from './company-view.service';

@Controller('api/company-view')
@ApiTags('company-view')
@ApiCookieAuth('session')
export class CompanyViewController {
  constructor(private readonly companyView: CompanyViewService) {}

  /** The dashboard of the tenant named by x-tenant-id. Guards run in order: session, then tenant. */
  @Get()
  @ApiHeader({ name: 'x-tenant-id', required: true, description: 'The tenant to show (UUID)' })
  @ApiHeader({ name: 'If-None-Match', required: false, description: 'ETag of a previous answer' })
  @ApiOkResponse({
    description: 'The dashboard; failed sections are empty, their KPIs null, their errors in errorsBySection. Headers: X-Cache (HIT|MISS), ETag, Cache-Control, Vary.',
    schema: { $ref: '#/components/schemas/CompanyViewResponse' },
  })
  @ApiResponse({ status: 304, description: 'Not modified (matching If-None-Match); no body' })
  @ApiErrors(SESSION_REQUIRED, ...TENANT_ERRORS, DATABASE_DOWN)
  @UseGuards(SessionGuard, TenantGuard)
  @UseInterceptors(CompanyViewHttpCacheInterceptor)
  get(@CurrentTenant() tenant: TenantContext, @Req() request: FastifyRequest): Promise<CompanyViewResult> {
    return this.companyView.get(tenant, request.id);
  }
}
