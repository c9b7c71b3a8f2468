import { Module } from '@nestjs/common';
import { CompanyViewModule } from '../company-view/company-view.module';
import { TenantModule } from '../tenant/tenant.module';
import { HistoryCompaction } from './history-compaction';
import { HistoryController } from './history.controller';
import { HistoryJobs } from './history-jobs';
import { HistoryRecordingModule } from './history-recording.module';
import { HistorySampler } from './history-sampler';
import { SampledTenants } from './sampled-tenants';

/** KPI history: the range endpoint, the scheduled sampling of every active tenant, the daily compaction. */
@Module({
  imports: [TenantModule, CompanyViewModule, HistoryRecordingModule],
  controllers: [HistoryController],
  providers: [SampledTenants, HistorySampler, HistoryCompaction, HistoryJobs],
})
export class HistoryModule {}
