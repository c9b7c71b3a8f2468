import type { TenantContext } from '../tenant/tenant-context';

/**
 * The cache key of one company view: tenant, the version of its settings (so a change to them
 * leaves every older entry unreachable, in Redis too) and the company scope. Every tier, the single
 * flight, refresh-ahead and the cross-instance lock use it; it is built here only.
 */
export function companyViewCacheKey(tenant: Pick<TenantContext, 'tenantId' | 'settingsVersion'>, scopeKey: string): string {
  return `${tenant.tenantId}:${tenant.settingsVersion}:${scopeKey}`;
}
