import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import type { Subscription } from 'rxjs';
import { AppConfig } from '../config/app-config';
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
  promise: Promise<CompanyViewCacheEntry>;
  /** Set when the tenant's settings changed mid-flight: the result is still served, never stored. */
  stale: boolean;
}

/**
 * The company view for one tenant: from the cache when fresh, otherwise from one aggregation
 * shared by every concurrent request (single flight). Tenant and Odoo setting changes evict.
 */
@Injectable()
export class CompanyViewService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(CompanyViewService.name);
  private readonly flights = new Map<string, Flight>();
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
  ) {
    this.connectionKeys = new LRUCache({ max: config.companyView.cacheMaxTenants });
  }

  onModuleInit(): void {
    this.subscription = this.events.changes$.subscribe((change) => void this.onChange(change));
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }

  async get(tenant: TenantContext): Promise<CompanyViewResult> {
    const cached = await this.lookup(tenant.tenantId);
    if (cached) {
      this.logger.debug({ msg: `Cache hit for tenant ${tenant.tenantId}`, tenantId: tenant.tenantId });
      return { entry: cached, hit: true };
    }
    return { entry: await this.refresh(tenant), hit: false };
  }

  private refresh(tenant: TenantContext): Promise<CompanyViewCacheEntry> {
    const current = this.flights.get(tenant.tenantId);
    if (current) return current.promise;
    this.logger.log({ msg: `Cache miss for tenant ${tenant.tenantId}, fetching data...`, tenantId: tenant.tenantId });
    const flight: Flight = { promise: this.build(tenant, () => flight.stale), stale: false };
    this.flights.set(tenant.tenantId, flight);
    const land = () => {
      if (this.flights.get(tenant.tenantId) === flight) this.flights.delete(tenant.tenantId);
    };
    flight.promise.then(land, land);
    return flight.promise;
  }

  private async build(tenant: TenantContext, isStale: () => boolean): Promise<CompanyViewCacheEntry> {
    const started = performance.now();
    const response = await this.aggregator.aggregate({
      tenantId: tenant.tenantId,
      timeZone: tenant.timeZone,
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
      if (change.tenantId === null || change.kind === 'reset') await this.evictAll();
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

  async evictAll(): Promise<void> {
    for (const tenantId of [...this.flights.keys()]) this.abandonFlight(tenantId);
    for (const key of this.connectionKeys.values()) this.client.forget(key);
    this.connectionKeys.clear();
    await this.cache.clear();
  }

  private abandonFlight(tenantId: string): void {
    const flight = this.flights.get(tenantId);
    if (!flight) return;
    flight.stale = true;
    this.flights.delete(tenantId);
  }
}
