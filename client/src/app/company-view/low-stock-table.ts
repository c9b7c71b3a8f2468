import { Component, computed, input } from '@angular/core';
import type { LowStockRow } from '@contracts/company-view';
import { Icon, IconName } from '../core/ui/icon';
import { OdooLink } from '../core/ui/odoo-link';
import { formatQuantity, MISSING } from './formatters';

/** How soon a rule's product runs out, from its forecast against its minimum. */
export type Urgency = 'critical' | 'high' | 'medium';

const URGENCY_STYLE: Record<Urgency, { label: string; chip: string; icon: IconName }> = {
  critical: { label: 'Critical', chip: 'chip--error', icon: 'error' },
  high: { label: 'High', chip: 'chip--warning', icon: 'warning' },
  medium: { label: 'Medium', chip: 'chip--info', icon: 'info' },
};

/**
 * critical: nothing left even counting what is on its way (forecast at or below zero, or a
 * minimum of zero already undershot); high: the forecast covers less than half the minimum;
 * medium: below the minimum. Monotonic in forecast ÷ minimum, the order the server sorts by, so the
 * labels run from critical down as the rows do.
 */
export function urgencyOf(row: Pick<LowStockRow, 'qtyForecast' | 'reorderMinQty'>): Urgency {
  const minimum = row.reorderMinQty ?? 0;
  if (minimum <= 0 || row.qtyForecast <= 0) {
    return 'critical';
  }
  return row.qtyForecast / minimum < 0.5 ? 'high' : 'medium';
}

/**
 * One row per reordering rule below its minimum, in the server's order (most urgent first), each
 * with its urgency in words and an icon, and a bar of how far the forecast reaches toward the minimum.
 */
@Component({
  selector: 'cv-low-stock-table',
  imports: [Icon, OdooLink],
  templateUrl: './low-stock-table.html',
  styleUrl: './low-stock-table.css',
})
export class LowStockTable {
  readonly rows = input.required<LowStockRow[]>();
  readonly locale = input.required<string>();

  protected readonly view = computed(() =>
    this.rows().map((row) => {
      const minimum = row.reorderMinQty;
      // How far the forecast reaches toward the minimum: the measure Odoo reorders on.
      const level = minimum && minimum > 0 ? Math.max(0, Math.min(1, row.qtyForecast / minimum)) : null;
      const urgency = urgencyOf(row);
      return {
        ruleId: row.ruleId,
        odooUrl: row.odooUrl,
        product: row.productName || MISSING,
        warehouse: row.warehouseName || MISSING,
        onHand: formatQuantity(row.qtyAvailable, this.locale()),
        forecast: formatQuantity(row.qtyForecast, this.locale()),
        minimum: minimum === null ? MISSING : formatQuantity(minimum, this.locale()),
        levelPercent: level === null ? null : Math.round(level * 100),
        urgency,
        urgencyStyle: URGENCY_STYLE[urgency],
      };
    }),
  );
}
