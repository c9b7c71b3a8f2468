import { Component, computed, input } from '@angular/core';
import type { CompanyKpis } from '@contracts/company-view';
import { InfoTip } from '../core/ui/info-tip';
import { formatKpi, KPI_DEFINITIONS } from './kpi-format';

/** The six headline numbers. Without KPIs (first load) it shows placeholders of the same size. */
@Component({
  selector: 'cv-kpi-cards',
  imports: [InfoTip],
  templateUrl: './kpi-cards.html',
  styleUrl: './kpi-cards.css',
})
export class KpiCards {
  readonly kpis = input<CompanyKpis | null>(null);
  readonly locale = input.required<string>();

  protected readonly cards = computed(() => {
    const kpis = this.kpis();
    return KPI_DEFINITIONS.map((definition) => ({
      ...definition,
      display: formatKpi(definition.label, kpis ? kpis[definition.key] : null, this.locale()),
      // Overdue invoices are the one number worth flagging when it is not zero.
      attention: definition.key === 'overdueInvoicesCount' && (kpis?.overdueInvoicesCount ?? 0) > 0,
    }));
  });
}
