import { Controller, Get, Query, Req, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors, DATABASE_DOWN, SESSION_REQUIRED, TENANT_ERRORS } from '../docs/api-errors.decorator';
import { TenantActivity } from '../activity/tenant-activity';
import { CurrentTenant } from '../tenant/current-tenant.decorator';
import type { TenantContext } from '../tenant/tenant-context';
import { TenantGuard } from '../tenant/tenant.guard';
import { INVALID_SCOPE_MESSAGE, parseScope } from './company-scope';
import { CompanyViewService } from './company-view.service';
import { cachedAnswer } from './http-cache';

@Controller('company-view')
@ApiTags('company-view')
export class CompanyViewController {
  constructor(
    private readonly companyView: CompanyViewService,
    private readonly activity: TenantActivity,
  ) {}

  /** The dashboard of the tenant named by x-tenant-id. The global session guard runs first, then the tenant guard. */
  @Get()
  @ApiOperation({ summary: 'The dashboard of a tenant: KPIs, money, tables and what failed' })
  @ApiHeader({ name: 'x-tenant-id', required: true, description: 'The tenant to show (UUID)' })
  @ApiHeader({ name: 'If-None-Match', required: false, description: 'ETag of a previous answer' })
  @ApiQuery({
    name: 'companies',
    required: false,
    description: 'Company ids to cover, comma-separated (e.g. 1,3); default: every company in meta.companies',
    schema: { type: 'string', pattern: '^[1-9][0-9]*(,[1-9][0-9]*)*$' },
  })
  @ApiOkResponse({
    description:
      'The dashboard; failed sections are empty, their KPIs null, their errors in errorsBySection. Headers: X-Cache (HIT|MISS), ETag, Cache-Control, Vary.',
    schema: { $ref: '#/components/schemas/CompanyViewResponse' },
  })
  @ApiResponse({ status: 304, description: 'Not modified (matching If-None-Match); no body' })
  @ApiErrors(SESSION_REQUIRED, ...TENANT_ERRORS, [400, INVALID_SCOPE_MESSAGE], DATABASE_DOWN)
  @UseGuards(TenantGuard)
  async get(
    @CurrentTenant() tenant: TenantContext,
    @Query('companies') companies: unknown,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer | Response> {
    // In memory only; written once a minute for the operator console.
    this.activity.requested(tenant.tenantId);
    // Parsed after the guards: a bad scope is answered only to a member of the tenant.
    const result = await this.companyView.get(tenant, parseScope(companies), request.id);
    return cachedAnswer(request, reply, result);
  }
}
