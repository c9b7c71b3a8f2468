import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { HistoryRecorder } from '../history/history-recorder';
import { allSectionsFailed, CompanyViewAggregator } from './company-view.aggregator';
import { CompanyDirectory } from './company-directory';
import { CompanyViewCache, type CompanyViewCacheEntry, createCacheEntry } from './company-view-cache';
import { ConnectionKeys } from './connection-keys';
import type { ViewTarget } from './view-target';

/** Reads one company view from Odoo now and stores it, ready to send. */
@Injectable()
export class CompanyViewBuilder {
  private readonly logger = new Logger(CompanyViewBuilder.name);

  constructor(
    private readonly aggregator: CompanyViewAggregator,
    private readonly connections: ConnectionKeys,
    private readonly directory: CompanyDirectory,
    private readonly cache: CompanyViewCache,
    private readonly config: AppConfig,
    private readonly history: HistoryRecorder,
  ) {}

  /** Stores the result under the target's key unless `isStale()` says the tenant changed meanwhile. */
  async build(target: ViewTarget, isStale: () => boolean, budgetMs: number): Promise<CompanyViewCacheEntry> {
    const { tenant, scope, key } = target;
    const started = performance.now();
    const connected = this.connections.isConnected(tenant);
    const response = await this.aggregator.aggregate({
      tenantId: tenant.tenantId,
      timeZone: tenant.timeZone,
      scope,
      budgetMs,
      connected,
      connect: () => this.connections.connect(tenant, scope),
      companies: (signal) => this.directory.companies(tenant, signal),
    });
    // Recorded by whoever read it, before anyone is answered with it. Nothing was read while not connected.
    if (connected && !isStale()) await this.history.record(target, response);
    const { cacheTtlMs, errorCacheTtlMs } = this.config.companyView;
    // Nothing could be read: retry soon rather than show an empty dashboard for a whole TTL.
    const ttl = allSectionsFailed(response) ? Math.min(errorCacheTtlMs, cacheTtlMs) : cacheTtlMs;
    const entry = createCacheEntry(JSON.stringify(response), ttl);
    if (!isStale()) await this.store(tenant.tenantId, key, entry);
    this.logger.log({
      msg: `Company view built for tenant ${tenant.tenantId}`,
      tenantId: tenant.tenantId,
      durationMs: Math.round(performance.now() - started),
      failedSections: Object.keys(response.errorsBySection),
    });
    return entry;
  }

  /** A store that is down costs the cache, never the response. */
  private async store(tenantId: string, key: string, entry: CompanyViewCacheEntry): Promise<void> {
    try {
      await this.cache.set(key, entry);
    } catch (err) {
      this.logger.warn({ msg: `Could not cache the company view of tenant ${tenantId}: ${(err as Error).message}`, tenantId });
    }
  }
}
