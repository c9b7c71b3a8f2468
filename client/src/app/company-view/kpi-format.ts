import type { CompanyKpis, CompanyViewSectionKey } from '@contracts/company-view';
import { formatCount, MISSING } from './formatters';

export interface KpiDefinition {
  key: keyof CompanyKpis;
  label: string;
  /**
   * Where to see the same number in Odoo and which filters to apply there, for the tenant's Odoo
   * major version (null when unknown). Shown in the card's tooltip.
   */
  howCounted: (major: number | null) => string;
  section: CompanyViewSectionKey;
  /** Which way this number should move: colours its change against yesterday and last week. */
  better: KpiDirection;
}

/**
 * `fewer`: a falling number is good news (a rising one is shown as worse); `more`: the reverse;
 * `neither`: the change is shown without a verdict, in a neutral colour.
 */
export type KpiDirection = 'fewer' | 'more' | 'neither';

// The help texts name the Odoo list each KPI mirrors and the filters that give the same number
// there, per version (see docs/kpi-definitions.md).
const atLeast = (major: number | null, version: number) => major !== null && major >= version;
const unpaidFilter = (major: number | null) => (atLeast(major, 18) ? '“To pay”' : '“Unpaid”');
const invoiceKinds = (major: number | null) =>
  atLeast(major, 19) ? 'customer invoices and receipts' : 'customer invoices';

export const KPI_DEFINITIONS: readonly KpiDefinition[] = [
  {
    key: 'openInvoicesCount',
    label: 'Open invoices',
    howCounted: (major) =>
      `Invoicing › Customers › Invoices, filter ${unpaidFilter(major)}: posted ${invoiceKinds(major)} not fully paid. Credit notes are not counted.`,
    section: 'accounting',
    // More open invoices may mean more sales or slower payers: the count alone cannot tell which.
    better: 'neither',
  },
  {
    key: 'overdueInvoicesCount',
    label: 'Overdue invoices',
    howCounted: (major) =>
      `Invoicing › Customers › Invoices, filter “Overdue”: unpaid ${invoiceKinds(major)} due before today. Credit notes are not counted.`,
    section: 'accounting',
    // Money that should have come in already.
    better: 'fewer',
  },
  {
    key: 'openLeadsCount',
    label: 'Open opportunities',
    howCounted: () =>
      'CRM › Sales › My Pipeline: remove the “My Pipeline” filter, then choose “Open Opportunities”: active opportunities below 100% probability.',
    section: 'crm',
    // A growing pipeline is future business (won deals leave it too, but they show in invoices).
    better: 'more',
  },
  {
    key: 'openTasksCount',
    label: 'Open tasks',
    howCounted: (major) => {
      const todos = 'Private to-dos are not counted.';
      if (major === 16) return `Project › My Tasks: remove the “My Tasks” filter and keep “Open Tasks”. ${todos}`;
      if (atLeast(major, 19))
        return `Project › All Tasks, filter “Open”, with “Show Sub-Tasks” off; task templates are left out. ${todos}`;
      return `Project › All Tasks, filter “Open Tasks”; subtasks shown only inside their parent task are left out. ${todos}`;
    },
    section: 'projects',
    // Work waiting to be done: a shrinking backlog is progress.
    better: 'fewer',
  },
  {
    key: 'openTicketsCount',
    label: 'Open tickets',
    howCounted: () =>
      'Helpdesk › Tickets › All Tickets, filter “Open”: tickets whose stage is not a closing (folded) stage.',
    section: 'helpdesk',
    // Customers waiting for an answer.
    better: 'fewer',
  },
  {
    key: 'lowStockItemsCount',
    label: 'Rules to reorder',
    howCounted: () =>
      'Inventory › Operations › Replenishment, filters “To Reorder” and “Not Snoozed”, with both Auto and Manual ticked under Trigger. It counts reordering rules whose forecast is below their minimum, not products: a product can count once per warehouse.',
    section: 'inventory',
    // Each one is a product about to run short somewhere.
    better: 'fewer',
  },
];

/** The major version in an Odoo version string ("17.0+e-20240709", "saas~17.4"), or null. */
export function odooMajor(version: string | null | undefined): number | null {
  const match = /(\d+)\.\d+/.exec(version ?? '');
  return match ? Number(match[1]) : null;
}

export interface KpiDisplay {
  text: string;
  /** What a screen reader announces for the card's value. */
  ariaLabel: string;
  unavailable: boolean;
}

/** Formats one KPI; a missing value shows a dash and says so to assistive technology. */
export function formatKpi(label: string, value: number | null | undefined, locale: string): KpiDisplay {
  if (value === null || value === undefined || !Number.isFinite(value)) {
    return { text: MISSING, ariaLabel: `${label}: value unavailable`, unavailable: true };
  }
  const text = formatCount(value, locale);
  return { text, ariaLabel: `${label}: ${text}`, unavailable: false };
}
