// Response contract of GET /api/company-view. Types only: imported by the server and the Angular client.

export type CompanyViewSectionKey = 'accounting' | 'crm' | 'projects' | 'helpdesk' | 'inventory';

export interface CompanyKpis {
  openInvoicesCount: number | null;
  overdueInvoicesCount: number | null;
  openLeadsCount: number | null;
  openTasksCount: number | null;
  openTicketsCount: number | null;
  lowStockItemsCount: number | null;
}

export type InvoiceStatus = 'draft' | 'posted' | 'paid' | 'overdue' | 'unknown';

export interface InvoiceRow {
  id: string;
  number: string;
  partnerName: string;
  amountTotal: number;
  currency: string;
  status: InvoiceStatus;
  invoiceDate: string | null;
  dueDate: string | null;
}

export interface AccountingSection {
  recentInvoices: InvoiceRow[];
}

export interface LeadRow {
  id: string;
  name: string;
  partnerName: string | null;
  stageName: string | null;
  expectedRevenue: number | null;
  probability: number | null;
}

export interface CrmSection {
  openLeads: LeadRow[];
}

export interface TaskRow {
  id: string;
  name: string;
  projectName: string | null;
  stageName: string | null;
  assigneeName: string | null;
  deadline: string | null;
}

export interface ProjectsSection {
  openTasks: TaskRow[];
}

export type TicketPriority = 'low' | 'medium' | 'high' | 'urgent';

export interface TicketRow {
  id: string;
  name: string;
  partnerName: string | null;
  stageName: string | null;
  priority: TicketPriority | null;
}

export interface HelpdeskSection {
  openTickets: TicketRow[];
}

export interface LowStockRow {
  id: string;
  productName: string;
  qtyAvailable: number;
  reorderMinQty: number | null;
}

export interface InventorySection {
  lowStockItems: LowStockRow[];
}

export interface CompanyViewSections {
  accounting: AccountingSection;
  crm: CrmSection;
  projects: ProjectsSection;
  helpdesk: HelpdeskSection;
  inventory: InventorySection;
}

export interface SectionError {
  message: string;
  isModuleMissing?: boolean;
  isAuthError?: boolean;
}

/** Why a section failed; the client picks its banner from this, never from the message text. */
export type SectionErrorKind =
  | 'timeout'
  | 'network'
  | 'auth'
  | 'module-missing'
  | 'access-denied'
  | 'bad-response'
  | 'odoo-error';

export interface CompanyViewMeta {
  errorKinds: Partial<Record<CompanyViewSectionKey, SectionErrorKind>>;
  companyCurrency: string | null;
  odooVersion: string | null;
}

export interface CompanyViewResponse {
  tenantId: string;
  /** ISO 8601 time at which the data was read from Odoo. */
  refreshedAt: string;
  recommendedPollIntervalMs: number;
  kpis: CompanyKpis;
  sections: CompanyViewSections;
  errorsBySection: Partial<Record<CompanyViewSectionKey, SectionError>>;
  meta?: CompanyViewMeta;
}
