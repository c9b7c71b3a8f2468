import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { AppConfig } from '../config/app-config';
import { MetricsService } from '../metrics/metrics.service';
import type { CompanyViewCacheEntry } from './company-view-cache';

/**
 * Refresh-ahead timers: an entry hit in the last REFRESH_AHEAD_RATIO of its life (by default any
 * hit, or in its stale grace) is served and rebuilt behind it, timed to land as it expires — it
 * starts about one aggregation early — so the data is never older than the TTL and a tenant being
 * watched costs Odoo one aggregation per TTL however its pollers are spread.
 */
@Injectable()
export class RefreshAhead implements OnModuleDestroy {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** How long each key's last build took: its refresh starts that long before expiry. */
  private readonly lastDurationMs: LRUCache<string, number>;

  constructor(
    private readonly config: AppConfig,
    private readonly metrics: MetricsService,
  ) {
    this.lastDurationMs = new LRUCache({ max: config.companyView.cacheMaxTenants });
  }

  isDue(entry: CompanyViewCacheEntry): boolean {
    const { cacheTtlMs, refreshAheadRatio } = this.config.companyView;
    return refreshAheadRatio > 0 && entry.expiresAt - Date.now() <= cacheTtlMs * refreshAheadRatio;
  }

  isScheduled(key: string): boolean {
    return this.timers.has(key);
  }

  /** Runs `rebuild` once, shortly before `served` expires. */
  schedule(key: string, served: CompanyViewCacheEntry, rebuild: () => void): void {
    if (this.timers.has(key)) return;
    this.metrics.recordCache('refresh_ahead');
    const delay = Math.max(0, served.expiresAt - Date.now() - (this.lastDurationMs.get(key) ?? 0));
    const timer = setTimeout(() => {
      this.timers.delete(key);
      rebuild();
    }, delay);
    timer.unref();
    this.timers.set(key, timer);
  }

  recordDuration(key: string, durationMs: number): void {
    this.lastDurationMs.set(key, durationMs);
  }

  cancel(key: string): void {
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
  }

  keys(): string[] {
    return [...this.timers.keys()];
  }

  onModuleDestroy(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
