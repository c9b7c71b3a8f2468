// The five sections and the aggregator over the real Odoo client and a real demo Odoo (sockets,
// XML-RPC), on every demo database (Odoo 16, 17, 18, 19). Every expected number below is computed
// here from the demo's raw records with the definitions the product uses, without the sections' code.
import { Logger } from '@nestjs/common';
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { CompanyViewResponse, InvoiceStatus } from '../../server/contracts/company-view';
import { CompanyViewAggregator } from '../../server/company-view/company-view.aggregator';
import type { CompanyViewSection } from '../../server/company-view/section';
import { AccountingSectionProvider } from '../../server/company-view/sections/accounting.section';
import { CrmSectionProvider } from '../../server/company-view/sections/crm.section';
import { HelpdeskSectionProvider } from '../../server/company-view/sections/helpdesk.section';
import { InventorySectionProvider } from '../../server/company-view/sections/inventory.section';
import { ProjectsSectionProvider } from '../../server/company-view/sections/projects.section';
import type { AppConfig } from '../../server/config/app-config';
import { startDemoOdoo } from '../../server/demo-odoo';
import type { DemoOdooServer, DemoRecord } from '../../server/demo-odoo/demo-odoo.types';
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
function demoConfig(demoUrl: string, env: Record<string, string> = {}): AppConfig {
  const config = testConfig({ ODOO_URL: '', ODOO_DATABASE: '', ODOO_USERNAME: '', ODOO_PASSWORD: '', SECTION_TIMEOUT_MS: '5000', TOTAL_BUDGET_MS: '8000', ...env });
  config.odoo.demoUrl = demoUrl;
  return config;
}

function sections(): CompanyViewSection[] {
  return [new AccountingSectionProvider(), new CrmSectionProvider(), new ProjectsSectionProvider(), new HelpdeskSectionProvider(), new InventorySectionProvider()];
}

function aggregate(config: AppConfig, client: RpcOdooClient, db: string, timeZone: string): Promise<CompanyViewResponse> {
  const resolver = new OdooConnectionResolver(config);
  const odoo = { url: null, database: db, login: null, secret: null, transport: 'auto' as const, companyIds: null };
  return new CompanyViewAggregator(sections(), client, config).aggregate({
    tenantId: `tenant-${db}`,
    timeZone,
    connect: () => resolver.resolve({ tenantId: `tenant-${db}`, lang: 'en_US', odoo }),
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

function expectedAccounting(demo: DemoOdooServer, db: string, today: string) {
  const customerPosted = demo.records(db, 'account.move').filter((m) => ['out_invoice', 'out_refund'].includes(m.move_type as string) && m.state === 'posted');
  const isOpen = (m: DemoRecord) => m.payment_state === 'not_paid' || m.payment_state === 'partial';
  const open = customerPosted.filter(isOpen);
  const overdue = open.filter((m) => typeof m.invoice_date_due === 'string' && m.invoice_date_due < today);
  const recent = [...customerPosted].sort((a, b) => desc(a.invoice_date, b.invoice_date) || b.id - a.id).slice(0, 10);
  const status = (m: DemoRecord): InvoiceStatus => {
    if (m.payment_state === 'paid' || m.payment_state === 'in_payment') return 'paid';
    if (isOpen(m) && typeof m.invoice_date_due === 'string' && m.invoice_date_due < today) return 'overdue';
    return 'posted';
  };
  const companies = [...demo.records(db, 'res.company')].sort((a, b) => a.id - b.id);
  const currency = byId(demo.records(db, 'res.currency')).get(companies[0].currency_id as number);
  return { open: open.length, overdue: overdue.length, recentIds: ids(recent), statuses: recent.map(status), currency: currency?.name };
}

function expectedCrm(demo: DemoOdooServer, db: string) {
  const open = demo.records(db, 'crm.lead').filter((l) => active(l) && l.type === 'opportunity' && ((l.probability as number) ?? 0) < 100);
  const top = [...open].sort((a, b) => desc(a.expected_revenue ?? 0, b.expected_revenue ?? 0) || b.id - a.id).slice(0, 10);
  return { count: open.length, topIds: ids(top) };
}

function expectedProjects(demo: DemoOdooServer, db: string, version: number, timeZone: string) {
  const stages = byId(demo.records(db, 'project.task.type'));
  const users = byId(demo.records(db, 'res.users'));
  const isOpen = (t: DemoRecord) =>
    version === 16 ? stages.get(t.stage_id as number)?.fold !== true : !['1_done', '1_canceled'].includes(t.state as string);
  const open = demo
    .records(db, 'project.task')
    .filter((t) => active(t) && t.project_id != null && isOpen(t) && !(version >= 19 && t.is_template === true));
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

function expectedInventory(demo: DemoOdooServer, db: string, version: number) {
  const internal = new Set(demo.records(db, 'stock.location').filter((l) => l.usage === 'internal').map((l) => l.id));
  const onHand = new Map<number, number>();
  for (const q of demo.records(db, 'stock.quant')) {
    if (internal.has(q.location_id as number)) onHand.set(q.product_id as number, (onHand.get(q.product_id as number) ?? 0) + (q.quantity as number));
  }
  const minimum = new Map<number, number>();
  for (const rule of demo.records(db, 'stock.warehouse.orderpoint').filter(active)) {
    minimum.set(rule.product_id as number, (minimum.get(rule.product_id as number) ?? 0) + (rule.product_min_qty as number));
  }
  const storable = (p: DemoRecord) => (version >= 18 ? p.is_storable === true : p.type === 'product');
  const low = demo
    .records(db, 'product.product')
    .filter((p) => active(p) && storable(p) && minimum.has(p.id))
    .map((p) => ({ id: p.id, qty: Math.round((onHand.get(p.id) ?? 0) * 1000) / 1000, min: minimum.get(p.id)! }))
    .filter((p) => p.qty < p.min)
    .sort((a, b) => a.qty - b.qty || a.id - b.id);
  return { count: low.length, rows: low.slice(0, 10).map((p) => ({ id: String(p.id), qtyAvailable: p.qty, reorderMinQty: p.min })) };
}

// ---- Tests -----------------------------------------------------------------------------------

let demo: DemoOdooServer;
let client: RpcOdooClient;
let config: AppConfig;

beforeAll(async () => {
  Logger.overrideLogger(false);
  demo = await startDemoOdoo({ port: 0 });
  config = demoConfig(demo.url);
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
    body = JSON.parse(JSON.stringify(await aggregate(config, client, db, timeZone)));
  });

  it('answers a schema-valid response', () => {
    assertCompanyViewResponse(body);
    expect(body.meta?.odooVersion).toMatch(new RegExp(`^${version}\\.`));
  });

  it('counts open and overdue invoices as Odoo\'s "Unpaid" and "Overdue" filters do, and lists the latest ones', () => {
    const expected = expectedAccounting(demo, db, today);
    expect(body.kpis.openInvoicesCount).toBe(expected.open);
    expect(body.kpis.overdueInvoicesCount).toBe(expected.overdue);
    const rows = body.sections.accounting.recentInvoices;
    expect(rows.map((r) => r.id)).toEqual(expected.recentIds);
    expect(rows.map((r) => r.status)).toEqual(expected.statuses);
    expect(body.meta?.companyCurrency).toBe(expected.currency);
    for (const row of rows) expect(row.currency).toMatch(/^[A-Z]{3}$/);
  });

  it('counts open opportunities and lists the largest', () => {
    const expected = expectedCrm(demo, db);
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

  it('counts every storable product below its reordering minimum and lists the lowest', () => {
    const expected = expectedInventory(demo, db, version);
    expect(body.kpis.lowStockItemsCount).toBe(expected.count);
    expect(body.sections.inventory.lowStockItems.map(({ id, qtyAvailable, reorderMinQty }) => ({ id, qtyAvailable, reorderMinQty }))).toEqual(expected.rows);
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
    const method = (request: string) => /<string>(search_read|search_count|fields_get|read|search)<\/string>/.exec(request)?.[1] ?? 'other';
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
    const relayed = demoConfig(relay.url, { SECTION_TIMEOUT_MS: '1000', TOTAL_BUDGET_MS: '1500', ODOO_TIMEOUT_MS: '30000' });
    const relayedClient = new RpcOdooClient(relayed);
    try {
      // Warm the client first (login, version, field lists): the hung call is then the section's own.
      expect((await aggregate(relayed, relayedClient, 'acme', 'UTC')).errorsBySection).toEqual({});
      demo.setFault({ db: 'acme', model: 'crm.lead', kind: 'hang' });
      const countsBefore = demo.calls().acme?.['crm.lead']?.search_count ?? 0;
      const body = await aggregate(relayed, relayedClient, 'acme', 'UTC');
      expect(demo.calls().acme['crm.lead'].search_count).toBe(countsBefore + 1); // the hung call reached Odoo
      expect(body.errorsBySection).toEqual({ crm: { message: 'crm timeout after 1000ms' } });
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
