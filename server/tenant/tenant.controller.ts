import { Body, Controller, Get, Put, UseGuards } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, DATABASE_DOWN, SESSION_REQUIRED, TENANT_ERRORS } from '../docs/api-errors.decorator';
import type { CurrentTenantResponse, TenantMembershipDto } from '../contracts/tenant';
import { CurrentUser } from '../auth/session-user';
import type { SessionUser } from '../auth/session-user';
import { TenantService } from './tenant.service';
import { SameOriginGuard } from '../common/same-origin.guard';
import { CROSS_ORIGIN_MESSAGE } from '../contracts/errors';

const CURRENT_TENANT_SCHEMA = {
  type: 'object',
  properties: { tenantId: { type: 'string', nullable: true }, tenantName: { type: 'string', nullable: true }, error: { type: 'string', nullable: true } },
};

@Controller('tenants')
@ApiTags('tenants')
@ApiErrors(SESSION_REQUIRED, DATABASE_DOWN)
export class TenantController {
  constructor(private readonly tenants: TenantService) {}

  @Get('current')
  @ApiOperation({ summary: "The signed-in user's default tenant" })
  @ApiOkResponse({ description: "The user's default tenant; all null when there is none", schema: CURRENT_TENANT_SCHEMA })
  current(@CurrentUser() user: SessionUser): Promise<CurrentTenantResponse> {
    return this.tenants.current(user.id);
  }

  @Get()
  @ApiOperation({ summary: "The signed-in user's tenants" })
  @ApiOkResponse({
    description: "The user's memberships",
    schema: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          tenantId: { type: 'string' },
          tenantName: { type: 'string' },
          isActive: { type: 'boolean' },
          isDefault: { type: 'boolean' },
          role: { type: 'string', enum: ['owner', 'admin', 'member'] },
        },
      },
    },
  })
  list(@CurrentUser() user: SessionUser): Promise<TenantMembershipDto[]> {
    return this.tenants.list(user.id);
  }

  @Put('current')
  @ApiOperation({ summary: 'Changes the default tenant' })
  @ApiBody({ schema: { type: 'object', properties: { tenantId: { type: 'string', format: 'uuid' } }, required: ['tenantId'] } })
  @ApiOkResponse({ description: 'The new default tenant', schema: CURRENT_TENANT_SCHEMA })
  @ApiErrors([400, 'Bad Request: tenantId required'], ...TENANT_ERRORS, [403, CROSS_ORIGIN_MESSAGE])
  @UseGuards(SameOriginGuard)
  switch(@CurrentUser() user: SessionUser, @Body() body: unknown): Promise<CurrentTenantResponse> {
    const tenantId = typeof body === 'object' && body !== null ? (body as { tenantId?: unknown }).tenantId : undefined;
    return this.tenants.switchDefault(user.id, tenantId);
  }
}
