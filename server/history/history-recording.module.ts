import { Module } from '@nestjs/common';
import { HistoryRecorder } from './history-recorder';
import { KpiSampleStore } from './kpi-sample-store';

/** Writing and reading the KPI history; the company view records into it as it builds. */
@Module({
  providers: [KpiSampleStore, HistoryRecorder],
  exports: [KpiSampleStore, HistoryRecorder],
})
export class HistoryRecordingModule {}
