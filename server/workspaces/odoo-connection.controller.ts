import { Body, Controller, Delete, HttpCode, Post, Put, UseGuards } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type SessionUser } from '../auth/session-user';
import { parseBody } from '../common/request-body';
import { SameOriginGuard } from '../common/same-origin.guard';
import { ODOO_URL_REFUSED_PREFIX } from '../contracts/errors';
import type { OdooCheckResponse, OdooConnectionRequest, OdooConnectionResponse } from '../contracts/workspaces';
import { ApiErrors, DATABASE_DOWN, PATH_TENANT_ERRORS, SESSION_REQUIRED, TenantIdParam } from '../docs/api-errors.decorator';
import type { Membership } from '../tenant/tenant.service';
import { CurrentMembership, RequiresRole, RoleGuard, WorkspaceGuard } from '../tenant/workspace-access';
import { odooConnectionBody } from './workspace-bodies';
import { CHECK_SCHEMA, CONNECTION_BODY, WORKSPACE_ODOO_SCHEMA } from './workspace-schemas';
import { OdooConnectionService } from './odoo-connection.service';
import { ADMIN_ONLY, BAD_BODY, CROSS_ORIGIN } from './workspaces.controller';

const URL_REFUSED = [400, `${ODOO_URL_REFUSED_PREFIX}: <why>`] as [number, string];

/** A workspace's Odoo connection (admins): save, remove, or check without saving. */
@Controller('tenants/:tenantId/odoo-connection')
@TenantIdParam()
@ApiTags('workspaces')
@UseGuards(SameOriginGuard, WorkspaceGuard, RoleGuard)
@RequiresRole('admin')
@ApiErrors(SESSION_REQUIRED, CROSS_ORIGIN, ...PATH_TENANT_ERRORS, ADMIN_ONLY, DATABASE_DOWN)
export class OdooConnectionController {
  constructor(private readonly connections: OdooConnectionService) {}

  @Put()
  @ApiOperation({ summary: 'Saves the workspace’s Odoo connection (the secret is write-only); drops the cached dashboard' })
  @ApiBody({ schema: CONNECTION_BODY })
  @ApiOkResponse({ description: 'The settings as saved', schema: WORKSPACE_ODOO_SCHEMA })
  @ApiErrors(BAD_BODY, URL_REFUSED)
  save(@CurrentMembership() membership: Membership, @CurrentUser() user: SessionUser, @Body() body: unknown): Promise<OdooConnectionResponse> {
    return this.connections.save(membership, user, parseBody(odooConnectionBody, body));
  }

  @Delete()
  @ApiOperation({ summary: 'Removes the workspace’s own connection (CLI tenants return to the server’s connection)' })
  @ApiOkResponse({ description: 'The settings as they now are', schema: WORKSPACE_ODOO_SCHEMA })
  remove(@CurrentMembership() membership: Membership, @CurrentUser() user: SessionUser): Promise<OdooConnectionResponse> {
    return this.connections.remove(membership, user);
  }

  @Post('check')
  @HttpCode(200)
  @ApiOperation({ summary: 'Checks a candidate connection (body) or the stored one (no body), as `odoo:check` does; saves nothing' })
  @ApiBody({ schema: CONNECTION_BODY, required: false })
  @ApiOkResponse({ description: 'What `odoo:check` prints for the connection (a failing Odoo is verdict "failed")', schema: CHECK_SCHEMA })
  @ApiErrors(BAD_BODY, URL_REFUSED, [429, 'Too Many Requests: too many connection checks, try again in a minute'])
  check(@CurrentMembership() membership: Membership, @CurrentUser() user: SessionUser, @Body() body: unknown): Promise<OdooCheckResponse> {
    return this.connections.check(membership, user, candidateOf(body));
  }
}

/** No body, or an empty object: the stored connection. */
function candidateOf(body: unknown): OdooConnectionRequest | null {
  if (body === undefined || body === null || (typeof body === 'object' && !Array.isArray(body) && Object.keys(body).length === 0)) return null;
  return parseBody(odooConnectionBody, body);
}
