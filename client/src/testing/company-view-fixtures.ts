import type { CompanyInfo, CompanyViewMeta, CompanyViewMoney, CompanyViewResponse } from '@contracts/company-view';

/** The one company of the default fixture. */
export const ACME_COMPANY: CompanyInfo = { id: 1, name: 'Acme Corp', currency: 'EUR' };

/** A tenant with two companies in different currencies (like the demo's Stark Industries). */
export const TWO_COMPANIES: CompanyInfo[] = [
  { id: 1, name: 'Stark Industries Europe', currency: 'EUR' },
  { id: 2, name: 'Stark Industries', currency: 'USD' },
];

/** `money` of a single-currency answer: one EUR total, every record with a company. */
export function euroMoney(): CompanyViewMoney {
  return {
    totals: [
      {
        currency: 'EUR',
        companyIds: [1],
        openInvoicesAmount: 48_250.5,
        overdueInvoicesAmount: 9_120,
        pipelineAmount: 182_000,
        weightedPipelineAmount: 96_400,
      },
    ],
    recordsWithoutCompany: { openInvoices: 0, overdueInvoices: 0, openOpportunities: 0 },
  };
}

/**
 * An answer for a tenant with two companies in two currencies, covering `scope` (both by default).
 * The amounts of each currency are those of its company.
 */
export function twoCompanyResponse(
  scope: number[] = [1, 2],
  overrides: Partial<CompanyViewResponse> = {},
): CompanyViewResponse {
  const base = companyViewResponse();
  const totals: CompanyViewMoney['totals'] = [
    {
      currency: 'EUR',
      companyIds: [1],
      openInvoicesAmount: 2_100_000,
      overdueInvoicesAmount: 340_000,
      pipelineAmount: 2_100_000,
      weightedPipelineAmount: 800_000,
    },
    {
      currency: 'USD',
      companyIds: [2],
      openInvoicesAmount: 1_234_567.89,
      overdueInvoicesAmount: 56_000,
      pipelineAmount: 950_000,
      weightedPipelineAmount: 410_000,
    },
  ];
  return {
    ...base,
    money: {
      totals: totals.filter((total) => total.companyIds.every((id) => scope.includes(id))),
      recordsWithoutCompany: { openInvoices: 0, overdueInvoices: 0, openOpportunities: 0 },
    },
    meta: {
      ...base.meta!,
      companyCurrency: scope.length === 1 ? TWO_COMPANIES.find((c) => c.id === scope[0])!.currency : null,
      companies: TWO_COMPANIES,
      scope,
    },
    ...overrides,
  };
}

/** A complete, successful company-view answer; override what a test cares about. */
export function companyViewResponse(overrides: Partial<CompanyViewResponse> = {}): CompanyViewResponse {
  return {
    tenantId: 'tenant-a',
    refreshedAt: new Date().toISOString(),
    recommendedPollIntervalMs: 30_000,
    kpis: {
      openInvoicesCount: 12,
      overdueInvoicesCount: 3,
      openLeadsCount: 8,
      openTasksCount: 24,
      openTicketsCount: 5,
      lowStockItemsCount: 2,
    },
    sections: {
      accounting: {
        recentInvoices: [
          {
            id: '1234',
            odooUrl: 'https://odoo.example/web#id=1234&model=account.move&view_type=form',
            number: 'INV/2026/0015',
            partnerName: 'Acme Corp',
            amountTotal: 5000,
            currency: 'USD',
            status: 'posted',
            invoiceDate: '2026-01-15',
            dueDate: '2026-02-15',
          },
        ],
      },
      crm: {
        openLeads: [
          {
            id: '7',
            odooUrl: 'https://odoo.example/web#id=7&model=crm.lead&view_type=form',
            name: 'Office chairs',
            partnerName: 'Globex',
            stageName: 'Proposal',
            expectedRevenue: 12000,
            probability: 60,
          },
        ],
      },
      projects: {
        openTasks: [
          {
            id: '9',
            odooUrl: 'https://odoo.example/web#id=9&model=project.task&view_type=form',
            name: 'Ship catalogue',
            projectName: 'Website',
            stageName: 'In Progress',
            assigneeName: 'Mitchell Admin',
            deadline: '2020-01-01',
          },
        ],
      },
      helpdesk: {
        openTickets: [
          {
            id: '3',
            odooUrl: 'https://odoo.example/web#id=3&model=helpdesk.ticket&view_type=form',
            name: 'Printer jammed',
            partnerName: 'Initech',
            stageName: 'New',
            priority: 'high',
          },
        ],
      },
      inventory: {
        lowStockItems: [
          {
            id: '5',
            ruleId: '51',
            odooUrl: 'https://odoo.example/web#id=5&model=product.product&view_type=form',
            productName: 'Desk lamp',
            warehouseName: 'Main Warehouse',
            qtyAvailable: 2,
            qtyForecast: 4,
            reorderMinQty: 10,
          },
        ],
      },
    },
    errorsBySection: {},
    money: euroMoney(),
    meta: {
      errorKinds: {},
      companyCurrency: 'EUR',
      odooVersion: '17.0',
      kpiLinks: {
        openInvoicesCount: 'https://odoo.example/web#action=account.action_move_out_invoice_type',
        overdueInvoicesCount: 'https://odoo.example/web#action=account.action_move_out_invoice_type',
        openLeadsCount: 'https://odoo.example/web#action=crm.crm_lead_action_pipeline',
        openTasksCount: 'https://odoo.example/web#action=project.action_view_all_task',
        openTicketsCount: 'https://odoo.example/web#action=helpdesk.helpdesk_ticket_action_main_tree',
        lowStockItemsCount: 'https://odoo.example/web#action=stock.action_replenishment',
      },
      companies: [ACME_COMPANY],
      scope: [ACME_COMPANY.id],
    },
    ...overrides,
  };
}

/** meta.kpiLinks of a response whose KPIs are all null. */
export const NO_KPI_LINKS: CompanyViewMeta['kpiLinks'] = {
  openInvoicesCount: null,
  overdueInvoicesCount: null,
  openLeadsCount: null,
  openTasksCount: null,
  openTicketsCount: null,
  lowStockItemsCount: null,
};
