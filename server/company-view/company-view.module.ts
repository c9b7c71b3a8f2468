import { CacheModule, type CacheModuleOptions } from '@nestjs/cache-manager';
import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { AppConfig } from '../config/app-config';
import { OdooModule } from '../odoo/odoo.module';
import { TenantModule } from '../tenant/tenant.module';
import { CompanyViewAggregator } from './company-view.aggregator';
import { CompanyViewCache, createMemoryStore, createRedisStore } from './company-view-cache';
import { RedisConnection } from '../cache/redis-connection';
import { CompanyViewController } from './company-view.controller';
import { CompanyViewHttpCacheInterceptor } from './company-view-http-cache.interceptor';
import { CompanyViewService } from './company-view.service';
import { COMPANY_VIEW_SECTIONS, type CompanyViewSection } from './section';
import { AccountingSectionProvider } from './sections/accounting.section';
import { CrmSectionProvider } from './sections/crm.section';
import { HelpdeskSectionProvider } from './sections/helpdesk.section';
import { InventorySectionProvider } from './sections/inventory.section';
import { ProjectsSectionProvider } from './sections/projects.section';

const SECTION_PROVIDERS = [AccountingSectionProvider, CrmSectionProvider, ProjectsSectionProvider, HelpdeskSectionProvider, InventorySectionProvider];

/** Local LRU first; Redis second when REDIS_URL is set (shared by every instance). */
function cacheOptions(config: AppConfig, redis: RedisConnection): CacheModuleOptions {
  const stores = [createMemoryStore(config.companyView.cacheMaxTenants)];
  if (redis.client) stores.push(createRedisStore(redis.client));
  return { stores, ttl: config.companyView.cacheTtlMs };
}

@Module({
  imports: [
    AuthModule,
    TenantModule,
    OdooModule,
    CacheModule.registerAsync({ inject: [AppConfig, RedisConnection], useFactory: cacheOptions }),
  ],
  controllers: [CompanyViewController],
  providers: [
    ...SECTION_PROVIDERS,
    {
      provide: COMPANY_VIEW_SECTIONS,
      inject: SECTION_PROVIDERS,
      useFactory: (...sections: CompanyViewSection[]) => sections,
    },
    CompanyViewAggregator,
    CompanyViewCache,
    CompanyViewService,
    CompanyViewHttpCacheInterceptor,
  ],
})
export class CompanyViewModule {}
