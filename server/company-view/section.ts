import type {
  AccountingSection,
  CompanyKpis,
  CompanyViewSectionKey,
  CrmSection,
  HelpdeskSection,
  InventorySection,
  ProjectsSection,
} from '../contracts/company-view';
import type { OdooClient, OdooVersionInfo } from '../odoo/odoo-client';
import type { OdooConnection } from '../odoo/odoo-connection';

/** Everything a section needs to read its data; built fresh for every aggregation. */
export interface SectionContext {
  readonly connection: OdooConnection;
  readonly client: OdooClient;
  /** IANA zone of the tenant, e.g. "Europe/Brussels". */
  readonly timeZone: string;
  /** Today's date in `timeZone`, `YYYY-MM-DD`. */
  readonly today: string;
  readonly version: OdooVersionInfo;
  /** Aborted when the aggregator gives up on the section; pass it to every Odoo call. */
  readonly signal: AbortSignal;
}

/** What each section produces: its table plus the KPIs it owns. */
export interface SectionResults {
  accounting: {
    data: AccountingSection;
    kpis: Pick<CompanyKpis, 'openInvoicesCount' | 'overdueInvoicesCount'>;
    /** Currency name of the connection's company (meta.companyCurrency). */
    companyCurrency: string | null;
  };
  crm: { data: CrmSection; kpis: Pick<CompanyKpis, 'openLeadsCount'> };
  projects: { data: ProjectsSection; kpis: Pick<CompanyKpis, 'openTasksCount'> };
  helpdesk: { data: HelpdeskSection; kpis: Pick<CompanyKpis, 'openTicketsCount'> };
  inventory: { data: InventorySection; kpis: Pick<CompanyKpis, 'lowStockItemsCount'> };
}

export type SectionResult = SectionResults[CompanyViewSectionKey];

/**
 * One block of the company view. A section only maps Odoo data into contract types:
 * timeouts, caching and error handling belong to the aggregator.
 */
export interface CompanyViewSection<K extends CompanyViewSectionKey = CompanyViewSectionKey> {
  readonly key: K;
  load(ctx: SectionContext): Promise<SectionResults[K]>;
}

/** DI token of the collection of sections the aggregator runs. */
export const COMPANY_VIEW_SECTIONS = Symbol('COMPANY_VIEW_SECTIONS');

/** Response order of the sections. */
export const SECTION_KEYS: readonly CompanyViewSectionKey[] = ['accounting', 'crm', 'projects', 'helpdesk', 'inventory'];

/** Names used in log lines ("CRM section error: ..."). */
export const SECTION_LABELS: Record<CompanyViewSectionKey, string> = {
  accounting: 'Accounting',
  crm: 'CRM',
  projects: 'Projects',
  helpdesk: 'Helpdesk',
  inventory: 'Inventory',
};

/** Rows shown per table. */
export const TABLE_LIMIT = 10;
