import { LRUCache } from 'lru-cache';
import type { TenantRole } from '../contracts/tenant';
import type { TenantContext } from './tenant-context';

// Tenant rows and membership answers kept in process so a cached company view costs no query.
// Entries are dropped at once on change notifications; the TTL is only a backstop.
const BACKSTOP_TTL_MS = 60_000;

/** A tenant as requests get it (one object, shared by every request until the row changes), and whether it is active. */
export interface CachedTenant {
  context: TenantContext;
  isActive: boolean;
}

/** Writes carry the generation they read at: a change heard in between makes the write a no-op,
 *  so a slow query can never put back an entry a notification just removed. */
export class TenantAccessCache {
  generation = 0;
  private readonly tenants = new LRUCache<string, CachedTenant | 'missing'>({ max: 20_000, ttl: BACKSTOP_TTL_MS });
  /** The member's role, or 'none' for a user who is not a member. */
  private readonly members = new LRUCache<string, TenantRole | 'none'>({ max: 200_000, ttl: BACKSTOP_TTL_MS });

  getTenant(id: string): CachedTenant | 'missing' | undefined {
    return this.tenants.get(id);
  }

  setTenant(id: string, tenant: CachedTenant | null, readAt: number): void {
    if (readAt === this.generation) this.tenants.set(id, tenant ?? 'missing');
  }

  role(userId: string, tenantId: string): TenantRole | 'none' | undefined {
    return this.members.get(`${userId}:${tenantId}`);
  }

  setRole(userId: string, tenantId: string, role: TenantRole | 'none', readAt: number): void {
    if (readAt === this.generation) this.members.set(`${userId}:${tenantId}`, role);
  }

  forgetRole(userId: string, tenantId: string): void {
    this.generation++;
    this.members.delete(`${userId}:${tenantId}`);
  }

  forgetTenant(tenantId: string): void {
    this.generation++;
    this.tenants.delete(tenantId);
    for (const key of this.members.keys()) if (key.endsWith(`:${tenantId}`)) this.members.delete(key);
  }

  clear(): void {
    this.generation++;
    this.tenants.clear();
    this.members.clear();
  }
}
