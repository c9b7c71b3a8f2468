import type { CompanyKpis, CompanyViewSectionKey } from '@contracts/company-view';
import { formatCount, MISSING } from './formatters';

export interface KpiDefinition {
  key: keyof CompanyKpis;
  label: string;
  /** One sentence on what the number counts, shown in the card's tooltip. */
  howCounted: string;
  section: CompanyViewSectionKey;
}

export const KPI_DEFINITIONS: readonly KpiDefinition[] = [
  {
    key: 'openInvoicesCount',
    label: 'Open invoices',
    howCounted: 'Posted customer invoices and credit notes that are not fully paid yet.',
    section: 'accounting',
  },
  {
    key: 'overdueInvoicesCount',
    label: 'Overdue invoices',
    howCounted: 'Open customer invoices whose due date is before today.',
    section: 'accounting',
  },
  {
    key: 'openLeadsCount',
    label: 'Open opportunities',
    howCounted: 'Active CRM opportunities that are neither won nor lost.',
    section: 'crm',
  },
  {
    key: 'openTasksCount',
    label: 'Open tasks',
    howCounted: 'Project tasks that are not done or cancelled.',
    section: 'projects',
  },
  {
    key: 'openTicketsCount',
    label: 'Open tickets',
    howCounted: 'Helpdesk tickets that are not in a closed stage.',
    section: 'helpdesk',
  },
  {
    key: 'lowStockItemsCount',
    label: 'Low-stock items',
    howCounted: 'Products whose stock is below the minimum of their reordering rule.',
    section: 'inventory',
  },
];

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
