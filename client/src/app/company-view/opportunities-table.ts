import { Component, computed, input } from '@angular/core';
import { OdooLink } from '../core/ui/odoo-link';
import type { LeadRow } from '@contracts/company-view';
import { formatMoney, formatProbability, MISSING } from './formatters';

@Component({
  selector: 'cv-opportunities-table',
  imports: [OdooLink],
  templateUrl: './opportunities-table.html',
})
export class OpportunitiesTable {
  readonly rows = input.required<LeadRow[]>();
  readonly locale = input.required<string>();
  /** Expected revenue is kept in the company currency in Odoo; null when the server did not say which. */
  readonly currency = input<string | null>(null);

  protected readonly view = computed(() =>
    this.rows().map((row) => ({
      id: row.id,
      odooUrl: row.odooUrl,
      name: row.name || MISSING,
      customer: row.partnerName || MISSING,
      stage: row.stageName || MISSING,
      revenue: formatMoney(row.expectedRevenue, this.currency(), this.locale()),
      probability: formatProbability(row.probability, this.locale()),
    })),
  );
}
