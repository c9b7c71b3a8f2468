import { Body, Controller, Get, HttpCode, Patch, Post, UseGuards } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type SessionUser } from '../auth/session-user';
import { parseBody } from '../common/request-body';
import { SameOriginGuard } from '../common/same-origin.guard';
import { CROSS_ORIGIN_MESSAGE, REQUIRES_ADMIN_MESSAGE, WORKSPACE_CREATION_DISABLED_MESSAGE } from '../contracts/errors';
import type { CreateWorkspaceResponse, WorkspaceDto } from '../contracts/workspaces';
import { ApiErrors, DATABASE_DOWN, PATH_TENANT_ERRORS, SESSION_REQUIRED, TenantIdParam, type DocumentedError } from '../docs/api-errors.decorator';
import type { Membership } from '../tenant/tenant.service';
import { CurrentMembership, RequiresRole, RoleGuard, WorkspaceGuard } from '../tenant/workspace-access';
import { createWorkspaceBody, updateWorkspaceBody } from './workspace-bodies';
import { CREATE_WORKSPACE_BODY, CREATED_WORKSPACE_SCHEMA, UPDATE_WORKSPACE_BODY, WORKSPACE_SCHEMA } from './workspace-schemas';
import { WorkspacesService } from './workspaces.service';

export const CROSS_ORIGIN: DocumentedError = [403, CROSS_ORIGIN_MESSAGE];
export const BAD_BODY: DocumentedError = [400, 'Bad Request: <what is wrong with the body>'];
export const ADMIN_ONLY: DocumentedError = [403, REQUIRES_ADMIN_MESSAGE];

/** Creating a workspace, reading and renaming it. Checks: session, Origin, tenant from the path, role, body. */
@Controller('tenants')
@ApiTags('workspaces')
@ApiErrors(SESSION_REQUIRED, DATABASE_DOWN)
export class WorkspacesController {
  constructor(private readonly workspaces: WorkspacesService) {}

  @Post()
  @UseGuards(SameOriginGuard)
  @ApiOperation({ summary: 'Creates a workspace; the caller becomes its owner (and lands on it if they had no workspace)' })
  @ApiBody({ schema: CREATE_WORKSPACE_BODY })
  @ApiCreatedResponse({ description: 'The new workspace', schema: CREATED_WORKSPACE_SCHEMA })
  @ApiErrors(CROSS_ORIGIN, [403, WORKSPACE_CREATION_DISABLED_MESSAGE], BAD_BODY)
  create(@CurrentUser() user: SessionUser, @Body() body: unknown): Promise<CreateWorkspaceResponse> {
    this.workspaces.assertMayCreate(user);
    return this.workspaces.create(user, parseBody(createWorkspaceBody, body));
  }

  @Get(':tenantId')
  @TenantIdParam()
  @UseGuards(SameOriginGuard, WorkspaceGuard)
  @ApiOperation({ summary: 'A workspace: name, status, settings, the caller’s role; its Odoo settings for admins (never the secret)' })
  @ApiOkResponse({ description: 'The workspace', schema: WORKSPACE_SCHEMA })
  @ApiErrors(...PATH_TENANT_ERRORS)
  get(@CurrentMembership() membership: Membership): Promise<WorkspaceDto> {
    return this.workspaces.get(membership);
  }

  @Patch(':tenantId')
  @TenantIdParam()
  @HttpCode(200)
  @UseGuards(SameOriginGuard, WorkspaceGuard, RoleGuard)
  @RequiresRole('admin')
  @ApiOperation({ summary: 'Renames a workspace or changes its time zone or language (admins)' })
  @ApiBody({ schema: UPDATE_WORKSPACE_BODY })
  @ApiOkResponse({ description: 'The workspace as it now is', schema: WORKSPACE_SCHEMA })
  @ApiErrors(CROSS_ORIGIN, ...PATH_TENANT_ERRORS, ADMIN_ONLY, BAD_BODY)
  update(@CurrentMembership() membership: Membership, @CurrentUser() user: SessionUser, @Body() body: unknown): Promise<WorkspaceDto> {
    return this.workspaces.update(membership, user, parseBody(updateWorkspaceBody, body));
  }
}
