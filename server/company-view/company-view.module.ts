import { Module } from '@nestjs/common';
import { TenantActivityModule } from '../activity/tenant-activity.module';
import { RedisConnection } from '../cache/redis-connection';
import { RedisModule } from '../cache/redis.module';
import { MetricsModule } from '../metrics/metrics.module';
import { AppConfig } from '../config/app-config';
import { HistoryRecordingModule } from '../history/history-recording.module';
import { OdooModule } from '../odoo/odoo.module';
import { TenantModule } from '../tenant/tenant.module';
import { CompanyDirectory } from './company-directory';
import { CompanyViewAggregator } from './company-view.aggregator';
import { CompanyViewBuilder } from './company-view-builder';
import { CompanyViewCache, createMemoryStore, createRedisStore, LOCAL_TIER, SHARED_TIER, type SharedTier } from './company-view-cache';
import { CompanyViewController } from './company-view.controller';
import { CompanyViewEviction } from './company-view-eviction';
import { CompanyViewRefresher } from './company-view-refresher';
import { CompanyViewService } from './company-view.service';
import { ConnectionKeys } from './connection-keys';
import { InstanceCoordination } from './instance-coordination';
import { RefreshAhead } from './refresh-ahead';
import { ScopeResolver } from './scope-resolver';
import { COMPANY_VIEW_SECTIONS, type CompanyViewSection } from './section';
import { AccountingSectionProvider } from './sections/accounting.section';
import { CrmSectionProvider } from './sections/crm.section';
import { HelpdeskSectionProvider } from './sections/helpdesk.section';
import { InventorySectionProvider } from './sections/inventory.section';
import { ProjectsSectionProvider } from './sections/projects.section';
import { SingleFlight } from './single-flight';
import { TenantScopes } from './tenant-scopes';

const SECTION_PROVIDERS = [AccountingSectionProvider, CrmSectionProvider, ProjectsSectionProvider, HelpdeskSectionProvider, InventorySectionProvider];

/** Redis as the shared tier while its connection is up; none without REDIS_URL. */
function sharedTier(redis: RedisConnection): SharedTier | null {
  const client = redis.client;
  if (!client) return null;
  const store = createRedisStore(client);
  return {
    store,
    get isReady() {
      return redis.isReady;
    },
  };
}

@Module({
  imports: [TenantModule, OdooModule, RedisModule, MetricsModule, HistoryRecordingModule, TenantActivityModule],
  controllers: [CompanyViewController],
  providers: [
    ...SECTION_PROVIDERS,
    {
      provide: COMPANY_VIEW_SECTIONS,
      inject: SECTION_PROVIDERS,
      useFactory: (...sections: CompanyViewSection[]) => sections,
    },
    { provide: LOCAL_TIER, inject: [AppConfig], useFactory: (config: AppConfig) => createMemoryStore(config.companyView.cacheMaxTenants) },
    { provide: SHARED_TIER, inject: [RedisConnection], useFactory: sharedTier },
    CompanyViewAggregator,
    CompanyViewCache,
    CompanyDirectory,
    TenantScopes,
    ScopeResolver,
    CompanyViewBuilder,
    ConnectionKeys,
    SingleFlight,
    RefreshAhead,
    InstanceCoordination,
    CompanyViewRefresher,
    CompanyViewEviction,
    CompanyViewService,
  ],
  // The history's sampler reads views as a request would; saving a connection evicts at once.
  exports: [CompanyViewService, CompanyViewEviction],
})
export class CompanyViewModule {}
