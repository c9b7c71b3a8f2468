import { createHash } from 'node:crypto';
import { CACHE_MANAGER } from '@nestjs/cache-manager';
import { Inject, Injectable, Optional } from '@nestjs/common';
import type { Cache } from 'cache-manager';
import Keyv from 'keyv';
import KeyvRedis, { type RedisClientType } from '@keyv/redis';
import { RedisConnection } from '../cache/redis-connection';
import { LRUCache } from 'lru-cache';
import { AppConfig } from '../config/app-config';

/**
 * One tenant's cached company view, stored ready to send: serving a hit costs a lookup and a
 * few headers, never a JSON.stringify or a hash (which matters once the store is shared Redis).
 */
export interface CompanyViewCacheEntry {
  /** The serialised CompanyViewResponse. */
  body: string;
  /** Strong validator of `body`, quoted, e.g. "\"3q2-7w\"". */
  etag: string;
  storedAt: number;
  expiresAt: number;
}

export function createCacheEntry(body: string, ttlMs: number, now = Date.now()): CompanyViewCacheEntry {
  const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
  return { body, etag, storedAt: now, expiresAt: now + ttlMs };
}

/**
 * The in-process store: a bounded LRU holding entries as objects (Keyv's serialiser is off, so
 * nothing is stringified on the way in or out). The LRU bound keeps memory flat however many
 * tenants poll; each item also carries its TTL so expired entries go without waiting for a read.
 */
export function createMemoryStore(maxTenants: number): Keyv {
  return new Keyv({ store: new LruStore(maxTenants), serialize: undefined, deserialize: undefined });
}

/** lru-cache as a Keyv store: Keyv passes the TTL as a number, lru-cache wants it in an options object. */
class LruStore {
  private readonly lru: LRUCache<string, object>;

  constructor(max: number) {
    this.lru = new LRUCache({ max });
  }

  get(key: string): object | undefined {
    return this.lru.get(key);
  }

  set(key: string, value: object, ttl?: number): boolean {
    this.lru.set(key, value, ttl ? { ttl } : {});
    return true;
  }

  delete(key: string): boolean {
    return this.lru.delete(key);
  }

  clear(): void {
    this.lru.clear();
  }
}

/**
 * The shared store: the same entries in Redis, so every instance serves what any of them built.
 * Keyv's error events are the store's way of saying Redis is away; RedisConnection already warns.
 */
export function createRedisStore(client: RedisClientType): Keyv {
  const store = new Keyv({ store: new KeyvRedis(client), useKeyPrefix: false });
  store.on('error', () => undefined);
  return store;
}

/**
 * The per-tenant store behind the company view, on @nestjs/cache-manager: an in-process LRU and,
 * with REDIS_URL, Redis shared by every instance. Reads try the local tier, then Redis (copying what
 * it finds locally for the rest of its life); writes and deletes go to both. Redis being away only
 * costs the sharing: every failure there is a miss, never an error.
 */
@Injectable()
export class CompanyViewCache {
  private readonly prefix: string;
  private readonly graceMs: number;

  constructor(
    @Inject(CACHE_MANAGER) private readonly cache: Cache,
    config: AppConfig,
    @Optional() private readonly redis?: RedisConnection,
  ) {
    this.prefix = config.companyView.cachePrefix;
    this.graceMs = config.companyView.staleGraceMs;
  }

  /** True when a second instance would see what this one stores. */
  get isShared(): boolean {
    return this.sharedTier !== undefined;
  }

  /** The tenant's entry if it is fresh or within its stale grace (callers check `expiresAt`), from whichever tier has it. */
  async get(tenantId: string): Promise<CompanyViewCacheEntry | undefined> {
    const local = this.usable(await this.localTier.get<CompanyViewCacheEntry>(this.prefix + tenantId));
    if (local) return local;
    const shared = await this.getShared(tenantId);
    if (shared) await this.localTier.set(this.prefix + tenantId, shared, shared.expiresAt + this.graceMs - Date.now());
    return shared;
  }

  /** Only the shared tier: what other instances have stored. */
  async getShared(tenantId: string): Promise<CompanyViewCacheEntry | undefined> {
    const tier = this.sharedTier;
    if (!tier) return undefined;
    try {
      return this.usable(await tier.get<CompanyViewCacheEntry>(this.prefix + tenantId));
    } catch {
      return undefined;
    }
  }

  async set(tenantId: string, entry: CompanyViewCacheEntry): Promise<void> {
    const ttl = entry.expiresAt - entry.storedAt + this.graceMs;
    if (ttl <= 0) return;
    await this.localTier.set(this.prefix + tenantId, entry, ttl);
    await this.sharedTier?.set(this.prefix + tenantId, entry, ttl).catch(() => undefined);
  }

  async delete(tenantId: string): Promise<void> {
    await this.localTier.delete(this.prefix + tenantId);
    await this.sharedTier?.delete(this.prefix + tenantId).catch(() => undefined);
  }

  /** Drops this instance's copies only; the shared tier's entries expire on their own. */
  async clearLocal(): Promise<void> {
    await this.localTier.clear();
  }

  private get localTier(): Keyv {
    return this.cache.stores[0];
  }

  private get sharedTier(): Keyv | undefined {
    return this.cache.stores.length > 1 && this.redis?.isReady ? this.cache.stores[1] : undefined;
  }

  private usable(entry: CompanyViewCacheEntry | undefined | null): CompanyViewCacheEntry | undefined {
    return entry && entry.expiresAt + this.graceMs > Date.now() ? entry : undefined;
  }
}
