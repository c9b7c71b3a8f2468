import { readFileSync } from 'node:fs';
import { COMPANY_VIEW_SCHEMA_PATH, generateCompanyViewSchema } from '../../scripts/company-view-schema';
import { assertCompanyViewResponse } from './schema';

describe('company view JSON Schema', () => {
  it('matches what the generator makes from the contract types today', () => {
    // Stale? Regenerate: node -r @swc-node/register scripts/company-view-schema.ts
    expect(readFileSync(COMPANY_VIEW_SCHEMA_PATH, 'utf8')).toBe(generateCompanyViewSchema());
  });

  const valid = () => ({
    tenantId: 't1',
    refreshedAt: '2026-01-29T15:30:00.000Z',
    recommendedPollIntervalMs: 30000,
    kpis: { openInvoicesCount: 1, overdueInvoicesCount: 0, openLeadsCount: null, openTasksCount: 2, openTicketsCount: 0, lowStockItemsCount: 0 },
    sections: {
      accounting: {
        recentInvoices: [
          { id: '7', number: 'INV/1', partnerName: 'A', amountTotal: 10.5, currency: 'USD', status: 'posted', invoiceDate: '2026-01-02', dueDate: null },
        ],
      },
      crm: { openLeads: [] },
      projects: { openTasks: [] },
      helpdesk: { openTickets: [] },
      inventory: { lowStockItems: [] },
    },
    errorsBySection: { crm: { message: 'Model crm.lead not found', isModuleMissing: true } },
    meta: { errorKinds: { crm: 'module-missing' }, companyCurrency: 'USD', odooVersion: '17.0' },
  });

  it('accepts a well-formed response', () => {
    expect(() => assertCompanyViewResponse(valid())).not.toThrow();
  });

  it.each([
    ['an extra top-level key', (b: any) => (b.extra = 1)],
    ['an extra row key', (b: any) => (b.sections.accounting.recentInvoices[0].extra = 1)],
    ['a missing section', (b: any) => delete b.sections.inventory],
    ['a numeric id', (b: any) => (b.sections.accounting.recentInvoices[0].id = 7)],
    ['a datetime where a date belongs', (b: any) => (b.sections.accounting.recentInvoices[0].invoiceDate = '2026-01-02 10:00:00')],
    ['a string amount', (b: any) => (b.sections.accounting.recentInvoices[0].amountTotal = '10.5')],
    ['an unknown invoice status', (b: any) => (b.sections.accounting.recentInvoices[0].status = 'open')],
    ['a false flag', (b: any) => (b.errorsBySection.crm.isAuthError = false)],
    ['a failed section with a KPI', (b: any) => (b.kpis.openLeadsCount = 3)],
    ['an error without its kind', (b: any) => (b.meta.errorKinds = {})],
    ['a missing meta', (b: any) => delete b.meta],
  ])('rejects %s', (_name, spoil) => {
    const body = valid();
    spoil(body);
    expect(() => assertCompanyViewResponse(body)).toThrow();
  });
});
