import { readFileSync } from 'node:fs';
import { COMPANY_VIEW_SCHEMA_PATH, generateCompanyViewSchema } from '../../scripts/company-view-schema';
import type { CompanyViewResponse } from '../../server/contracts/company-view';
import { assertCompanyViewResponse } from './schema';

type Path = Array<string | number>;
type JsonNode = Record<string | number, unknown>;

/** Sets the member at `path` of a parsed JSON body, or deletes it when `value` is undefined. */
function spoil(body: object, path: Path, value: unknown): void {
  const parent = path.slice(0, -1).reduce<JsonNode>((node, key) => node[key] as JsonNode, body as JsonNode);
  const last = path[path.length - 1];
  if (value === undefined) delete parent[last];
  else parent[last] = value;
}

describe('company view JSON Schema', () => {
  it('matches what the generator makes from the contract types today', () => {
    // Stale? Regenerate: node -r @swc-node/register scripts/company-view-schema.ts
    expect(readFileSync(COMPANY_VIEW_SCHEMA_PATH, 'utf8')).toBe(generateCompanyViewSchema());
  });

  const valid = (): CompanyViewResponse => ({
    tenantId: 't1',
    refreshedAt: '2026-01-29T15:30:00.000Z',
    recommendedPollIntervalMs: 30000,
    kpis: { openInvoicesCount: 1, overdueInvoicesCount: 0, openLeadsCount: null, openTasksCount: 2, openTicketsCount: 0, lowStockItemsCount: 0 },
    sections: {
      accounting: {
        recentInvoices: [
          {
            id: '7',
            odooUrl: 'https://odoo.example/odoo/account.move/7',
            number: 'INV/1',
            partnerName: 'A',
            amountTotal: 10.5,
            currency: 'USD',
            status: 'posted',
            invoiceDate: '2026-01-02',
            dueDate: null,
          },
        ],
      },
      crm: { openLeads: [] },
      projects: { openTasks: [] },
      helpdesk: { openTickets: [] },
      inventory: { lowStockItems: [] },
    },
    errorsBySection: { crm: { message: 'Model crm.lead not found', isModuleMissing: true } },
    money: {
      totals: [{ currency: 'USD', companyIds: [1], openInvoicesAmount: 10.5, overdueInvoicesAmount: 0, pipelineAmount: null, weightedPipelineAmount: null }],
      recordsWithoutCompany: { openInvoices: 0, overdueInvoices: 0, openOpportunities: null },
    },
    meta: {
      companies: [{ id: 1, name: 'Acme', currency: 'USD' }],
      scope: [1],
      errorKinds: { crm: 'module-missing' },
      companyCurrency: 'USD',
      odooVersion: '17.0',
      kpiLinks: {
        openInvoicesCount: 'https://odoo.example/odoo/action-account.action_move_out_invoice',
        overdueInvoicesCount: 'https://odoo.example/odoo/action-account.action_move_out_invoice',
        openLeadsCount: null,
        openTasksCount: 'https://odoo.example/odoo/action-project.action_view_all_task',
        openTicketsCount: 'https://odoo.example/odoo/action-helpdesk.helpdesk_ticket_action_main_tree',
        lowStockItemsCount: 'https://odoo.example/odoo/action-stock.action_replenishment',
      },
    },
  });

  it('accepts a well-formed response', () => {
    expect(() => assertCompanyViewResponse(valid())).not.toThrow();
  });

  it.each<[string, Path, unknown]>([
    ['an extra top-level key', ['extra'], 1],
    ['an extra row key', ['sections', 'accounting', 'recentInvoices', 0, 'extra'], 1],
    ['a missing section', ['sections', 'inventory'], undefined],
    ['a numeric id', ['sections', 'accounting', 'recentInvoices', 0, 'id'], 7],
    ['a datetime where a date belongs', ['sections', 'accounting', 'recentInvoices', 0, 'invoiceDate'], '2026-01-02 10:00:00'],
    ['a string amount', ['sections', 'accounting', 'recentInvoices', 0, 'amountTotal'], '10.5'],
    ['an unknown invoice status', ['sections', 'accounting', 'recentInvoices', 0, 'status'], 'open'],
    ['a false flag', ['errorsBySection', 'crm', 'isAuthError'], false],
    ['a failed section with a KPI', ['kpis', 'openLeadsCount'], 3],
    ['an error without its kind', ['meta', 'errorKinds'], {}],
    ['a missing meta', ['meta'], undefined],
    ['a row without its link', ['sections', 'accounting', 'recentInvoices', 0, 'odooUrl'], undefined],
    ['a link that is not a URL', ['sections', 'accounting', 'recentInvoices', 0, 'odooUrl'], 'javascript:alert(1)'],
    ['a null KPI with a link', ['meta', 'kpiLinks', 'openLeadsCount'], 'https://odoo.example/odoo/action-crm.crm_lead_action_pipeline'],
    ['a KPI without its link', ['meta', 'kpiLinks', 'openTasksCount'], null],
    ['a missing money key', ['money'], undefined],
    ['an amount of a failed section', ['money', 'totals', 0, 'pipelineAmount'], 12],
    ['a currency outside the scope', ['money', 'totals', 0, 'companyIds'], [2]],
    ['a string amount of money', ['money', 'totals', 0, 'openInvoicesAmount'], '10.5'],
    ['one currency named as none', ['meta', 'companyCurrency'], null],
    ['an unsorted scope', ['meta', 'scope'], [3, 1]],
  ])('rejects %s', (_name, path, value) => {
    const body = valid();
    spoil(body, path, value);
    expect(() => assertCompanyViewResponse(body)).toThrow();
  });
});
