// Behavioural stand-ins for the aggregator's inputs (sections, the Odoo client, config) used by
// the unit specs. The aggregator and service under test are always the real classes.
import { type AppConfig, loadConfig } from '../../server/config/app-config';
import type { CompanyViewSectionKey } from '../../server/contracts/company-view';
import { OdooClient, type OdooFieldInfo, type OdooGroup, type OdooRecord, type OdooVersionInfo } from '../../server/odoo/odoo-client';
import type { OdooConnection } from '../../server/odoo/odoo-connection';
import type { CompanyViewSection, SectionContext, SectionResults } from '../../server/company-view/section';
import { SECTION_KEYS } from '../../server/contracts/sections';

export const TEST_CONNECTION: OdooConnection = {
  key: 'conn-1',
  url: 'http://odoo.invalid',
  database: 'db',
  login: 'api',
  secret: 'never-shown',
  transport: 'xmlrpc',
  lang: 'en_US',
  companyIds: null,
  publicUrl: 'http://odoo.test',
};

export const TEST_VERSION: OdooVersionInfo = { serverVersion: '17.0+e-20240709', serverSerie: '17.0', major: 17, minor: 0, edition: 'enterprise' };

/** Configuration through the real loader, with short clocks; `env` overrides any variable. */
export function testConfig(env: Record<string, string> = {}): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    BETTER_AUTH_SECRET: 'a-test-secret-that-is-long-enough-000',
    SECRETS_KEY: 'another-test-secret-long-enough-1111',
    ODOO_URL: 'http://odoo.invalid',
    ODOO_DATABASE: 'db',
    ODOO_USERNAME: 'api',
    ODOO_PASSWORD: 'never-shown',
    CACHE_TTL_MS: '1000',
    ERROR_CACHE_TTL_MS: '200',
    REFRESH_AHEAD_RATIO: '0',
    SECTION_TIMEOUT_MS: '80',
    TOTAL_BUDGET_MS: '200',
    ...env,
  });
}

/** An Odoo client that only knows its version and its companies; sections in unit specs never call it. */
export class VersionOnlyOdooClient extends OdooClient {
  versionCalls = 0;
  companyReads = 0;
  forgotten: string[] = [];
  /** res.company as search_read answers it (null: the read fails). */
  companies: OdooRecord[] | null = [{ id: 1, name: 'Acme EU', currency_id: { id: 1, name: 'EUR' } }];
  constructor(private readonly answer: () => Promise<OdooVersionInfo> = () => Promise.resolve(TEST_VERSION)) {
    super();
  }
  version(): Promise<OdooVersionInfo> {
    this.versionCalls += 1;
    return this.answer();
  }
  searchRead(_conn: OdooConnection, model: string): Promise<OdooRecord[]> {
    if (model !== 'res.company') throw new Error('not used by unit specs');
    this.companyReads += 1;
    return this.companies ? Promise.resolve(this.companies) : Promise.reject(new Error('res.company unreadable'));
  }
  searchCount(): Promise<number> {
    throw new Error('not used by unit specs');
  }
  read(): Promise<OdooRecord[]> {
    throw new Error('not used by unit specs');
  }
  fieldsGet(): Promise<Record<string, OdooFieldInfo>> {
    throw new Error('not used by unit specs');
  }
  groupSums(): Promise<OdooGroup[]> {
    throw new Error('not used by unit specs');
  }
  forget(connectionKey: string): void {
    this.forgotten.push(connectionKey);
  }
}

/** Canned successful results, one per section. */
export const RESULTS: SectionResults = {
  accounting: {
    data: {
      recentInvoices: [
        {
          id: '1',
          odooUrl: 'http://odoo.test/web#id=1&model=account.move&view_type=form',
          number: 'INV/2026/0001',
          partnerName: 'Acme',
          amountTotal: 100,
          currency: 'EUR',
          status: 'posted',
          invoiceDate: '2026-01-02',
          dueDate: '2026-02-01',
        },
      ],
    },
    kpis: { openInvoicesCount: 4, overdueInvoicesCount: 1 },
    kpiLinks: { openInvoicesCount: 'http://odoo.test/web#action=invoices', overdueInvoicesCount: 'http://odoo.test/web#action=invoices' },
    money: {
      open: [{ key: { id: 1, name: 'Acme EU' }, count: 4, sums: { amount_residual_signed: 400.5 } }],
      overdue: [{ key: { id: 1, name: 'Acme EU' }, count: 1, sums: { amount_residual_signed: 100 } }],
    },
  },
  crm: {
    data: { openLeads: [{ id: '2', odooUrl: null, name: 'Deal', partnerName: null, stageName: 'New', expectedRevenue: 500, probability: 20 }] },
    kpis: { openLeadsCount: 3 },
    kpiLinks: { openLeadsCount: 'http://odoo.test/web#action=pipeline' },
    money: { pipeline: [{ key: { id: 1, name: 'Acme EU' }, count: 3, sums: { expected_revenue: 1500, prorated_revenue: 300 } }] },
  },
  projects: {
    data: { openTasks: [{ id: '3', odooUrl: null, name: 'Task', projectName: 'P', stageName: null, assigneeName: null, deadline: null }] },
    kpis: { openTasksCount: 5 },
    kpiLinks: { openTasksCount: 'http://odoo.test/web#action=tasks' },
  },
  helpdesk: {
    data: { openTickets: [{ id: '4', odooUrl: null, name: 'Help', partnerName: 'Bob', stageName: 'New', priority: 'high' }] },
    kpis: { openTicketsCount: 6 },
    kpiLinks: { openTicketsCount: 'http://odoo.test/web#action=tickets' },
  },
  inventory: {
    data: {
      lowStockItems: [{ id: '5', ruleId: '50', odooUrl: null, productName: 'Bolt', warehouseName: 'WH', qtyAvailable: 1, qtyForecast: 1, reorderMinQty: 10 }],
    },
    kpis: { lowStockItemsCount: 7 },
    kpiLinks: { lowStockItemsCount: 'http://odoo.test/web#action=replenishment' },
  },
};

export type Behaviour = (ctx: SectionContext, key: CompanyViewSectionKey) => Promise<unknown>;

/** A section whose load does whatever `behaviour` says, remembering the contexts it got. */
export class FakeSection<K extends CompanyViewSectionKey = CompanyViewSectionKey> implements CompanyViewSection<K> {
  readonly contexts: SectionContext[] = [];
  constructor(
    readonly key: K,
    public behaviour: Behaviour = () => Promise.resolve(RESULTS[key]),
  ) {}
  async load(ctx: SectionContext): Promise<SectionResults[K]> {
    this.contexts.push(ctx);
    return (await this.behaviour(ctx, this.key)) as SectionResults[K];
  }
}

export function fakeSections(): FakeSection[] {
  return SECTION_KEYS.map((key) => new FakeSection(key));
}

/** Never settles on its own; rejects once the section's signal is aborted (like a real socket). */
export const hangUntilAborted: Behaviour = (ctx) =>
  new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(new Error('section aborted', { cause: ctx.signal.reason })), { once: true }));
