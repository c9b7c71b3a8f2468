import { Injectable } from '@nestjs/common';
import { DistributedLock } from '../cache/distributed-lock';
import { AppConfig } from '../config/app-config';
import { MetricsService } from '../metrics/metrics.service';
import { CompanyViewCache, type CompanyViewCacheEntry } from './company-view-cache';

/** How often a request waiting on another instance's build looks for its result. */
const SHARED_POLL_MS = 25;

export interface BuildRequest {
  /** A request waits for another instance's result; a background refresh leaves the work to it. */
  mode: 'request' | 'background';
  /** When the request started (its budget runs from there). */
  started: number;
  /** The entry a background refresh replaces. */
  served?: CompanyViewCacheEntry;
}

/**
 * Single flight across instances, through the key's lock in Redis:
 * - holder: build and store (unless another instance stored a newer entry meanwhile);
 * - lock held elsewhere: a request waits for that result for up to half its budget, then builds
 *   itself with what is left; a background refresh simply leaves it to the holder;
 * - no Redis: build (the in-process single flight already makes it one per instance).
 */
@Injectable()
export class InstanceCoordination {
  constructor(
    private readonly cache: CompanyViewCache,
    private readonly lock: DistributedLock,
    private readonly config: AppConfig,
    private readonly metrics: MetricsService,
  ) {}

  async build(key: string, how: BuildRequest, build: (budgetMs: number) => Promise<CompanyViewCacheEntry>): Promise<CompanyViewCacheEntry | undefined> {
    const { cacheLockTtlMs, totalBudgetMs } = this.config.companyView;
    const lock = this.cache.isShared ? await this.lock.acquire(key, cacheLockTtlMs) : null;
    if (lock?.acquired) {
      try {
        return (await this.newerShared(key, how.served)) ?? (await build(totalBudgetMs));
      } finally {
        await this.lock.release(key, lock.token);
      }
    }
    if (lock?.reason === 'held') {
      if (how.mode === 'background') return this.newerShared(key, how.served);
      this.metrics.singleFlightWaits.inc({ scope: 'cluster' });
      const shared = await this.waitForShared(key, how.started + totalBudgetMs / 2);
      if (shared) return shared;
    }
    return build(totalBudgetMs - (Date.now() - how.started));
  }

  /** An entry another instance stored after `than` (or at all), copied into the local tier. */
  private async newerShared(key: string, than?: CompanyViewCacheEntry): Promise<CompanyViewCacheEntry | undefined> {
    const shared = await this.cache.getShared(key);
    if (!shared || (than && shared.storedAt <= than.storedAt)) return undefined;
    await this.cache.set(key, shared);
    return shared;
  }

  /** Polls the shared tier for the lock holder's result, until `deadline` or the holder gives up its lock. */
  private async waitForShared(key: string, deadline: number): Promise<CompanyViewCacheEntry | undefined> {
    while (Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, SHARED_POLL_MS));
      // We only wait after missing both tiers, so any fresh shared entry is the holder's result.
      const shared = await this.cache.getShared(key);
      if (shared) {
        await this.cache.set(key, shared);
        return shared;
      }
      if (!(await this.lock.isHeld(key))) return undefined;
    }
    return undefined;
  }
}
