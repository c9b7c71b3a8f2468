import { Component, computed, input } from '@angular/core';
import { OdooLink } from '../core/ui/odoo-link';
import type { InvoiceRow, InvoiceStatus } from '@contracts/company-view';
import { Icon, IconName } from '../core/ui/icon';
import { formatDay, formatMoney, invoiceStatusLabel, MISSING } from './formatters';

const STATUS_STYLE: Record<InvoiceStatus, { chip: string; icon: IconName }> = {
  draft: { chip: '', icon: 'flag' },
  posted: { chip: 'chip--info', icon: 'clock' },
  paid: { chip: 'chip--success', icon: 'success' },
  overdue: { chip: 'chip--error', icon: 'warning' },
  unknown: { chip: '', icon: 'help' },
};

@Component({
  selector: 'cv-invoices-table',
  imports: [Icon, OdooLink],
  templateUrl: './invoices-table.html',
})
export class InvoicesTable {
  readonly rows = input.required<InvoiceRow[]>();
  readonly locale = input.required<string>();

  protected readonly view = computed(() =>
    this.rows().map((row) => ({
      id: row.id,
      odooUrl: row.odooUrl,
      number: row.number || MISSING,
      customer: row.partnerName || MISSING,
      amount: formatMoney(row.amountTotal, row.currency, this.locale()),
      status: invoiceStatusLabel(row.status),
      statusStyle: STATUS_STYLE[row.status] ?? STATUS_STYLE.unknown,
      invoiceDate: formatDay(row.invoiceDate, this.locale()),
      dueDate: formatDay(row.dueDate, this.locale()),
    })),
  );
}
