import { Component, computed, input } from '@angular/core';
import type { LowStockRow } from '@contracts/company-view';
import { formatQuantity, MISSING } from './formatters';

@Component({
  selector: 'cv-low-stock-table',
  templateUrl: './low-stock-table.html',
  styleUrl: './low-stock-table.css',
})
export class LowStockTable {
  readonly rows = input.required<LowStockRow[]>();
  readonly locale = input.required<string>();

  protected readonly view = computed(() =>
    this.rows().map((row) => {
      const minimum = row.reorderMinQty;
      const level = minimum && minimum > 0 ? Math.max(0, Math.min(1, row.qtyAvailable / minimum)) : null;
      return {
        id: row.id,
        product: row.productName || MISSING,
        onHand: formatQuantity(row.qtyAvailable, this.locale()),
        minimum: minimum === null ? MISSING : formatQuantity(minimum, this.locale()),
        levelPercent: level === null ? null : Math.round(level * 100),
      };
    }),
  );
}
