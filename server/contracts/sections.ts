// Section and KPI names shared by the server, the client and the tests: the one source for them.
import type { CompanyKpiKey, CompanyViewSectionKey } from './company-view';

/** Sections in response (and page) order. */
export const SECTION_KEYS: readonly CompanyViewSectionKey[] = ['accounting', 'crm', 'projects', 'helpdesk', 'inventory'];

/** The Odoo application each section reads, as users know it (page banners, log lines). */
export const SECTION_LABELS: Readonly<Record<CompanyViewSectionKey, string>> = {
  accounting: 'Accounting',
  crm: 'CRM',
  projects: 'Projects',
  helpdesk: 'Helpdesk',
  inventory: 'Inventory',
};

/** KPIs in card order. */
export const KPI_KEYS: readonly CompanyKpiKey[] = [
  'openInvoicesCount',
  'overdueInvoicesCount',
  'openLeadsCount',
  'openTasksCount',
  'openTicketsCount',
  'lowStockItemsCount',
];
