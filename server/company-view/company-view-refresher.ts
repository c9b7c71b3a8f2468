import { Injectable, Logger } from '@nestjs/common';
import { MetricsService } from '../metrics/metrics.service';
import { CompanyViewBuilder } from './company-view-builder';
import type { CompanyViewCacheEntry } from './company-view-cache';
import { type BuildRequest, InstanceCoordination } from './instance-coordination';
import { RefreshAhead } from './refresh-ahead';
import { SingleFlight } from './single-flight';
import type { ViewTarget } from './view-target';

/**
 * Produces fresh entries: for a request that missed (joining the build under way, in this process
 * or another instance) and ahead of expiry for an entry still being served.
 */
@Injectable()
export class CompanyViewRefresher {
  private readonly logger = new Logger(CompanyViewRefresher.name);

  constructor(
    private readonly flights: SingleFlight,
    private readonly coordination: InstanceCoordination,
    private readonly builder: CompanyViewBuilder,
    private readonly refreshAhead: RefreshAhead,
    private readonly metrics: MetricsService,
  ) {}

  async forRequest(target: ViewTarget): Promise<CompanyViewCacheEntry> {
    const { tenantId } = target.tenant;
    const current = this.flights.current(target.key);
    if (current) this.metrics.singleFlightWaits.inc({ scope: 'local' });
    else this.logger.log({ msg: `Cache miss for tenant ${tenantId}, fetching data...`, tenantId });
    const how: BuildRequest = { mode: 'request', started: Date.now() };
    const joined = await (current ?? this.flights.start(target.key, (isStale) => this.build(target, isStale, how)));
    // A background refresh that left the work to another instance yields nothing: build ourselves.
    return joined ?? (await this.build(target, () => false, how))!;
  }

  /** Late in its life (or just past it, within the stale grace) an entry is served and rebuilt behind it. */
  keepFresh(target: ViewTarget, served: CompanyViewCacheEntry): void {
    const { key } = target;
    if (!this.refreshAhead.isDue(served) || this.flights.current(key) || this.refreshAhead.isScheduled(key)) return;
    this.refreshAhead.schedule(key, served, () => {
      if (this.flights.current(key)) return;
      const how: BuildRequest = { mode: 'background', started: Date.now(), served };
      this.flights
        .start(key, (isStale) => this.build(target, isStale, how))
        .catch((err: unknown) => {
          const { tenantId } = target.tenant;
          this.logger.warn({ msg: `Background refresh failed for tenant ${tenantId}: ${(err as Error).message}`, tenantId });
        });
    });
  }

  /** Stops what is under way for `key`: its build still answers its waiters but is not stored; its timer is cleared. */
  abandon(key: string): void {
    this.flights.abandon(key);
    this.refreshAhead.cancel(key);
  }

  abandonAll(): void {
    for (const key of new Set([...this.flights.keys(), ...this.refreshAhead.keys()])) this.abandon(key);
  }

  private build(target: ViewTarget, isStale: () => boolean, how: BuildRequest): Promise<CompanyViewCacheEntry | undefined> {
    return this.coordination.build(target.key, how, async (budgetMs) => {
      const started = performance.now();
      const entry = await this.builder.build(target, isStale, budgetMs);
      this.refreshAhead.recordDuration(target.key, Math.round(performance.now() - started));
      return entry;
    });
  }
}
