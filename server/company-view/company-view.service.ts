import { Injectable, Logger } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { MetricsService } from '../metrics/metrics.service';
import type { TenantContext } from '../tenant/tenant-context';
import type { CompanyScope } from './company-scope';
import { CompanyViewCache, type CompanyViewCacheEntry } from './company-view-cache';
import { CompanyViewRefresher } from './company-view-refresher';
import { ScopeResolver } from './scope-resolver';

/** What the controller hands to the cache-header interceptor. */
export interface CompanyViewResult {
  entry: CompanyViewCacheEntry;
  /** True when served straight from the cache; false when the request waited for a build. */
  hit: boolean;
}

/** The company view for one tenant: from the cache when fresh, otherwise freshly built. */
@Injectable()
export class CompanyViewService {
  private readonly logger = new Logger(CompanyViewService.name);

  constructor(
    private readonly scopes: ScopeResolver,
    private readonly cache: CompanyViewCache,
    private readonly refresher: CompanyViewRefresher,
    private readonly metrics: MetricsService,
    private readonly pino: PinoLogger,
  ) {}

  /** `scope`: the companies asked for (null: the tenant's default). `requestId` tags every line a build this request starts logs. */
  async get(tenant: TenantContext, scope: CompanyScope = null, requestId?: string): Promise<CompanyViewResult> {
    // The default scope, from this instance's own tier, is the polling path: no await before it answers.
    const target = scope === null ? this.scopes.defaultTarget(tenant) : await this.scopes.target(tenant, scope);
    const cached = this.cache.peek(target.key) ?? (await this.lookup(tenant.tenantId, target.key));
    if (cached) {
      this.metrics.recordCache('hit');
      this.refresher.keepFresh(target, cached);
      return { entry: cached, hit: true };
    }
    this.metrics.recordCache('miss');
    const work = () => this.refresher.forRequest(target);
    const entry = requestId ? await this.pino.runInContext(work, { bindings: { req: { id: requestId } } }) : await work();
    return { entry, hit: false };
  }

  /** A store that is down costs the cache, never the response: a failed read is a miss. */
  private async lookup(tenantId: string, key: string): Promise<CompanyViewCacheEntry | undefined> {
    try {
      return await this.cache.get(key);
    } catch (err) {
      this.logger.warn({ msg: `Could not read the cached company view of tenant ${tenantId}: ${(err as Error).message}`, tenantId });
      return undefined;
    }
  }
}
