import { Component, computed, input } from '@angular/core';
import { OdooLink } from '../core/ui/odoo-link';
import type { TicketPriority, TicketRow } from '@contracts/company-view';
import { Icon, IconName } from '../core/ui/icon';
import { MISSING, priorityLabel } from './formatters';

const PRIORITY_STYLE: Record<TicketPriority, { chip: string; icon: IconName | null }> = {
  low: { chip: '', icon: null },
  medium: { chip: 'chip--info', icon: null },
  high: { chip: 'chip--warning', icon: 'flag' },
  urgent: { chip: 'chip--error', icon: 'warning' },
};

@Component({
  selector: 'cv-tickets-table',
  imports: [Icon, OdooLink],
  templateUrl: './tickets-table.html',
})
export class TicketsTable {
  readonly rows = input.required<TicketRow[]>();

  protected readonly view = computed(() =>
    this.rows().map((row) => ({
      id: row.id,
      odooUrl: row.odooUrl,
      subject: row.name || MISSING,
      customer: row.partnerName || MISSING,
      stage: row.stageName || MISSING,
      priority: priorityLabel(row.priority),
      priorityStyle: (row.priority && PRIORITY_STYLE[row.priority]) || { chip: '', icon: null },
    })),
  );
}
