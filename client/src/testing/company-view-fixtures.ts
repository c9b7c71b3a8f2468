import type { CompanyViewResponse } from '@contracts/company-view';

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
          { id: '7', name: 'Office chairs', partnerName: 'Globex', stageName: 'Proposal', expectedRevenue: 12000, probability: 60 },
        ],
      },
      projects: {
        openTasks: [
          { id: '9', name: 'Ship catalogue', projectName: 'Website', stageName: 'In Progress', assigneeName: 'Mitchell Admin', deadline: '2020-01-01' },
        ],
      },
      helpdesk: {
        openTickets: [{ id: '3', name: 'Printer jammed', partnerName: 'Initech', stageName: 'New', priority: 'high' }],
      },
      inventory: {
        lowStockItems: [{ id: '5', productName: 'Desk lamp', qtyAvailable: 2, reorderMinQty: 10 }],
      },
    },
    errorsBySection: {},
    meta: { errorKinds: {}, companyCurrency: 'EUR', odooVersion: '17.0' },
    ...overrides,
  };
}
