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

/** Opens the record in the tenant's Odoo (form view), or null when no link can be built. */
export interface OdooRecordLink {
  odooUrl: string | null;
}

export type InvoiceStatus = 'draft' | 'posted' | 'paid' | 'overdue' | 'unknown';

export interface InvoiceRow extends OdooRecordLink {
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

export interface LeadRow extends OdooRecordLink {
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

export interface TaskRow extends OdooRecordLink {
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

export interface TicketRow extends OdooRecordLink {
  id: string;
  name: string;
  partnerName: string | null;
  stageName: string | null;
  priority: TicketPriority | null;
}

export interface HelpdeskSection {
  openTickets: TicketRow[];
}

/** One reordering rule (product × location) whose forecast is below its minimum; `odooUrl` opens the product. */
export interface LowStockRow extends OdooRecordLink {
  /** The product's id. */
  id: string;
  /** The rule's id: unique per row (a product may have rules in several warehouses). */
  ruleId: string;
  productName: string;
  warehouseName: string | null;
  /** On hand at the rule's location. */
  qtyAvailable: number;
  /** Forecast at the rule's location: what Odoo compares with the minimum. */
  qtyForecast: number;
  /** The rule's minimum. */
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

/**
 * Why a section failed; the client picks its banner from this, never from the message text.
 * `not-connected`: the workspace has no Odoo connection yet (every section fails with it, nothing is asked of Odoo).
 */
export type SectionErrorKind = 'timeout' | 'network' | 'auth' | 'module-missing' | 'access-denied' | 'bad-response' | 'odoo-error' | 'not-connected';

export type CompanyKpiKey = keyof CompanyKpis;

/** A company of the tenant's Odoo that the dashboard may show, with its accounting currency. */
export interface CompanyInfo {
  id: number;
  name: string;
  /** ISO code of the company's currency, e.g. "EUR". */
  currency: string;
}

/**
 * Amounts of one currency: the companies in scope that keep their books in it, summed by Odoo.
 * Never added across currencies, never converted. A failed section leaves its amounts null.
 */
export interface MoneyTotal {
  currency: string;
  companyIds: number[];
  /** Amount still due on the invoices counted by openInvoicesCount (company currency, credit notes excluded). */
  openInvoicesAmount: number | null;
  /** The same for overdueInvoicesCount. */
  overdueInvoicesAmount: number | null;
  /** Expected revenue of the open opportunities. */
  pipelineAmount: number | null;
  /** Expected revenue weighted by probability (Odoo's prorated revenue) of the open opportunities. */
  weightedPipelineAmount: number | null;
}

/** Records counted by a KPI but belonging to no company: shown in every scope, left out of `totals`. */
export interface RecordsWithoutCompany {
  openInvoices: number | null;
  overdueInvoices: number | null;
  openOpportunities: number | null;
}

export interface CompanyViewMoney {
  /** One entry per company currency in scope, ordered by currency code; empty when the companies could not be read. */
  totals: MoneyTotal[];
  recordsWithoutCompany: RecordsWithoutCompany;
}

export interface CompanyViewMeta {
  errorKinds: Partial<Record<CompanyViewSectionKey, SectionErrorKind>>;
  companyCurrency: string | null;
  odooVersion: string | null;
  /** For each KPI, the Odoo list it mirrors (null when the KPI is null). */
  kpiLinks: Record<CompanyKpiKey, string | null>;
  /** The companies this tenant may show (empty when they could not be read). */
  companies: CompanyInfo[];
  /** The companies this response covers, ascending. */
  scope: number[];
}

export interface CompanyViewResponse {
  tenantId: string;
  /** ISO 8601 time at which the data was read from Odoo. */
  refreshedAt: string;
  recommendedPollIntervalMs: number;
  kpis: CompanyKpis;
  sections: CompanyViewSections;
  errorsBySection: Partial<Record<CompanyViewSectionKey, SectionError>>;
  money: CompanyViewMoney;
  meta?: CompanyViewMeta;
}
