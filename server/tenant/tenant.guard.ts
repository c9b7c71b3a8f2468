import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { SessionUser } from '../auth/session-user';
import type { TenantContext } from './tenant-context';
import { TenantService } from './tenant.service';

const TENANT_HEADER = 'x-tenant-id';

/** Runs after SessionGuard; resolves `x-tenant-id` into `request.tenant` or answers 400/403. */
@Injectable()
export class TenantGuard implements CanActivate {
  constructor(private readonly tenants: TenantService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest & { user: SessionUser; tenant?: TenantContext }>();
    request.tenant = await this.tenants.authorize(request.user.id, request.headers[TENANT_HEADER]);
    return true;
  }
}
