import type { CompanyInfo, CompanyViewMoney, MoneyTotal } from '../contracts/company-view';
import type { OdooGroup } from '../odoo/odoo-client';
import type { SectionResults } from './section';

/** What the money figures are made of: the groups the accounting and CRM sections read, when they loaded. */
export interface MoneyInputs {
  accounting?: SectionResults['accounting']['money'];
  crm?: SectionResults['crm']['money'];
}

/**
 * Totals per currency of the companies in scope. Amounts are summed by Odoo per company (in each
 * company's currency) and only companies sharing a currency are added up: nothing is converted.
 * Records without a company count in the KPIs but have no currency, so they stay out of the totals.
 */
export function moneyOf(companiesInScope: CompanyInfo[] | null, inputs: MoneyInputs): CompanyViewMoney {
  const { accounting, crm } = inputs;
  return {
    totals: companiesInScope ? totalsByCurrency(companiesInScope, inputs) : [],
    recordsWithoutCompany: {
      openInvoices: accounting ? withoutCompany(accounting.open) : null,
      overdueInvoices: accounting ? withoutCompany(accounting.overdue) : null,
      openOpportunities: crm ? withoutCompany(crm.pipeline) : null,
    },
  };
}

function totalsByCurrency(companies: CompanyInfo[], { accounting, crm }: MoneyInputs): MoneyTotal[] {
  const currencies = [...new Set(companies.map((c) => c.currency))].sort();
  return currencies.map((currency) => {
    const companyIds = companies.filter((c) => c.currency === currency).map((c) => c.id);
    const ids = new Set(companyIds);
    return {
      currency,
      companyIds,
      openInvoicesAmount: accounting ? sumOf(accounting.open, ids, 'amount_residual_signed') : null,
      overdueInvoicesAmount: accounting ? sumOf(accounting.overdue, ids, 'amount_residual_signed') : null,
      pipelineAmount: crm ? sumOf(crm.pipeline, ids, 'expected_revenue') : null,
      weightedPipelineAmount: crm ? sumOf(crm.pipeline, ids, 'prorated_revenue') : null,
    };
  });
}

/** The companies' sums added up, rounded to cents so float noise never shows. */
function sumOf(groups: OdooGroup[], companyIds: Set<number>, field: string): number {
  const total = groups.filter((g) => g.key !== null && companyIds.has(g.key.id)).reduce((sum, g) => sum + (g.sums[field] ?? 0), 0);
  return Math.round(total * 100) / 100;
}

function withoutCompany(groups: OdooGroup[]): number {
  return groups.filter((g) => g.key === null).reduce((sum, g) => sum + g.count, 0);
}

/** The one currency of the companies in scope, or null when there are several (or none known). */
export function singleCurrency(companiesInScope: CompanyInfo[] | null): string | null {
  const currencies = new Set((companiesInScope ?? []).map((c) => c.currency));
  return currencies.size === 1 ? [...currencies][0] : null;
}
