import type {
  AccountingSection,
  CompanyKpiKey,
  CompanyKpis,
  CompanyViewSectionKey,
  CrmSection,
  HelpdeskSection,
  InventorySection,
  ProjectsSection,
} from '../contracts/company-view';
import type { OdooClient, OdooGroup, OdooVersionInfo } from '../odoo/odoo-client';
import type { OdooConnection } from '../odoo/odoo-connection';
import type { OdooLinks } from '../odoo/odoo-links';

/** Everything a section needs to read its data; built fresh for every aggregation. */
export interface SectionContext {
  readonly connection: OdooConnection;
  readonly client: OdooClient;
  /** IANA zone of the tenant, e.g. "Europe/Brussels". */
  readonly timeZone: string;
  /** Today's date in `timeZone`, `YYYY-MM-DD`. */
  readonly today: string;
  readonly version: OdooVersionInfo;
  /** Builds links to records and lists in the tenant's Odoo, in its version's URL form. */
  readonly links: OdooLinks;
  /** Aborted when the aggregator gives up on the section; pass it to every Odoo call. */
  readonly signal: AbortSignal;
}

/** A section's table, the KPIs it owns and, for each of them, the Odoo list it mirrors. */
interface Loaded<Data, K extends CompanyKpiKey> {
  data: Data;
  kpis: Pick<CompanyKpis, K>;
  kpiLinks: Record<K, string>;
}

/** What each section produces. */
export interface SectionResults {
  accounting: Loaded<AccountingSection, 'openInvoicesCount' | 'overdueInvoicesCount'> & {
    /** The open and overdue invoices per company, with amount_residual_signed summed by Odoo. */
    money: { open: OdooGroup[]; overdue: OdooGroup[] };
  };
  crm: Loaded<CrmSection, 'openLeadsCount'> & {
    /** The open opportunities per company, with expected_revenue and prorated_revenue summed by Odoo. */
    money: { pipeline: OdooGroup[] };
  };
  projects: Loaded<ProjectsSection, 'openTasksCount'>;
  helpdesk: Loaded<HelpdeskSection, 'openTicketsCount'>;
  inventory: Loaded<InventorySection, 'lowStockItemsCount'>;
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

/** Rows shown per table. */
export const TABLE_LIMIT = 10;

/** How many records the groups of a grouped read hold together. */
export function countOf(groups: OdooGroup[]): number {
  return groups.reduce((sum, group) => sum + group.count, 0);
}
