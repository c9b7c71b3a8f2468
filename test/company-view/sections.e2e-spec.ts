import { TenantActivity } from '../../server/activity/tenant-activity';
// The five sections and the aggregator over the real Odoo client and a real demo Odoo (sockets,
// XML-RPC), on every demo database (Odoo 16, 17, 18, 19). Every expected number below is computed
// here from the demo's raw records with the definitions the product uses, without the sections' code.
import { Logger } from '@nestjs/common';
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { CompanyViewResponse, InvoiceStatus } from '../../server/contracts/company-view';
import { CompanyViewAggregator } from '../../server/company-view/company-view.aggregator';
import { CompanyDirectory } from '../../server/company-view/company-directory';
import type { CompanyViewSection } from '../../server/company-view/section';
import { AccountingSectionProvider } from '../../server/company-view/sections/accounting.section';
import { CrmSectionProvider } from '../../server/company-view/sections/crm.section';
import { HelpdeskSectionProvider } from '../../server/company-view/sections/helpdesk.section';
import { InventorySectionProvider } from '../../server/company-view/sections/inventory.section';
import { ProjectsSectionProvider } from '../../server/company-view/sections/projects.section';
import type { AppConfig } from '../../server/config/app-config';
import { startDemoOdoo } from '../../server/demo-odoo';
import type { DemoOdooServer, DemoRecord } from '../../server/demo-odoo/demo-odoo.types';
import { MetricsService } from '../../server/metrics/metrics.service';
import { OdooConnectionResolver } from '../../server/odoo/odoo-connection.resolver';
import { RpcOdooClient } from '../../server/odoo/rpc-odoo-client';
import { testConfig } from './fakes';
import { assertCompanyViewResponse } from './schema';

const DATABASES = [
  { db: 'initech', version: 16, timeZone: 'America/New_York' },
  { db: 'acme', version: 17, timeZone: 'Europe/Brussels' },
  { db: 'globex', version: 18, timeZone: 'Asia/Tokyo' },
  { db: 'umbrella', version: 19, timeZone: 'Pacific/Auckland' },
] as const;

/** Demo mode (no ODOO_URL) with generous clocks: these tests are about numbers, not timeouts. */
function demoConfig(env: Record<string, string> = {}): AppConfig {
  return testConfig({
    ODOO_URL: '',
    ODOO_DATABASE: '',
    ODOO_USERNAME: '',
    ODOO_PASSWORD: '',
    SECTION_TIMEOUT_MS: '5000',
    TOTAL_BUDGET_MS: '8000',
    ...env,
  });
}

function sections(): CompanyViewSection[] {
  return [
    new AccountingSectionProvider(),
    new CrmSectionProvider(),
    new ProjectsSectionProvider(),
    new HelpdeskSectionProvider(),
    new InventorySectionProvider(),
  ];
}

function aggregate(config: AppConfig, client: RpcOdooClient, db: string, timeZone: string, demoUrl = demo.url): Promise<CompanyViewResponse> {
  const resolver = new OdooConnectionResolver(config, demoUrl);
  const odoo = { url: null, database: db, login: null, secret: null, transport: 'auto' as const, companyIds: null, publicUrl: null };
  const tenant = { tenantId: `tenant-${db}`, name: db, timeZone, lang: 'en_US', odoo, settingsVersion: 'v1' };
  const directory = new CompanyDirectory(client, resolver, config);
  return new CompanyViewAggregator(sections(), client, config, new MetricsService(), new TenantActivity()).aggregate({
    tenantId: tenant.tenantId,
    timeZone,
    scope: null,
    connect: () => resolver.resolve(tenant),
    companies: (signal) => directory.companies(tenant, signal),
  });
}

// ---- Expected values, from raw records ------------------------------------------------------

/** Today in a zone, by a different route than the server's (toLocaleDateString with a YYYY-MM-DD locale). */
const todayIn = (timeZone: string) => new Date().toLocaleDateString('sv-SE', { timeZone });
const localDateOfUtc = (utc: string, timeZone: string) => new Date(`${utc.replace(' ', 'T')}Z`).toLocaleDateString('sv-SE', { timeZone });
const active = (r: DemoRecord) => r.active !== false;
const byId = (records: DemoRecord[]) => new Map(records.map((r) => [r.id, r]));
const desc = (a: unknown, b: unknown) => (a === b ? 0 : (a as number | string) > (b as number | string) ? -1 : 1);
const ids = (records: DemoRecord[]) => records.map((r) => String(r.id));

/** Invoicing › Customers › Invoices, filter Unpaid (Overdue): invoices only (and receipts on 19), never credit notes. */
function expectedAccounting(demo: DemoOdooServer, db: string, version: number, today: string) {
  const moves = demo.records(db, 'account.move');
  const listed = version >= 19 ? ['out_invoice', 'out_receipt'] : ['out_invoice'];
  const isOpen = (m: DemoRecord) => m.state === 'posted' && (m.payment_state === 'not_paid' || m.payment_state === 'partial');
  const open = moves.filter((m) => listed.includes(m.move_type as string) && isOpen(m));
  const overdue = open.filter((m) => typeof m.invoice_date_due === 'string' && m.invoice_date_due < today);
  const customerPosted = moves.filter((m) => ['out_invoice', 'out_refund'].includes(m.move_type as string) && m.state === 'posted');
  const recent = [...customerPosted].sort((a, b) => desc(a.invoice_date, b.invoice_date) || b.id - a.id).slice(0, 10);
  const status = (m: DemoRecord): InvoiceStatus => {
    if (m.payment_state === 'paid' || m.payment_state === 'in_payment') return 'paid';
    if (isOpen(m) && typeof m.invoice_date_due === 'string' && m.invoice_date_due < today) return 'overdue';
    return 'posted';
  };
  const companies = [...demo.records(db, 'res.company')].sort((a, b) => a.id - b.id);
  const currency = byId(demo.records(db, 'res.currency')).get(companies[0].currency_id as number);
  const openCreditNotes = moves.filter((m) => m.move_type === 'out_refund' && isOpen(m));
  return {
    open: open.length,
    overdue: overdue.length,
    recentIds: ids(recent),
    statuses: recent.map(status),
    currency: currency?.name,
    openCreditNotes,
    openInvoices: open,
    overdueInvoices: overdue,
  };
}

/** The money of a one-company database: every amount summed from the raw records, in that company's currency. */
function expectedMoney(demo: DemoOdooServer, db: string, version: number, today: string) {
  const [company] = demo.records(db, 'res.company');
  const currency = byId(demo.records(db, 'res.currency')).get(company.currency_id as number)?.name;
  const { openInvoices, overdueInvoices } = expectedAccounting(demo, db, version, today);
  const { openOpportunities } = expectedCrm(demo, db);
  const sum = (records: DemoRecord[], field: string) => Math.round(records.reduce((total, r) => total + ((r[field] as number | null) ?? 0), 0) * 100) / 100;
  const withoutCompany = (records: DemoRecord[]) => records.filter((r) => r.company_id == null).length;
  const withCompany = (records: DemoRecord[]) => records.filter((r) => r.company_id != null);
  return {
    totals: [
      {
        currency,
        companyIds: [company.id],
        openInvoicesAmount: sum(withCompany(openInvoices), 'amount_residual_signed'),
        overdueInvoicesAmount: sum(withCompany(overdueInvoices), 'amount_residual_signed'),
        pipelineAmount: sum(withCompany(openOpportunities), 'expected_revenue'),
        weightedPipelineAmount: sum(withCompany(openOpportunities), 'prorated_revenue'),
      },
    ],
    recordsWithoutCompany: {
      openInvoices: withoutCompany(openInvoices),
      overdueInvoices: withoutCompany(overdueInvoices),
      openOpportunities: withoutCompany(openOpportunities),
    },
  };
}

/** Open opportunities; the largest expected revenue first, those without one (NULL) last. */
function expectedCrm(demo: DemoOdooServer, db: string) {
  const open = demo.records(db, 'crm.lead').filter((l) => active(l) && l.type === 'opportunity' && ((l.probability as number) ?? 0) < 100);
  const revenue = (l: DemoRecord) => (typeof l.expected_revenue === 'number' ? l.expected_revenue : -Infinity);
  const top = [...open].sort((a, b) => revenue(b) - revenue(a) || b.id - a.id).slice(0, 10);
  return { count: open.length, topIds: ids(top), withoutRevenue: open.filter((l) => l.expected_revenue == null), openOpportunities: open };
}

/** Project › All Tasks with its open filter, per version (see docs/kpi-definitions.md). */
function expectedProjects(demo: DemoOdooServer, db: string, version: number, timeZone: string) {
  const stages = byId(demo.records(db, 'project.task.type'));
  const users = byId(demo.records(db, 'res.users'));
  const tasks = byId(demo.records(db, 'project.task'));
  const hasTemplateAncestor = (t: DemoRecord | undefined): boolean => !!t && (t.is_template === true || hasTemplateAncestor(tasks.get(t.parent_id as number)));
  const isOpen = (t: DemoRecord) => {
    if (version === 16) return stages.get(t.stage_id as number)?.fold !== true;
    const openState = ['01_in_progress', '02_changes_requested', '03_approved', '04_waiting_normal'].includes(t.state as string);
    if (version === 19) return openState && !hasTemplateAncestor(t) && t.display_in_project === true;
    return openState && t.display_in_project === true;
  };
  const open = [...tasks.values()].filter((t) => active(t) && t.project_id != null && isOpen(t));
  const dated = open.filter((t) => t.date_deadline != null).sort((a, b) => -desc(a.date_deadline, b.date_deadline) || a.id - b.id);
  const undated = open.filter((t) => t.date_deadline == null).sort((a, b) => a.id - b.id);
  const first = [...dated, ...undated].slice(0, 10);
  return {
    count: open.length,
    rows: first.map((t) => ({
      id: String(t.id),
      deadline: t.date_deadline == null ? null : version === 16 ? (t.date_deadline as string) : localDateOfUtc(t.date_deadline as string, timeZone),
      assigneeName: ((t.user_ids as number[] | null) ?? []).map((u) => users.get(u)?.name).join(', ') || null,
    })),
  };
}

function expectedHelpdesk(demo: DemoOdooServer, db: string) {
  const stages = byId(demo.records(db, 'helpdesk.stage'));
  const open = demo.records(db, 'helpdesk.ticket').filter((t) => {
    const stage = stages.get(t.stage_id as number);
    return active(t) && stage !== undefined && stage.fold !== true;
  });
  const top = [...open].sort((a, b) => desc(a.priority ?? '0', b.priority ?? '0') || desc(a.create_date, b.create_date) || b.id - a.id).slice(0, 10);
  return { count: open.length, topIds: ids(top) };
}

/** Records with Odoo's computed values (forecast, on hand, display names) as the demo Odoo evaluates them. */
async function computedRecords(demo: DemoOdooServer, db: string, model: string): Promise<DemoRecord[]> {
  const response = await fetch(`${demo.url}/_control/records?db=${db}&model=${model}`);
  if (!response.ok) throw new Error(`control API answered ${response.status} for ${db}/${model}`);
  return (await response.json()) as DemoRecord[];
}

/** Inventory › Replenishment, "To Reorder" + "Not Snoozed", both triggers: one row per rule whose forecast is below its minimum. */
async function expectedInventory(demo: DemoOdooServer, db: string, today: string) {
  const rules = await computedRecords(demo, db, 'stock.warehouse.orderpoint');
  const products = byId(await computedRecords(demo, db, 'product.product'));
  const warehouses = byId(demo.records(db, 'stock.warehouse'));
  const snoozed = (r: DemoRecord) => typeof r.snoozed_until === 'string' && r.snoozed_until > today;
  const triggers = (r: DemoRecord) => (r.qty_forecast as number) < (r.product_min_qty as number);
  const rows = rules
    .filter((r) => active(r) && !snoozed(r) && triggers(r))
    .map((r) => ({
      ruleId: String(r.id),
      id: String(r.product_id),
      productName: products.get(r.product_id as number)?.display_name,
      warehouseName: warehouses.get(r.warehouse_id as number)?.name ?? null,
      qtyAvailable: r.qty_on_hand as number,
      qtyForecast: r.qty_forecast as number,
      reorderMinQty: r.product_min_qty as number,
    }));
  const urgency = (row: (typeof rows)[number]) => (row.reorderMinQty <= 0 ? [0, row.qtyForecast] : [1, row.qtyForecast / row.reorderMinQty]);
  rows.sort((a, b) => {
    const [ga, ua] = urgency(a);
    const [gb, ub] = urgency(b);
    return ga - gb || ua - ub || a.qtyAvailable - b.qtyAvailable || Number(a.ruleId) - Number(b.ruleId);
  });
  return {
    count: rows.length,
    rows: rows.slice(0, 10),
    snoozedTriggering: rules.filter((r) => active(r) && snoozed(r) && triggers(r)),
    belowOnHandOnly: rules.filter((r) => active(r) && !snoozed(r) && (r.qty_on_hand as number) < (r.product_min_qty as number) && !triggers(r)),
    belowForecastOnly: rules.filter((r) => active(r) && !snoozed(r) && (r.qty_on_hand as number) >= (r.product_min_qty as number) && triggers(r)),
  };
}

// ---- Tests -----------------------------------------------------------------------------------

let demo: DemoOdooServer;
let client: RpcOdooClient;
let config: AppConfig;

beforeAll(async () => {
  Logger.overrideLogger(false);
  demo = await startDemoOdoo({ port: 0 });
  config = demoConfig();
  client = new RpcOdooClient(config);
});

afterAll(async () => {
  client?.onApplicationShutdown();
  await demo?.close();
});

describe.each(DATABASES)('on $db (Odoo $version)', ({ db, version, timeZone }) => {
  let body: CompanyViewResponse;
  const today = todayIn(timeZone);

  beforeAll(async () => {
    // Through JSON, as a client gets it; the first test checks it against the schema.
    body = JSON.parse(JSON.stringify(await aggregate(config, client, db, timeZone))) as CompanyViewResponse;
  });

  it('answers a schema-valid response', () => {
    assertCompanyViewResponse(body);
    expect(body.meta?.odooVersion).toMatch(new RegExp(`^${version}\\.`));
  });

  it('counts open and overdue invoices as Odoo\'s "Unpaid" and "Overdue" filters do, and lists the latest ones', () => {
    const expected = expectedAccounting(demo, db, version, today);
    expect(expected.openCreditNotes.length).toBeGreaterThan(0); // present, and not counted
    expect(body.kpis.openInvoicesCount).toBe(expected.open);
    expect(body.kpis.overdueInvoicesCount).toBe(expected.overdue);
    const rows = body.sections.accounting.recentInvoices;
    expect(rows.map((r) => r.id)).toEqual(expected.recentIds);
    expect(rows.map((r) => r.status)).toEqual(expected.statuses);
    expect(body.meta?.companyCurrency).toBe(expected.currency);
    for (const row of rows) expect(row.currency).toMatch(/^[A-Z]{3}$/);
  });

  it("sums what is due and the pipeline in the company's currency, as Odoo's grouped read does", () => {
    const expected = expectedMoney(demo, db, version, today);
    expect(body.money).toEqual(expected);
    expect(body.meta?.companies.map((c) => c.currency)).toEqual([expected.totals[0].currency]);
    expect(body.meta?.companyCurrency).toBe(expected.totals[0].currency);
  });

  it('counts open opportunities and lists the largest, those without expected revenue last', () => {
    const expected = expectedCrm(demo, db);
    if (version <= 17) expect(expected.withoutRevenue.length).toBeGreaterThan(0); // NULL revenue exists where Odoo stores no default
    expect(body.kpis.openLeadsCount).toBe(expected.count);
    expect(body.sections.crm.openLeads.map((r) => r.id)).toEqual(expected.topIds);
  });

  it('counts open tasks and lists the soonest deadlines first, undated last, with every assignee', () => {
    const expected = expectedProjects(demo, db, version, timeZone);
    expect(body.kpis.openTasksCount).toBe(expected.count);
    expect(body.sections.projects.openTasks.map(({ id, deadline, assigneeName }) => ({ id, deadline, assigneeName }))).toEqual(expected.rows);
  });

  if (db === 'globex') {
    it('reports helpdesk missing on Community', () => {
      expect(body.errorsBySection.helpdesk).toEqual({ message: 'Model helpdesk.ticket not found', isModuleMissing: true });
      expect(body.meta?.errorKinds.helpdesk).toBe('module-missing');
      expect(Object.keys(body.errorsBySection)).toEqual(['helpdesk']);
    });
  } else {
    it('counts open tickets and lists them by priority, newest first', () => {
      const expected = expectedHelpdesk(demo, db);
      expect(body.errorsBySection).toEqual({});
      expect(body.kpis.openTicketsCount).toBe(expected.count);
      expect(body.sections.helpdesk.openTickets.map((r) => r.id)).toEqual(expected.topIds);
    });
  }

  it('links every row and every KPI to its place in Odoo, in the URL form of the version', () => {
    const base = `${demo.url}/db/${db}`;
    const record = (model: string, id: string) => (version >= 18 ? `${base}/odoo/${model}/${id}` : `${base}/web#id=${id}&model=${model}&view_type=form`);
    const action = (xmlid: string) => (version >= 18 ? `${base}/odoo/action-${xmlid}` : `${base}/web#action=${xmlid}`);
    const { accounting, crm, projects, helpdesk, inventory } = body.sections;
    const tables = [
      [accounting.recentInvoices, 'account.move'],
      [crm.openLeads, 'crm.lead'],
      [projects.openTasks, 'project.task'],
      [helpdesk.openTickets, 'helpdesk.ticket'],
      [inventory.lowStockItems, 'product.product'],
    ] as const;
    for (const [rows, model] of tables) for (const row of rows) expect(row.odooUrl).toBe(record(model, row.id));
    const invoices = action(version >= 18 ? 'account.action_move_out_invoice' : 'account.action_move_out_invoice_type');
    expect(body.meta?.kpiLinks).toEqual({
      openInvoicesCount: invoices,
      overdueInvoicesCount: invoices,
      openLeadsCount: action('crm.crm_lead_action_pipeline'),
      openTasksCount: action('project.action_view_all_task'),
      openTicketsCount: db === 'globex' ? null : action('helpdesk.helpdesk_ticket_action_main_tree'),
      lowStockItemsCount: action('stock.action_replenishment'),
    });
  });

  it('counts the reordering rules whose forecast is below their minimum, not snoozed, most urgent first', async () => {
    const expected = await expectedInventory(demo, db, today);
    expect(expected.snoozedTriggering.length).toBeGreaterThan(0); // the data can tell the definitions apart
    expect(expected.belowOnHandOnly.length).toBeGreaterThan(0);
    expect(expected.belowForecastOnly.length).toBeGreaterThan(0);
    expect(body.kpis.lowStockItemsCount).toBe(expected.count);
    const rows = body.sections.inventory.lowStockItems;
    expect(
      rows.map(({ ruleId, id, productName, warehouseName, qtyAvailable, qtyForecast, reorderMinQty }) => ({
        ruleId,
        id,
        productName,
        warehouseName,
        qtyAvailable,
        qtyForecast,
        reorderMinQty,
      })),
    ).toEqual(expected.rows);
  });
});

describe('abandoned sections', () => {
  /** A TCP relay in front of the demo Odoo that knows which connections still wait for an answer, and to what. */
  function startRelay(target: URL): Promise<{ url: string; waitingFor(): string[]; close(): Promise<void> }> {
    const links = new Set<{ request: string | null }>();
    const sockets = new Set<Socket>();
    const server: Server = createServer((downstream) => {
      const upstream = connect(Number(target.port), target.hostname);
      const link: { request: string | null } = { request: null };
      links.add(link);
      sockets.add(downstream).add(upstream);
      downstream.on('data', (chunk) => {
        link.request = (link.request ?? '') + String(chunk);
        upstream.write(chunk);
      });
      upstream.on('data', (chunk) => {
        link.request = null;
        downstream.write(chunk);
      });
      const end = () => {
        links.delete(link);
        downstream.destroy();
        upstream.destroy();
      };
      for (const s of [downstream, upstream]) s.on('close', end).on('error', end);
    });
    const method = (request: string) => /<string>(search_read|search_count|read_group|fields_get|read|search)<\/string>/.exec(request)?.[1] ?? 'other';
    return new Promise((resolve) =>
      server.listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        resolve({
          url: `http://127.0.0.1:${port}`,
          waitingFor: () => [...links].flatMap((l) => (l.request === null ? [] : [method(l.request)])),
          close: () => {
            for (const s of sockets) s.destroy();
            return new Promise<void>((done) => server.close(() => done()));
          },
        });
      }),
    );
  }

  it('aborts the Odoo calls of a section that timed out, leaving no request open', async () => {
    const relay = await startRelay(new URL(demo.url));
    // The client's own timeout is far away: only the aggregator's abort can close these requests.
    const relayed = demoConfig({ SECTION_TIMEOUT_MS: '2500', TOTAL_BUDGET_MS: '3000', ODOO_TIMEOUT_MS: '30000' });
    const relayedClient = new RpcOdooClient(relayed);
    try {
      // Warm the client first (login, version, field lists), with the default time limits so that a
      // busy machine can't fail it: the hung call is then the section's own.
      const warm = demoConfig({ ODOO_TIMEOUT_MS: '30000' });
      expect((await aggregate(warm, relayedClient, 'acme', 'UTC', relay.url)).errorsBySection).toEqual({});
      demo.setFault({ db: 'acme', model: 'crm.lead', kind: 'hang' });
      const countsBefore = demo.calls().acme?.['crm.lead']?.read_group ?? 0;
      const body = await aggregate(relayed, relayedClient, 'acme', 'UTC', relay.url);
      expect(demo.calls().acme['crm.lead'].read_group).toBe(countsBefore + 1); // the hung call reached Odoo
      expect(body.errorsBySection).toEqual({ crm: { message: 'crm timeout after 2500ms' } });
      const deadline = Date.now() + 2000;
      while (relay.waitingFor().length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(relay.waitingFor()).toEqual([]); // cancelled, long before the client's own 30 s timeout
    } finally {
      demo.clearFaults();
      relayedClient.onApplicationShutdown();
      await relay.close();
    }
  });
});
