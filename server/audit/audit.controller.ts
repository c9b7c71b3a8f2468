import { applyDecorators, Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { OperatorGuard } from '../auth/operator.guard';
import { SameOriginGuard } from '../common/same-origin.guard';
import { OPERATOR_REQUIRED_MESSAGE, REQUIRES_ADMIN_MESSAGE } from '../contracts/errors';
import type { AuditPageDto } from '../contracts/workspaces';
import { ApiErrors, DATABASE_DOWN, PATH_TENANT_ERRORS, SESSION_REQUIRED, TenantIdParam } from '../docs/api-errors.decorator';
import { arrayOf, nullableStr, obj, str } from '../docs/schemas';
import type { Membership } from '../tenant/tenant.service';
import { CurrentMembership, RequiresRole, RoleGuard, WorkspaceGuard } from '../tenant/workspace-access';
import { AuditQuery } from './audit-query';

const PAGE_SCHEMA = obj({
  items: arrayOf(obj({ at: str({ format: 'date-time' }), actorEmail: nullableStr(), tenantId: nullableStr(), action: str(), details: { type: 'object' } })),
  nextCursor: nullableStr(),
});
const BAD_PAGE: [number, string] = [400, 'Bad Request: Invalid cursor'];

const PageQuery = () =>
  applyDecorators(
    ApiQuery({ name: 'cursor', required: false, description: 'nextCursor of the previous page' }),
    ApiQuery({ name: 'limit', required: false, description: 'Entries per page, 1 to 100 (default 50)' }),
  );

/** The audit log: a workspace's (admins) and the whole platform's (operators), newest first. */
@Controller()
@ApiTags('audit')
@ApiErrors(SESSION_REQUIRED, DATABASE_DOWN)
export class AuditController {
  constructor(private readonly audit: AuditQuery) {}

  @Get('tenants/:tenantId/audit')
  @TenantIdParam()
  @UseGuards(SameOriginGuard, WorkspaceGuard, RoleGuard)
  @RequiresRole('admin')
  @ApiOperation({ summary: 'A workspace’s audit log, newest first (admins)' })
  @PageQuery()
  @ApiOkResponse({ description: 'One page', schema: PAGE_SCHEMA })
  @ApiErrors(...PATH_TENANT_ERRORS, [403, REQUIRES_ADMIN_MESSAGE], BAD_PAGE)
  tenant(@CurrentMembership() membership: Membership, @Query('cursor') cursor: unknown, @Query('limit') limit: unknown): Promise<AuditPageDto> {
    return this.audit.page(membership.tenant.tenantId, { cursor, limit });
  }

  @Get('admin/audit')
  @UseGuards(SameOriginGuard, OperatorGuard)
  @ApiOperation({ summary: 'Every workspace’s audit log and the platform’s, newest first (operators)' })
  @PageQuery()
  @ApiOkResponse({ description: 'One page', schema: PAGE_SCHEMA })
  @ApiErrors([403, OPERATOR_REQUIRED_MESSAGE], BAD_PAGE)
  all(@Query('cursor') cursor: unknown, @Query('limit') limit: unknown): Promise<AuditPageDto> {
    return this.audit.page(null, { cursor, limit });
  }
}
