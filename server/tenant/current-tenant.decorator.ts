import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { TenantContext } from './tenant-context';

/** The tenant TenantGuard resolved for this request. */
export const CurrentTenant = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): TenantContext => ctx.switchToHttp().getRequest<{ tenant: TenantContext }>().tenant,
);
