import type { CompanyViewSectionKey } from '@contracts/company-view';

/** Sections in the order the page shows them. */
export const SECTION_KEYS: readonly CompanyViewSectionKey[] = ['accounting', 'crm', 'projects', 'helpdesk', 'inventory'];

/** The Odoo application each section reads, as users know it. */
export const SECTION_LABELS: Record<CompanyViewSectionKey, string> = {
  accounting: 'Accounting',
  crm: 'CRM',
  projects: 'Projects',
  helpdesk: 'Helpdesk',
  inventory: 'Inventory',
};
