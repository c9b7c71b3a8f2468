import { Injectable, Logger } from '@nestjs/common';
import { CompanyViewService } from '../company-view/company-view.service';
import type { CompanyViewResponse } from '../contracts/company-view';
import { sampleOf } from './history-recorder';
import { KpiSampleStore } from './kpi-sample-store';
import { SampledTenants } from './sampled-tenants';

export type SampleOutcome = 'built' | 'cached' | 'skipped';

/**
 * Takes one tenant's scheduled sample of its default scope through the company view itself: a
 * fresh cached entry is used as it is (a watched tenant costs Odoo nothing more), otherwise the
 * view is built, and the build records its own sample.
 */
@Injectable()
export class HistorySampler {
  private readonly logger = new Logger(HistorySampler.name);

  constructor(
    private readonly tenants: SampledTenants,
    private readonly companyView: CompanyViewService,
    private readonly store: KpiSampleStore,
  ) {}

  async sample(tenantId: string): Promise<SampleOutcome> {
    const tenant = await this.tenants.active(tenantId);
    if (!tenant) return 'skipped';
    const { entry, hit } = await this.companyView.get(tenant, null);
    if (hit) {
      // Nothing was built, so nothing was recorded: this run's bucket gets the cached view.
      const sample = sampleOf({ tenant, scope: null }, JSON.parse(entry.body) as CompanyViewResponse);
      // Unlike a request's write, a failure here fails the job, which is then retried.
      if (sample) await this.store.upsert(sample);
    }
    const outcome = hit ? 'cached' : 'built';
    this.logger.debug({ msg: `History sample of tenant ${tenantId} (${outcome})`, tenantId });
    return outcome;
  }
}
