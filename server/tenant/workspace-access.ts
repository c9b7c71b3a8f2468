import { CanActivate, createParamDecorator, ExecutionContext, ForbiddenException, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import type { SessionUser } from '../auth/session-user';
import { REQUIRES_ADMIN_MESSAGE, REQUIRES_OWNER_MESSAGE } from '../contracts/errors';
import type { TenantRole } from '../contracts/tenant';
import { type Membership, TenantService } from './tenant.service';

// The tenant rows of the access matrix for routes that name the tenant in their path
// (/api/tenants/:tenantId/...), then the role those routes need.

const ALLOW_INACTIVE = 'company-view:allow-inactive';
const REQUIRED_ROLE = 'company-view:required-role';

type WorkspaceRequest = FastifyRequest & { user: SessionUser; membership?: Membership; tenant?: Membership['tenant'] };

/** Lets the route through on an inactive tenant too (leaving must stay possible). */
export const AllowInactiveTenant = () => SetMetadata(ALLOW_INACTIVE, true);

/** The least role the route needs: owner > admin > member. */
export const RequiresRole = (role: TenantRole) => SetMetadata(REQUIRED_ROLE, role);

const RANK: Record<TenantRole, number> = { member: 0, admin: 1, owner: 2 };

/** True when `role` is at least `least`. */
export function hasRole(role: TenantRole, least: TenantRole): boolean {
  return RANK[role] >= RANK[least];
}

/** The 403 for a caller below `least`. */
export function roleRequired(least: TenantRole): ForbiddenException {
  return new ForbiddenException(least === 'owner' ? REQUIRES_OWNER_MESSAGE : REQUIRES_ADMIN_MESSAGE);
}

/** Resolves `:tenantId` into `request.membership` (and `request.tenant`), or answers 400/403 like the x-tenant-id guard. */
@Injectable()
export class WorkspaceGuard implements CanActivate {
  constructor(
    private readonly tenants: TenantService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<WorkspaceRequest>();
    const allowInactive = this.reflector.getAllAndOverride<boolean>(ALLOW_INACTIVE, [context.getHandler(), context.getClass()]) === true;
    const raw = (request.params as Record<string, string | undefined>).tenantId ?? '';
    const membership = await this.tenants.membership(request.user.id, raw, { allowInactive });
    request.membership = membership;
    request.tenant = membership.tenant;
    return true;
  }
}

/** After WorkspaceGuard: refuses a member below the route's @RequiresRole. */
@Injectable()
export class RoleGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const least = this.reflector.getAllAndOverride<TenantRole | undefined>(REQUIRED_ROLE, [context.getHandler(), context.getClass()]);
    if (!least) return true;
    const { membership } = context.switchToHttp().getRequest<WorkspaceRequest>();
    if (!membership || !hasRole(membership.role, least)) throw roleRequired(least);
    return true;
  }
}

/** The caller's membership WorkspaceGuard resolved. */
export const CurrentMembership = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Membership => ctx.switchToHttp().getRequest<{ membership: Membership }>().membership,
);
