import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { Public } from '../auth/public.decorator';
import { CurrentUser, type SessionUser } from '../auth/session-user';
import { publicOrigin } from '../common/public-origin';
import { parseBody } from '../common/request-body';
import { SameOriginGuard } from '../common/same-origin.guard';
import { AppConfig } from '../config/app-config';
import {
  ALREADY_MEMBER_MESSAGE,
  CROSS_ORIGIN_MESSAGE,
  INVITATION_GONE_MESSAGE,
  INVITATION_NOT_FOUND_MESSAGE,
  INVITATION_OTHER_EMAIL_MESSAGE,
  REQUIRES_ADMIN_MESSAGE,
  REQUIRES_OWNER_MESSAGE,
} from '../contracts/errors';
import type { AcceptInvitationResponse, CreateInvitationResponse, InvitationDto, InvitationPreviewDto } from '../contracts/workspaces';
import { ApiErrors, DATABASE_DOWN, PATH_TENANT_ERRORS, SESSION_REQUIRED, TenantIdParam, type DocumentedError } from '../docs/api-errors.decorator';
import { arrayOf, bool, nullableStr, obj, role, str } from '../docs/schemas';
import type { Membership } from '../tenant/tenant.service';
import { CurrentMembership, RequiresRole, RoleGuard, WorkspaceGuard } from '../tenant/workspace-access';
import { InvitationsService } from './invitations.service';

const createInvitationBody = z.object({
  email: z
    .string({ error: 'is required (an email address)' })
    .trim()
    .toLowerCase()
    .max(254, { error: 'must be an email address' })
    .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, { error: 'must be an email address' }),
  role: z.enum(['owner', 'admin', 'member'], { error: 'must be owner, admin or member' }),
});

const GONE: DocumentedError = [410, INVITATION_GONE_MESSAGE];
const date = str({ format: 'date-time' });

/** A workspace's invitations (admins): invite, list the pending ones, revoke one. */
@Controller('tenants/:tenantId/invitations')
@TenantIdParam()
@ApiTags('invitations')
@UseGuards(SameOriginGuard, WorkspaceGuard, RoleGuard)
@RequiresRole('admin')
@ApiErrors(SESSION_REQUIRED, [403, CROSS_ORIGIN_MESSAGE], ...PATH_TENANT_ERRORS, [403, REQUIRES_ADMIN_MESSAGE], DATABASE_DOWN)
export class TenantInvitationsController {
  constructor(
    private readonly invitations: InvitationsService,
    private readonly config: AppConfig,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Invites an email address with a role (replacing its pending invitation); emails the link when SMTP is configured' })
  @ApiBody({ schema: obj({ email: str(), role }) })
  @ApiCreatedResponse({
    description: 'The link to share (shown once; valid 7 days, single use)',
    schema: obj({ invitationId: str({ format: 'uuid' }), url: str(), expiresAt: date, emailSent: bool }),
  })
  @ApiErrors([403, REQUIRES_OWNER_MESSAGE], [400, 'Bad Request: <what is wrong with the body>'], [409, ALREADY_MEMBER_MESSAGE])
  create(
    @CurrentMembership() membership: Membership,
    @CurrentUser() user: SessionUser,
    @Body() body: unknown,
    @Req() request: FastifyRequest,
  ): Promise<CreateInvitationResponse> {
    return this.invitations.create(membership, user, parseBody(createInvitationBody, body), publicOrigin(this.config, request));
  }

  @Get()
  @ApiOperation({ summary: 'Pending invitations, newest first (never their links)' })
  @ApiOkResponse({
    description: 'Pending invitations',
    schema: arrayOf(obj({ invitationId: str({ format: 'uuid' }), email: str(), role, createdAt: date, expiresAt: date, invitedBy: nullableStr() })),
  })
  pending(@CurrentMembership() membership: Membership): Promise<InvitationDto[]> {
    return this.invitations.pending(membership.tenant.tenantId);
  }

  @Delete(':invitationId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revokes a pending invitation: its link stops working' })
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiErrors([404, INVITATION_NOT_FOUND_MESSAGE])
  async revoke(@CurrentMembership() membership: Membership, @CurrentUser() user: SessionUser, @Param('invitationId') invitationId: string): Promise<void> {
    await this.invitations.revoke(membership, user, invitationId);
  }
}

/** The invitee's side of a link: what it is about (no account needed), then accepting it. */
@Controller('invitations')
@ApiTags('invitations')
@ApiErrors(DATABASE_DOWN)
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Get(':token')
  @Public()
  @ApiOperation({ summary: 'What an invitation link is about: workspace, role, invited address, who invites' })
  @ApiOkResponse({
    description: 'The invitation',
    schema: obj({ tenantName: str(), role, email: str(), expiresAt: date, invitedBy: nullableStr(), accountExists: bool }),
  })
  @ApiErrors(GONE)
  preview(@Param('token') token: string): Promise<InvitationPreviewDto> {
    return this.invitations.preview(token);
  }

  @Post(':token/accept')
  @HttpCode(200)
  @UseGuards(SameOriginGuard)
  @ApiOperation({ summary: 'Joins the workspace with the invited role (the signed-in user’s email must be the invited one)' })
  @ApiOkResponse({ description: 'Joined', schema: obj({ tenantId: str({ format: 'uuid' }), tenantName: str(), role }) })
  @ApiErrors(
    SESSION_REQUIRED,
    [403, CROSS_ORIGIN_MESSAGE],
    [403, INVITATION_OTHER_EMAIL_MESSAGE],
    [403, 'Forbidden: Tenant is inactive'],
    [409, ALREADY_MEMBER_MESSAGE],
    GONE,
  )
  accept(@CurrentUser() user: SessionUser, @Param('token') token: string): Promise<AcceptInvitationResponse> {
    return this.invitations.accept(token, user);
  }
}
