import { Controller, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OperatorGuard } from '../auth/operator.guard';
import { CurrentUser, type SessionUser } from '../auth/session-user';
import { SameOriginGuard } from '../common/same-origin.guard';
import { CROSS_ORIGIN_MESSAGE, OPERATOR_REQUIRED_MESSAGE } from '../contracts/errors';
import type { AdminTenantActivationResponse, AdminTenantDto } from '../contracts/workspaces';
import { ApiErrors, DATABASE_DOWN, SESSION_REQUIRED } from '../docs/api-errors.decorator';
import { arrayOf, bool, int, nullableStr, obj, str } from '../docs/schemas';
import { AdminTenantsService } from './admin-tenants.service';

const TENANT_ROW = obj({
  tenantId: str({ format: 'uuid' }),
  name: str(),
  isActive: bool,
  createdAt: str({ format: 'date-time' }),
  members: int,
  source: str({ enum: ['workspace', 'server', 'none'] }),
  odoo: { ...obj({ host: str(), database: nullableStr() }), nullable: true },
  odooVersion: nullableStr(),
  lastAggregation: { ...obj({ at: str({ format: 'date-time' }), errorKinds: { type: 'object' } }), nullable: true },
  lastDashboardRequestAt: nullableStr({ format: 'date-time' }),
});
const ACTIVATION = obj({ tenantId: str({ format: 'uuid' }), name: str(), isActive: bool });

/** The operator console: every workspace's health, and switching one on or off. */
@Controller('admin/tenants')
@ApiTags('admin')
@UseGuards(SameOriginGuard, OperatorGuard)
@ApiErrors(SESSION_REQUIRED, [403, CROSS_ORIGIN_MESSAGE], [403, OPERATOR_REQUIRED_MESSAGE], DATABASE_DOWN)
export class AdminController {
  constructor(private readonly tenants: AdminTenantsService) {}

  @Get()
  @ApiOperation({ summary: 'Every workspace with its members, Odoo host and version, last aggregation and last dashboard request (operators)' })
  @ApiOkResponse({ description: 'Workspaces by name', schema: arrayOf(TENANT_ROW) })
  list(): Promise<AdminTenantDto[]> {
    return this.tenants.list();
  }

  @Post(':tenantId/activate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Activates a workspace (operators)' })
  @ApiOkResponse({ description: 'Its state now', schema: ACTIVATION })
  @ApiErrors([400, 'Bad Request: Invalid tenant ID'])
  activate(@Param('tenantId') tenantId: string, @CurrentUser() user: SessionUser): Promise<AdminTenantActivationResponse> {
    return this.tenants.setActive(tenantId, true, user);
  }

  @Post(':tenantId/deactivate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Deactivates a workspace: its members are refused at once (operators)' })
  @ApiOkResponse({ description: 'Its state now', schema: ACTIVATION })
  @ApiErrors([400, 'Bad Request: Invalid tenant ID'])
  deactivate(@Param('tenantId') tenantId: string, @CurrentUser() user: SessionUser): Promise<AdminTenantActivationResponse> {
    return this.tenants.setActive(tenantId, false, user);
  }
}
