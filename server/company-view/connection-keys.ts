import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { AppConfig } from '../config/app-config';
import { OdooClient } from '../odoo/odoo-client';
import type { OdooConnection } from '../odoo/odoo-connection';
import { OdooConnectionResolver } from '../odoo/odoo-connection.resolver';
import type { TenantContext } from '../tenant/tenant-context';
import type { CompanyScope } from './company-scope';

/**
 * Each tenant's Odoo connection, remembering the connection key it last read with, so that when
 * its settings change the Odoo client forgets that connection's state (uid, version, back-off).
 */
@Injectable()
export class ConnectionKeys {
  private readonly byTenant: LRUCache<string, string>;

  constructor(
    private readonly resolver: OdooConnectionResolver,
    private readonly client: OdooClient,
    config: AppConfig,
  ) {
    this.byTenant = new LRUCache({ max: config.companyView.cacheMaxTenants });
  }

  /** The tenant's connection, reading the given companies only (null: its default companies). */
  connect(tenant: TenantContext, scope: CompanyScope): OdooConnection {
    const connection = this.resolver.resolve(tenant);
    this.byTenant.set(tenant.tenantId, connection.key);
    // Same key: uid, version and field lists do not depend on the companies being read.
    return scope ? { ...connection, companyIds: [...scope] } : connection;
  }

  /** False for a workspace with no Odoo of its own and no right to the server's. */
  isConnected(tenant: TenantContext): boolean {
    return this.resolver.isConnected(tenant.odoo);
  }

  forget(tenantId: string): void {
    const key = this.byTenant.get(tenantId);
    if (key === undefined) return;
    this.client.forget(key);
    this.byTenant.delete(tenantId);
  }

  forgetAll(): void {
    for (const key of this.byTenant.values()) this.client.forget(key);
    this.byTenant.clear();
  }
}
