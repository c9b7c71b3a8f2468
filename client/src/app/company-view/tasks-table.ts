import { Component, computed, input } from '@angular/core';
import { OdooLink } from '../core/ui/odoo-link';
import type { TaskRow } from '@contracts/company-view';
import { Icon } from '../core/ui/icon';
import { formatDay, isPastDay, MISSING } from './formatters';

@Component({
  selector: 'cv-tasks-table',
  imports: [Icon, OdooLink],
  templateUrl: './tasks-table.html',
  styles: `
    .overdue {
      display: inline-flex;
      align-items: center;
      gap: var(--space-1);
      color: var(--error-text);
      font-weight: 600;
    }
  `,
})
export class TasksTable {
  readonly rows = input.required<TaskRow[]>();
  readonly locale = input.required<string>();
  /** The user's current day, so "overdue" follows the calendar as the page stays open. */
  readonly today = input.required<Date>();

  protected readonly view = computed(() =>
    this.rows().map((row) => ({
      id: row.id,
      odooUrl: row.odooUrl,
      name: row.name || MISSING,
      project: row.projectName || MISSING,
      stage: row.stageName || MISSING,
      assignee: row.assigneeName || 'Unassigned',
      deadline: formatDay(row.deadline, this.locale()),
      overdue: isPastDay(row.deadline, this.today()),
    })),
  );
}
