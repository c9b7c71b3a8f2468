import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { Subscription } from 'rxjs';
import { type TenantChange, TenantEvents } from '../tenant/tenant-events';
import { CompanyViewCache } from './company-view-cache';
import { CompanyViewRefresher } from './company-view-refresher';
import { ConnectionKeys } from './connection-keys';
import { TenantScopes } from './tenant-scopes';

/**
 * Forgets a tenant's company views when its settings change (from this process, the admin CLI or
 * another instance, through the database's notifications): every scope's entry, any build under
 * way and its refresh timer, and the Odoo client's state for its connection. Keys carry the
 * settings' version too, so entries this instance never saw (in Redis) are unreachable anyway.
 * Membership changes keep the entries: access is checked on every request.
 */
@Injectable()
export class CompanyViewEviction implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(CompanyViewEviction.name);
  private subscription: Subscription | null = null;

  constructor(
    private readonly events: TenantEvents,
    private readonly cache: CompanyViewCache,
    private readonly refresher: CompanyViewRefresher,
    private readonly scopes: TenantScopes,
    private readonly connectionKeys: ConnectionKeys,
  ) {}

  onModuleInit(): void {
    this.subscription = this.events.changes$.subscribe((change) => void this.onChange(change));
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }

  private async onChange(change: TenantChange): Promise<void> {
    try {
      if (change.tenantId === null || change.kind === 'reset') await this.evictLocal();
      else if (change.kind === 'tenant') await this.evict(change.tenantId);
    } catch (err) {
      this.logger.warn({ msg: `Could not evict after a tenant change: ${(err as Error).message}`, tenantId: change.tenantId });
    }
  }

  async evict(tenantId: string): Promise<void> {
    this.connectionKeys.forget(tenantId);
    for (const key of this.scopes.take(tenantId)) {
      this.refresher.abandon(key);
      await this.cache.delete(key);
    }
  }

  /** Forgets everything this instance holds. Entries shared with other instances are left to expire:
   *  one instance's listener reconnecting is no reason to empty everyone's cache. */
  async evictLocal(): Promise<void> {
    this.refresher.abandonAll();
    this.connectionKeys.forgetAll();
    await this.cache.clearLocal();
  }
}
