import { Injectable } from '@nestjs/common';
import { OdooCallObserver, type OdooCallOutcome } from '../odoo/odoo-call-observer';
import { MetricsService } from './metrics.service';

/** Counts every Odoo call for Prometheus. */
@Injectable()
export class OdooMetricsObserver extends OdooCallObserver {
  constructor(private readonly metrics: MetricsService) {
    super();
  }

  onCall(model: string, method: string, outcome: OdooCallOutcome, durationMs: number): void {
    this.metrics.odooCalls.inc({ model, method, outcome });
    this.metrics.odooCallDuration.observe({ model, method }, durationMs / 1000);
  }
}
