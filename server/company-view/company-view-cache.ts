import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import Keyv from 'keyv';
import KeyvRedis, { type RedisClientType } from '@keyv/redis';
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
 * The in-process store: a bounded LRU holding entries as objects (nothing is stringified on the
 * way in or out). The LRU bound keeps memory flat however many tenants poll; each item also
 * carries its TTL so expired entries go without waiting for a read.
 */
export function createMemoryStore(maxTenants: number): LocalStore {
  return new LocalStore(maxTenants);
}

/**
 * The local tier: lru-cache used directly and synchronously, so a hit costs a map lookup (no
 * promise, no Keyv hooks) on the hottest path of the server.
 */
export class LocalStore {
  private readonly lru: LRUCache<string, CompanyViewCacheEntry>;

  constructor(max: number) {
    this.lru = new LRUCache({ max });
  }

  get(key: string): CompanyViewCacheEntry | undefined {
    return this.lru.get(key);
  }

  set(key: string, value: CompanyViewCacheEntry, ttl: number): void {
    this.lru.set(key, value, { ttl });
  }

  delete(key: string): void {
    this.lru.delete(key);
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

/** The in-process tier (DI token). */
export const LOCAL_TIER = Symbol('COMPANY_VIEW_LOCAL_TIER');
/** The tier shared by every instance (DI token); null without REDIS_URL. */
export const SHARED_TIER = Symbol('COMPANY_VIEW_SHARED_TIER');

/** A store other instances see too, usable only while its connection is up. */
export interface SharedTier {
  readonly store: Keyv;
  readonly isReady: boolean;
}

/**
 * The store behind the company view, keyed by `companyViewCacheKey`: an in-process LRU and, with
 * REDIS_URL, Redis shared by every instance. Reads try the local tier, then Redis (copying what it
 * finds locally for the rest of its life); writes and deletes go to both. Redis being away only
 * costs the sharing: every failure there is a miss, never an error.
 */
@Injectable()
export class CompanyViewCache {
  private readonly prefix: string;
  private readonly graceMs: number;

  constructor(
    @Inject(LOCAL_TIER) private readonly local: LocalStore,
    @Inject(SHARED_TIER) private readonly shared: SharedTier | null,
    config: AppConfig,
  ) {
    this.prefix = config.companyView.cachePrefix;
    this.graceMs = config.companyView.staleGraceMs;
  }

  /** True when a second instance would see what this one stores. */
  get isShared(): boolean {
    return this.sharedStore !== undefined;
  }

  /** This instance's own copy, if fresh or within its stale grace: the hit path, synchronous. */
  peek(key: string): CompanyViewCacheEntry | undefined {
    return this.usable(this.local.get(this.prefix + key));
  }

  /** The entry if it is fresh or within its stale grace (callers check `expiresAt`), from whichever tier has it. */
  async get(key: string): Promise<CompanyViewCacheEntry | undefined> {
    const local = this.peek(key);
    if (local) return local;
    const shared = await this.getShared(key);
    if (shared) this.local.set(this.prefix + key, shared, shared.expiresAt + this.graceMs - Date.now());
    return shared;
  }

  /** Only the shared tier: what other instances have stored. */
  async getShared(key: string): Promise<CompanyViewCacheEntry | undefined> {
    const store = this.sharedStore;
    if (!store) return undefined;
    try {
      return this.usable(await store.get<CompanyViewCacheEntry>(this.prefix + key));
    } catch {
      return undefined;
    }
  }

  async set(key: string, entry: CompanyViewCacheEntry): Promise<void> {
    const ttl = entry.expiresAt - entry.storedAt + this.graceMs;
    if (ttl <= 0) return;
    this.local.set(this.prefix + key, entry, ttl);
    await this.sharedStore?.set(this.prefix + key, entry, ttl).catch(() => undefined);
  }

  async delete(key: string): Promise<void> {
    this.local.delete(this.prefix + key);
    await this.sharedStore?.delete(this.prefix + key).catch(() => undefined);
  }

  /** Drops this instance's copies only; the shared tier's entries expire on their own. */
  clearLocal(): Promise<void> {
    this.local.clear();
    return Promise.resolve();
  }

  private get sharedStore(): Keyv | undefined {
    return this.shared?.isReady ? this.shared.store : undefined;
  }

  private usable(entry: CompanyViewCacheEntry | undefined | null): CompanyViewCacheEntry | undefined {
    return entry && entry.expiresAt + this.graceMs > Date.now() ? entry : undefined;
  }
}
