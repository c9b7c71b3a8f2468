import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { SessionUser, TenantContext } from './tenant-context';

/** The tenant TenantGuard resolved for this request. */
export const CurrentTenant = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): TenantContext => ctx.switchToHttp().getRequest<{ tenant: TenantContext }>().tenant,
);

/** The user SessionGuard resolved for this request. */
export const CurrentUser = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): SessionUser => ctx.switchToHttp().getRequest<{ user: SessionUser }>().user,
);
