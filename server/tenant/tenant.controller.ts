import { Body, Controller, Get, Put, UseGuards } from '@nestjs/common';
import { ApiBody, ApiCookieAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors, DATABASE_DOWN, SESSION_REQUIRED, TENANT_ERRORS } from '../docs/api-errors.decorator';
import { SessionGuard } from '../auth/session.guard';
import type { CurrentTenantResponse, TenantMembershipDto } from '../contracts/tenant';
import { CurrentUser } from './current-tenant.decorator';
import type { SessionUser } from './tenant-context';
import { TenantService } from './tenant.service';

const CURRENT_TENANT_SCHEMA = {
  type: 'object',
  properties: { tenantId: { type: 'string', nullable: true }, tenantName: { type: 'string', nullable: true }, error: { type: 'string', nullable: true } },
};

@Controller('api/tenants')
@UseGuards(SessionGuard)
@ApiTags('tenants')
@ApiCookieAuth('session')
@ApiErrors(SESSION_REQUIRED, DATABASE_DOWN)
export class TenantController {
  constructor(private readonly tenants: TenantService) {}

  @Get('current')
  @ApiOkResponse({ description: "The user's default tenant; all null when there is none", schema: CURRENT_TENANT_SCHEMA })
  current(@CurrentUser() user: SessionUser): Promise<CurrentTenantResponse> {
    return this.tenants.current(user.id);
  }

  @Get()
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
  @ApiBody({ schema: { type: 'object', properties: { tenantId: { type: 'string', format: 'uuid' } }, required: ['tenantId'] } })
  @ApiOkResponse({ description: 'The new default tenant', schema: CURRENT_TENANT_SCHEMA })
  @ApiErrors([400, 'Bad Request: tenantId required'], ...TENANT_ERRORS)
  switch(@CurrentUser() user: SessionUser, @Body() body: unknown): Promise<CurrentTenantResponse> {
    const tenantId = typeof body === 'object' && body !== null ? (body as { tenantId?: unknown }).tenantId : undefined;
    return this.tenants.switchDefault(user.id, tenantId);
  }
}
