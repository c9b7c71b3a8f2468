// Behavioural stand-ins for the aggregator's inputs (sections, the Odoo client, config) used by
// the unit specs. The aggregator and service under test are always the real classes.
import { type AppConfig, loadConfig } from '../../server/config/app-config';
import type { CompanyViewSectionKey } from '../../server/contracts/company-view';
import { OdooClient, type OdooFieldInfo, type OdooRecord, type OdooVersionInfo } from '../../server/odoo/odoo-client';
import type { OdooConnection } from '../../server/odoo/odoo-connection';
import type { CompanyViewSection, SectionContext, SectionResults } from '../../server/company-view/section';

export const TEST_CONNECTION: OdooConnection = {
  key: 'conn-1',
  url: 'http://odoo.invalid',
  database: 'db',
  login: 'api',
  secret: 'never-shown',
  transport: 'xmlrpc',
  lang: 'en_US',
  companyIds: null,
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

/** An Odoo client that only knows its version; sections in unit specs never call it. */
export class VersionOnlyOdooClient extends OdooClient {
  versionCalls = 0;
  forgotten: string[] = [];
  constructor(private readonly answer: () => Promise<OdooVersionInfo> = async () => TEST_VERSION) {
    super();
  }
  version(): Promise<OdooVersionInfo> {
    this.versionCalls += 1;
    return this.answer();
  }
  searchRead(): Promise<OdooRecord[]> {
    throw new Error('not used by unit specs');
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
  forget(connectionKey: string): void {
    this.forgotten.push(connectionKey);
  }
}

/** Canned successful results, one per section. */
export const RESULTS: SectionResults = {
  accounting: {
    data: {
      recentInvoices: [
        { id: '1', number: 'INV/2026/0001', partnerName: 'Acme', amountTotal: 100, currency: 'EUR', status: 'posted', invoiceDate: '2026-01-02', dueDate: '2026-02-01' },
      ],
    },
    kpis: { openInvoicesCount: 4, overdueInvoicesCount: 1 },
    companyCurrency: 'EUR',
  },
  crm: { data: { openLeads: [{ id: '2', name: 'Deal', partnerName: null, stageName: 'New', expectedRevenue: 500, probability: 20 }] }, kpis: { openLeadsCount: 3 } },
  projects: { data: { openTasks: [{ id: '3', name: 'Task', projectName: 'P', stageName: null, assigneeName: null, deadline: null }] }, kpis: { openTasksCount: 5 } },
  helpdesk: { data: { openTickets: [{ id: '4', name: 'Help', partnerName: 'Bob', stageName: 'New', priority: 'high' }] }, kpis: { openTicketsCount: 6 } },
  inventory: { data: { lowStockItems: [{ id: '5', productName: 'Bolt', qtyAvailable: 1, reorderMinQty: 10 }] }, kpis: { lowStockItemsCount: 7 } },
};

export type Behaviour = (ctx: SectionContext, key: CompanyViewSectionKey) => Promise<unknown>;

/** A section whose load does whatever `behaviour` says, remembering the contexts it got. */
export class FakeSection<K extends CompanyViewSectionKey = CompanyViewSectionKey> implements CompanyViewSection<K> {
  readonly contexts: SectionContext[] = [];
  constructor(
    readonly key: K,
    public behaviour: Behaviour = async () => RESULTS[key],
  ) {}
  async load(ctx: SectionContext): Promise<SectionResults[K]> {
    this.contexts.push(ctx);
    return (await this.behaviour(ctx, this.key)) as SectionResults[K];
  }
}

export function fakeSections(): FakeSection[] {
  return (['accounting', 'crm', 'projects', 'helpdesk', 'inventory'] as const).map((key) => new FakeSection(key));
}

/** Never settles on its own; rejects once the section's signal is aborted (like a real socket). */
export const hangUntilAborted: Behaviour = (ctx) =>
  new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason), { once: true }));
