import { Injectable, Logger } from '@nestjs/common';
import type { TenantContext } from '../tenant/tenant-context';
import { companyViewCacheKey } from './cache-key';
import { CompanyDirectory } from './company-directory';
import { type CompanyScope, scopeKey } from './company-scope';
import { CompanyViewCache } from './company-view-cache';
import { TenantScopes } from './tenant-scopes';
import type { ViewTarget } from './view-target';

/**
 * Turns a request's company scope into the view to serve: checks it against the tenant's companies
 * (400 when outside them), maps an explicit "every company" to the default entry, and keeps at most
 * a few scopes per tenant in the cache.
 */
@Injectable()
export class ScopeResolver {
  private readonly logger = new Logger(ScopeResolver.name);

  constructor(
    private readonly directory: CompanyDirectory,
    private readonly scopes: TenantScopes,
    private readonly cache: CompanyViewCache,
  ) {}

  /** The tenant's default scope: needs no company list, so the polling path stays free of it. */
  defaultTarget(tenant: TenantContext): ViewTarget {
    return this.targetFor(tenant, null, 'all');
  }

  async target(tenant: TenantContext, requested: CompanyScope): Promise<ViewTarget> {
    if (requested === null) return this.defaultTarget(tenant);
    return this.targetFor(tenant, requested, scopeKey(requested, await this.directory.companies(tenant)));
  }

  private targetFor(tenant: TenantContext, requested: CompanyScope, part: string): ViewTarget {
    const key = companyViewCacheKey(tenant, part);
    for (const dropped of this.scopes.touch(tenant.tenantId, key)) void this.drop(tenant.tenantId, dropped);
    return { tenant, scope: part === 'all' ? null : requested, key };
  }

  private async drop(tenantId: string, key: string): Promise<void> {
    try {
      await this.cache.delete(key);
    } catch (err) {
      this.logger.warn({ msg: `Could not drop a cached scope of tenant ${tenantId}: ${(err as Error).message}`, tenantId });
    }
  }
}
