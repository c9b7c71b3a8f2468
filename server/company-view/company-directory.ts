import { Injectable, Logger } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { AppConfig } from '../config/app-config';
import type { CompanyInfo } from '../contracts/company-view';
import { OdooClient } from '../odoo/odoo-client';
import { OdooConnectionResolver } from '../odoo/odoo-connection.resolver';
import type { TenantContext } from '../tenant/tenant-context';
import { many2oneName, text } from './sections/odoo-values';

/** How long a tenant's list of companies is trusted: companies are created far less often than read. */
const TRUST_MS = 5 * 60_000;

/**
 * The companies each tenant may show: its `--company-ids` setting, else every company the Odoo
 * user may use (Odoo's rule on res.company lists exactly those), with their currencies. Read once
 * and kept a while per tenant and settings version; null while Odoo cannot say. A failed read is
 * remembered as long as a failed view is, so that scoped requests served from the cache do not each
 * wait on an Odoo that is down (or log again for a workspace with no connection).
 */
@Injectable()
export class CompanyDirectory {
  private readonly logger = new Logger(CompanyDirectory.name);
  private readonly known: LRUCache<string, { companies: CompanyInfo[] | null }>;
  private readonly pending = new Map<string, Promise<CompanyInfo[] | null>>();

  constructor(
    private readonly client: OdooClient,
    private readonly resolver: OdooConnectionResolver,
    private readonly config: AppConfig,
  ) {
    this.known = new LRUCache({ max: config.companyView.cacheMaxTenants, ttl: TRUST_MS });
  }

  companies(tenant: TenantContext, signal?: AbortSignal): Promise<CompanyInfo[] | null> {
    const key = `${tenant.tenantId}:${tenant.settingsVersion}`;
    const known = this.known.get(key);
    if (known) return Promise.resolve(known.companies);
    let pending = this.pending.get(key);
    if (!pending) {
      pending = this.read(tenant, key).finally(() => this.pending.delete(key));
      this.pending.set(key, pending);
    }
    return signal ? Promise.race([pending, aborted(signal)]) : pending;
  }

  private async read(tenant: TenantContext, key: string): Promise<CompanyInfo[] | null> {
    try {
      const connection = this.resolver.resolve(tenant);
      const signal = AbortSignal.timeout(this.config.companyView.sectionTimeoutMs);
      const rows = await this.client.searchRead(connection, 'res.company', [], { fields: ['name', 'currency_id'], order: 'id' }, { signal });
      const companies = rows.map((row) => ({ id: row.id, name: text(row.name) ?? '', currency: many2oneName(row.currency_id) ?? '' }));
      this.known.set(key, { companies });
      return companies;
    } catch (err) {
      this.logger.warn({ msg: `Could not read the companies of tenant ${tenant.tenantId}: ${(err as Error).message}`, tenantId: tenant.tenantId });
      const { errorCacheTtlMs, cacheTtlMs } = this.config.companyView;
      // A ttl of 0 would mean "forever" to the LRU: with no error lifetime, nothing is remembered.
      const ttl = Math.min(errorCacheTtlMs, cacheTtlMs);
      if (ttl > 0) this.known.set(key, { companies: null }, { ttl });
      return null;
    }
  }
}

/** Resolves to null once `signal` aborts: the caller gives up waiting, the read goes on for others. */
function aborted(signal: AbortSignal): Promise<null> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve(null);
    else signal.addEventListener('abort', () => resolve(null), { once: true });
  });
}
