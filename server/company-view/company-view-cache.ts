import { createHash } from 'node:crypto';
import { CACHE_MANAGER } from '@nestjs/cache-manager';
import { Inject, Injectable } from '@nestjs/common';
import type { Cache } from 'cache-manager';
import Keyv from 'keyv';
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
 * The per-tenant store behind the company view, on @nestjs/cache-manager. Everything else talks
 * to this class only, so the store (in-memory LRU today) can move to Redis without touching them.
 */
@Injectable()
export class CompanyViewCache {
  private readonly prefix: string;

  constructor(
    @Inject(CACHE_MANAGER) private readonly cache: Cache,
    config: AppConfig,
  ) {
    this.prefix = config.companyView.cachePrefix;
  }

  /** The tenant's entry if it is still fresh. */
  async get(tenantId: string): Promise<CompanyViewCacheEntry | undefined> {
    const entry = await this.cache.get<CompanyViewCacheEntry>(this.prefix + tenantId);
    return entry && entry.expiresAt > Date.now() ? entry : undefined;
  }

  async set(tenantId: string, entry: CompanyViewCacheEntry): Promise<void> {
    const ttl = entry.expiresAt - entry.storedAt;
    if (ttl > 0) await this.cache.set(this.prefix + tenantId, entry, ttl);
  }

  async delete(tenantId: string): Promise<void> {
    await this.cache.del(this.prefix + tenantId);
  }

  /** Drops every tenant's entry (the store belongs to the company view alone). */
  async clear(): Promise<void> {
    await this.cache.clear();
  }
}
