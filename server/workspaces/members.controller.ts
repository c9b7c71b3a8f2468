import { Body, Controller, Delete, Get, HttpCode, Param, Patch, UseGuards } from '@nestjs/common';
import { ApiBody, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentUser, type SessionUser } from '../auth/session-user';
import { parseBody } from '../common/request-body';
import { SameOriginGuard } from '../common/same-origin.guard';
import { LAST_OWNER_MESSAGE, MEMBER_NOT_FOUND_MESSAGE, REQUIRES_OWNER_MESSAGE } from '../contracts/errors';
import type { MemberDto } from '../contracts/workspaces';
import { arrayOf } from '../docs/schemas';
import { ApiErrors, DATABASE_DOWN, PATH_TENANT_ERRORS, SESSION_REQUIRED, TenantIdParam } from '../docs/api-errors.decorator';
import type { Membership } from '../tenant/tenant.service';
import { AllowInactiveTenant, CurrentMembership, RequiresRole, RoleGuard, WorkspaceGuard } from '../tenant/workspace-access';
import { MembersService } from './members.service';
import { CHANGE_ROLE_BODY, MEMBER_SCHEMA } from './workspace-schemas';
import { ADMIN_ONLY, BAD_BODY, CROSS_ORIGIN } from './workspaces.controller';

const changeRoleBody = z.object({ role: z.enum(['owner', 'admin', 'member'], { error: 'must be owner, admin or member' }) });

/** A workspace's members: list (admins), change a role, remove one, or leave. */
@Controller('tenants/:tenantId/members')
@TenantIdParam()
@ApiTags('workspaces')
@UseGuards(SameOriginGuard, WorkspaceGuard, RoleGuard)
@ApiErrors(SESSION_REQUIRED, ...PATH_TENANT_ERRORS, DATABASE_DOWN)
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Get()
  @RequiresRole('admin')
  @ApiOperation({ summary: 'The members of a workspace, owners first (admins)' })
  @ApiOkResponse({ description: 'Members', schema: arrayOf(MEMBER_SCHEMA) })
  @ApiErrors(ADMIN_ONLY)
  list(@CurrentMembership() membership: Membership): Promise<MemberDto[]> {
    return this.members.list(membership.tenant.tenantId);
  }

  @Patch(':userId')
  @RequiresRole('admin')
  @ApiOperation({ summary: 'Changes a member’s role (admins up to admin; owners for anything about owners)' })
  @ApiBody({ schema: CHANGE_ROLE_BODY })
  @ApiOkResponse({ description: 'The member with the new role', schema: MEMBER_SCHEMA })
  @ApiErrors(CROSS_ORIGIN, ADMIN_ONLY, [403, REQUIRES_OWNER_MESSAGE], BAD_BODY, [404, MEMBER_NOT_FOUND_MESSAGE], [409, LAST_OWNER_MESSAGE])
  changeRole(
    @CurrentMembership() membership: Membership,
    @CurrentUser() user: SessionUser,
    @Param('userId') userId: string,
    @Body() body: unknown,
  ): Promise<MemberDto> {
    const { role } = parseBody(changeRoleBody, body);
    return this.members.changeRole(membership, user, userId, role);
  }

  @Delete(':userId')
  @HttpCode(204)
  @AllowInactiveTenant()
  @ApiOperation({ summary: 'Removes a member (admins; owners for an owner), or leaves when it is the caller (also on an inactive workspace)' })
  @ApiNoContentResponse({ description: 'Removed; they lose access on their next request' })
  @ApiErrors(CROSS_ORIGIN, ADMIN_ONLY, [403, REQUIRES_OWNER_MESSAGE], [404, MEMBER_NOT_FOUND_MESSAGE], [409, LAST_OWNER_MESSAGE])
  async remove(@CurrentMembership() membership: Membership, @CurrentUser() user: SessionUser, @Param('userId') userId: string): Promise<void> {
    await this.members.remove(membership, user, userId);
  }
}
