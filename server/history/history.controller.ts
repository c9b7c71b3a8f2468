import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { INVALID_SCOPE_MESSAGE } from '../contracts/errors';
import { type CompanyViewHistoryResponse, HISTORY_RANGES, INVALID_RANGE_MESSAGE } from '../contracts/history';
import { ApiErrors, DATABASE_DOWN, SESSION_REQUIRED, TENANT_ERRORS } from '../docs/api-errors.decorator';
import { CurrentTenant } from '../tenant/current-tenant.decorator';
import type { TenantContext } from '../tenant/tenant-context';
import { TenantGuard } from '../tenant/tenant.guard';
import { parseHistoryScope, parseRange, pointQuery } from './history-query';
import { KpiSampleStore } from './kpi-sample-store';

const POINT_SCHEMA = {
  type: 'object',
  required: ['at', 'kpis', 'money'],
  additionalProperties: false,
  properties: {
    at: { type: 'string', format: 'date-time', description: 'Start of the 15-minute bucket (24h, 7d) or of the tenant-local day (30d, 365d)' },
    kpis: { $ref: '#/components/schemas/CompanyKpis' },
    money: { $ref: '#/components/schemas/CompanyViewMoney' },
  },
};

@Controller('company-view')
@ApiTags('company-view')
export class HistoryController {
  constructor(private readonly samples: KpiSampleStore) {}

  /** The tenant's KPIs over time. The global session guard runs first, then the tenant guard. */
  @Get('history')
  @ApiOperation({ summary: "A tenant's KPIs and money over the last 24 hours, 7, 30 or 365 days" })
  @ApiHeader({ name: 'x-tenant-id', required: true, description: 'The tenant to show (UUID)' })
  @ApiQuery({ name: 'range', required: true, enum: [...HISTORY_RANGES], description: '24h and 7d: one point per 15 minutes; 30d and 365d: one point per day' })
  @ApiQuery({
    name: 'companies',
    required: false,
    description: "One company id; default: the tenant's default scope",
    schema: { type: 'string', pattern: '^[1-9][0-9]*$' },
  })
  @ApiOkResponse({
    description: 'Recorded KPIs and money, ascending by time; a KPI is null where its section had failed',
    schema: {
      type: 'object',
      required: ['tenantId', 'range', 'points'],
      additionalProperties: false,
      properties: { tenantId: { type: 'string' }, range: { type: 'string', enum: [...HISTORY_RANGES] }, points: { type: 'array', items: POINT_SCHEMA } },
    },
  })
  @ApiErrors(SESSION_REQUIRED, ...TENANT_ERRORS, [400, INVALID_RANGE_MESSAGE], [400, INVALID_SCOPE_MESSAGE], DATABASE_DOWN)
  @UseGuards(TenantGuard)
  async history(
    @CurrentTenant() tenant: TenantContext,
    @Query('range') rawRange: unknown,
    @Query('companies') companies: unknown,
  ): Promise<CompanyViewHistoryResponse> {
    // Parsed after the guards, as on the company view: only a member learns what was wrong with the query.
    const range = parseRange(rawRange);
    const scopeKey = parseHistoryScope(companies);
    const points = await this.samples.points(pointQuery(tenant, scopeKey, range, new Date()));
    return { tenantId: tenant.tenantId, range, points };
  }
}
