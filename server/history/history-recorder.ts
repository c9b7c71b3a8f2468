import { Injectable, Logger } from '@nestjs/common';
import type { CompanyViewResponse } from '../contracts/company-view';
import type { ViewTarget } from '../company-view/view-target';
import { bucketStart, historyScopeKey } from './buckets';
import { type KpiSample, KpiSampleStore } from './kpi-sample-store';

/** How long a response may wait for its sample to be written; past it the write goes on unwaited. */
export const RECORD_WAIT_MS = 1000;

/** The sample a company view makes for the bucket `now` falls in; null for a scope without history. */
export function sampleOf(target: Pick<ViewTarget, 'tenant' | 'scope'>, response: CompanyViewResponse, now = new Date()): KpiSample | null {
  const scopeKey = historyScopeKey(target.scope);
  if (scopeKey === null) return null;
  return {
    tenantId: target.tenant.tenantId,
    scopeKey,
    bucket: bucketStart(now),
    kpis: response.kpis,
    money: response.money,
    errorKinds: response.meta?.errorKinds ?? {},
    refreshedAt: new Date(response.refreshedAt),
  };
}

/**
 * Files each freshly aggregated company view in the history, failed sections included (their KPIs
 * are null). History is worth less than the answer it comes from: a write that fails is logged,
 * one that hangs is waited for only briefly.
 */
@Injectable()
export class HistoryRecorder {
  private readonly logger = new Logger(HistoryRecorder.name);

  constructor(private readonly store: KpiSampleStore) {}

  async record(target: ViewTarget, response: CompanyViewResponse): Promise<void> {
    const sample = sampleOf(target, response);
    if (!sample) return;
    const { tenantId } = sample;
    const warn = (err: unknown) => this.logger.warn({ msg: `Could not record the history of tenant ${tenantId}: ${(err as Error).message}`, tenantId });
    const write = this.store.upsert(sample).then(
      () => true,
      (err: unknown) => {
        warn(err);
        return true;
      },
    );
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), RECORD_WAIT_MS)));
    const finished = await Promise.race([write, waited]);
    clearTimeout(timer);
    if (!finished) this.logger.warn({ msg: `Recording the history of tenant ${tenantId} is slow; not waiting for it`, tenantId });
  }
}
