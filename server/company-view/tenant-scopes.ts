import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { AppConfig } from '../config/app-config';

/** Company scopes cached per tenant, the most recently used kept: a crafted query cannot fill the cache. */
const MAX_SCOPES_PER_TENANT = 8;

/** The cache keys in use for each tenant (one per company scope), most recently used first. */
@Injectable()
export class TenantScopes {
  private readonly byTenant: LRUCache<string, string[]>;

  constructor(config: AppConfig) {
    this.byTenant = new LRUCache({ max: config.companyView.cacheMaxTenants });
  }

  /** Records a use of `key`; returns the keys pushed out beyond the limit (to drop from the cache). */
  touch(tenantId: string, key: string): string[] {
    const keys = this.byTenant.get(tenantId) ?? [];
    if (keys[0] === key) return [];
    const next = [key, ...keys.filter((k) => k !== key)];
    this.byTenant.set(tenantId, next.slice(0, MAX_SCOPES_PER_TENANT));
    return next.slice(MAX_SCOPES_PER_TENANT);
  }

  /** Forgets the tenant and answers the keys it had. */
  take(tenantId: string): string[] {
    const keys = this.byTenant.get(tenantId) ?? [];
    this.byTenant.delete(tenantId);
    return keys;
  }
}
