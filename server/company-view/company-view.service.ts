import { Injectable, Logger, OnModuleDestroy, OnModuleInit, Optional } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import type { Subscription } from 'rxjs';
import { DistributedLock } from '../cache/distributed-lock';
import { AppConfig } from '../config/app-config';
import { MetricsService } from '../metrics/metrics.service';
import { PinoLogger } from 'nestjs-pino';
import { OdooClient } from '../odoo/odoo-client';
import { OdooConnectionResolver } from '../odoo/odoo-connection.resolver';
import type { TenantContext } from '../tenant/tenant-context';
import { type TenantChange, TenantEvents } from '../tenant/tenant-events';
import { allSectionsFailed, CompanyViewAggregator } from './company-view.aggregator';
import { CompanyViewCache, type CompanyViewCacheEntry, createCacheEntry } from './company-view-cache';

/** What the controller hands to the cache-header interceptor. */
export interface CompanyViewResult {
  entry: CompanyViewCacheEntry;
  /** True when served straight from the cache; false when the request waited for an aggregation. */
  hit: boolean;
}

/** One aggregation in progress for a tenant; every request that misses meanwhile waits for it. */
interface Flight {
  promise: Promise<CompanyViewCacheEntry | undefined>;
  /** Set when the tenant's settings changed mid-flight: the result is still served, never stored. */
  stale: boolean;
}

/** How often a request waiting on another instance's aggregation looks for its result. */
const SHARED_POLL_MS = 25;

/**
 * The company view for one tenant: from the cache when fresh, otherwise from one aggregation
 * shared by every concurrent request (single flight) — across instances too when the cache is in
 * Redis: one instance takes the tenant's lock and aggregates, the others wait for its result.
 * Entries near the end of their life are refreshed in the background while still being served.
 * Tenant and Odoo setting changes evict.
 */
@Injectable()
export class CompanyViewService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(CompanyViewService.name);
  private readonly flights = new Map<string, Flight>();
  /** Background refreshes waiting for their start time, by tenant. */
  private readonly scheduled = new Map<string, NodeJS.Timeout>();
  /** How long the tenant's last aggregation took: refreshes start that long before expiry. */
  private readonly lastDurationMs: LRUCache<string, number>;
  /** Last connection key used per tenant, so a settings change can make the client forget it. */
  private readonly connectionKeys: LRUCache<string, string>;
  private subscription: Subscription | null = null;

  constructor(
    private readonly cache: CompanyViewCache,
    private readonly aggregator: CompanyViewAggregator,
    private readonly resolver: OdooConnectionResolver,
    private readonly client: OdooClient,
    private readonly events: TenantEvents,
    private readonly config: AppConfig,
    @Optional() private readonly lock?: DistributedLock,
    @Optional() private readonly metrics?: MetricsService,
    @Optional() private readonly pino?: PinoLogger,
  ) {
    this.connectionKeys = new LRUCache({ max: config.companyView.cacheMaxTenants });
    this.lastDurationMs = new LRUCache({ max: config.companyView.cacheMaxTenants });
  }

  onModuleInit(): void {
    this.subscription = this.events.changes$.subscribe((change) => void this.onChange(change));
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
    for (const timer of this.scheduled.values()) clearTimeout(timer);
    this.scheduled.clear();
  }

  /** `requestId` tags every line logged by an aggregation this request starts. */
  async get(tenant: TenantContext, requestId?: string): Promise<CompanyViewResult> {
    const cached = await this.lookup(tenant.tenantId);
    if (cached) {
      this.logger.debug({ msg: `Cache hit for tenant ${tenant.tenantId}`, tenantId: tenant.tenantId });
      this.metrics?.recordCache('hit');
      // Late in its life, or just past it (within the stale grace): served now, replaced behind it.
      if (this.dueForRefresh(cached)) this.refreshAhead(tenant, cached);
      return { entry: cached, hit: true };
    }
    this.metrics?.recordCache('miss');
    const started = Date.now();
    // Joining a background refresh that left the work to another instance yields nothing: build ourselves.
    const work = async () => (await this.refresh(tenant, started)) ?? (await this.build(tenant, () => false, started, { mode: 'request' }));
    const entry = this.pino && requestId ? await this.pino.runInContext(work, { bindings: { req: { id: requestId } } }) : await work();
    return { entry: entry!, hit: false };
  }

  /** In the last REFRESH_AHEAD_RATIO of its life (or in its stale grace) an entry is served and rebuilt behind it. */
  private dueForRefresh(entry: CompanyViewCacheEntry): boolean {
    const { cacheTtlMs, refreshAheadRatio } = this.config.companyView;
    return refreshAheadRatio > 0 && entry.expiresAt - Date.now() <= cacheTtlMs * refreshAheadRatio;
  }

  /**
   * Schedules one background rebuild, timed to land as the served entry expires (it starts about one
   * aggregation earlier): the data is never older than the TTL, and a tenant costs Odoo one
   * aggregation per TTL however its pollers are spread.
   */
  private refreshAhead(tenant: TenantContext, served: CompanyViewCacheEntry): void {
    const { tenantId } = tenant;
    if (this.flights.has(tenantId) || this.scheduled.has(tenantId)) return;
    this.metrics?.recordCache('refresh_ahead');
    const delay = Math.max(0, served.expiresAt - Date.now() - (this.lastDurationMs.get(tenantId) ?? 0));
    const timer = setTimeout(() => {
      this.scheduled.delete(tenantId);
      if (this.flights.has(tenantId)) return;
      this.startFlight(tenant, (isStale) => this.build(tenant, isStale, Date.now(), { mode: 'background', served }));
    }, delay);
    timer.unref();
    this.scheduled.set(tenantId, timer);
  }

  private refresh(tenant: TenantContext, started: number): Promise<CompanyViewCacheEntry | undefined> {
    const current = this.flights.get(tenant.tenantId);
    if (current) {
      this.metrics?.singleFlightWaits.inc({ scope: 'local' });
      return current.promise;
    }
    this.logger.log({ msg: `Cache miss for tenant ${tenant.tenantId}, fetching data...`, tenantId: tenant.tenantId });
    return this.startFlight(tenant, (isStale) => this.build(tenant, isStale, started, { mode: 'request' }));
  }

  private startFlight(
    tenant: TenantContext,
    run: (isStale: () => boolean) => Promise<CompanyViewCacheEntry | undefined>,
  ): Promise<CompanyViewCacheEntry | undefined> {
    const flight: Flight = { promise: Promise.resolve(undefined), stale: false };
    flight.promise = run(() => flight.stale);
    this.flights.set(tenant.tenantId, flight);
    const land = () => {
      if (this.flights.get(tenant.tenantId) === flight) this.flights.delete(tenant.tenantId);
    };
    flight.promise.then(land, land);
    return flight.promise;
  }

  /**
   * Produces a fresh entry, coordinating with other instances through the tenant's lock:
   * - holder: aggregate and store (unless another instance stored one meanwhile);
   * - lock held elsewhere: a request waits for that result for up to half its budget, then
   *   aggregates itself with what is left; a background refresh simply leaves it to the holder;
   * - no Redis: aggregate (the local flight already makes it one per instance).
   */
  private async build(
    tenant: TenantContext,
    isStale: () => boolean,
    started: number,
    how: { mode: 'request' | 'background'; served?: CompanyViewCacheEntry },
  ): Promise<CompanyViewCacheEntry | undefined> {
    const { cacheLockTtlMs, totalBudgetMs } = this.config.companyView;
    const lock = this.cache.isShared && this.lock ? await this.lock.acquire(tenant.tenantId, cacheLockTtlMs) : null;
    if (lock?.acquired) {
      try {
        const stored = await this.newerShared(tenant.tenantId, how.served);
        return stored ?? (await this.aggregateAndStore(tenant, isStale, totalBudgetMs));
      } finally {
        await this.lock!.release(tenant.tenantId, lock.token);
      }
    }
    if (lock?.reason === 'held') {
      if (how.mode === 'background') return this.newerShared(tenant.tenantId, how.served);
      this.metrics?.singleFlightWaits.inc({ scope: 'cluster' });
      const shared = await this.waitForShared(tenant.tenantId, started + totalBudgetMs / 2);
      if (shared) return shared;
    }
    return this.aggregateAndStore(tenant, isStale, totalBudgetMs - (Date.now() - started));
  }

  /** An entry another instance stored after `than` (or at all), copied into the local tier. */
  private async newerShared(tenantId: string, than?: CompanyViewCacheEntry): Promise<CompanyViewCacheEntry | undefined> {
    const shared = await this.cache.getShared(tenantId);
    if (!shared || (than && shared.storedAt <= than.storedAt)) return undefined;
    await this.cache.set(tenantId, shared);
    return shared;
  }

  /** Polls the shared tier for the lock holder's result, until `deadline` or the holder gives up its lock. */
  private async waitForShared(tenantId: string, deadline: number): Promise<CompanyViewCacheEntry | undefined> {
    while (Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, SHARED_POLL_MS));
      // We only wait after missing both tiers, so any fresh shared entry is the holder's result.
      const shared = await this.cache.getShared(tenantId);
      if (shared) {
        await this.cache.set(tenantId, shared);
        return shared;
      }
      if (!(await this.lock!.isHeld(tenantId))) return undefined;
    }
    return undefined;
  }

  private async aggregateAndStore(tenant: TenantContext, isStale: () => boolean, budgetMs: number): Promise<CompanyViewCacheEntry> {
    const started = performance.now();
    const response = await this.aggregator.aggregate({
      tenantId: tenant.tenantId,
      timeZone: tenant.timeZone,
      budgetMs,
      connect: () => {
        const connection = this.resolver.resolve(tenant);
        this.connectionKeys.set(tenant.tenantId, connection.key);
        return connection;
      },
    });
    const { cacheTtlMs, errorCacheTtlMs } = this.config.companyView;
    // Nothing could be read: retry soon rather than show an empty dashboard for a whole TTL.
    const ttl = allSectionsFailed(response) ? Math.min(errorCacheTtlMs, cacheTtlMs) : cacheTtlMs;
    const entry = createCacheEntry(JSON.stringify(response), ttl);
    if (!isStale()) await this.store(tenant.tenantId, entry);
    this.lastDurationMs.set(tenant.tenantId, Math.round(performance.now() - started));
    this.logger.log({
      msg: `Company view built for tenant ${tenant.tenantId}`,
      tenantId: tenant.tenantId,
      durationMs: Math.round(performance.now() - started),
      failedSections: Object.keys(response.errorsBySection),
    });
    return entry;
  }

  /** A store that is down costs the cache, never the response: a failed read is a miss. */
  private async lookup(tenantId: string): Promise<CompanyViewCacheEntry | undefined> {
    try {
      return await this.cache.get(tenantId);
    } catch (err) {
      this.logger.warn({ msg: `Could not read the cached company view of tenant ${tenantId}: ${(err as Error).message}`, tenantId });
      return undefined;
    }
  }

  private async store(tenantId: string, entry: CompanyViewCacheEntry): Promise<void> {
    try {
      await this.cache.set(tenantId, entry);
    } catch (err) {
      this.logger.warn({ msg: `Could not cache the company view of tenant ${tenantId}: ${(err as Error).message}`, tenantId });
    }
  }

  private async onChange(change: TenantChange): Promise<void> {
    try {
      if (change.tenantId === null || change.kind === 'reset') await this.evictLocal();
      else if (change.kind === 'tenant' || change.kind === 'odoo') await this.evict(change.tenantId);
    } catch (err) {
      this.logger.warn({ msg: `Could not evict after a tenant change: ${(err as Error).message}`, tenantId: change.tenantId });
    }
  }

  /** Forgets one tenant: its entry, any aggregation under way, and the Odoo client's state for its connection. */
  async evict(tenantId: string): Promise<void> {
    this.abandonFlight(tenantId);
    const key = this.connectionKeys.get(tenantId);
    if (key) {
      this.client.forget(key);
      this.connectionKeys.delete(tenantId);
    }
    await this.cache.delete(tenantId);
  }

  /** Forgets everything this instance holds. Entries shared with other instances are left to expire:
   *  one instance's listener reconnecting is no reason to empty everyone's cache. */
  async evictLocal(): Promise<void> {
    for (const tenantId of new Set([...this.flights.keys(), ...this.scheduled.keys()])) this.abandonFlight(tenantId);
    for (const key of this.connectionKeys.values()) this.client.forget(key);
    this.connectionKeys.clear();
    await this.cache.clearLocal();
  }

  private abandonFlight(tenantId: string): void {
    clearTimeout(this.scheduled.get(tenantId));
    this.scheduled.delete(tenantId);
    const flight = this.flights.get(tenantId);
    if (!flight) return;
    flight.stale = true;
    this.flights.delete(tenantId);
  }
}
