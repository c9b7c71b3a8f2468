// Links into Odoo through the real application: the base of every link is the address users open
// Odoo at — the tenant's public URL, ODOO_PUBLIC_URL for the environment connection, else the
// connection's own URL — and its form follows the Odoo version.
import request from 'supertest';
import { SecretBox } from '../../server/common/secret-box';
import type { CompanyViewResponse } from '../../server/contracts/company-view';
import { startDemoOdoo } from '../../server/demo-odoo';
import type { DemoOdooServer } from '../../server/demo-odoo/demo-odoo.types';
import { setTenantOdoo } from '../../server/tenant/tenant-admin';
import { startTestApp, type TestApp, type TestUser } from '../support/app-fixture';
import { assertCompanyViewResponse } from './schema';

const GENEROUS_CLOCKS = { SECTION_TIMEOUT_MS: '5000', TOTAL_BUDGET_MS: '8000' };

async function companyView(app: TestApp, user: TestUser & { cookie: string }, tenantId: string): Promise<CompanyViewResponse> {
  const res = await request(app.url).get('/api/company-view').set({ cookie: user.cookie, 'x-tenant-id': tenantId });
  expect(res.status).toBe(200);
  const body: unknown = res.body;
  assertCompanyViewResponse(body);
  return body;
}

/** Every link of a response: the KPIs' and the rows'. */
function allLinks(body: CompanyViewResponse): string[] {
  const { accounting, crm, projects, helpdesk, inventory } = body.sections;
  const rows = [...accounting.recentInvoices, ...crm.openLeads, ...projects.openTasks, ...helpdesk.openTickets, ...inventory.lowStockItems];
  return [...Object.values(body.meta!.kpiLinks), ...rows.map((row) => row.odooUrl)].filter((link): link is string => link !== null);
}

describe('deep links in demo mode', () => {
  let app: TestApp;
  let user: TestUser & { cookie: string };

  beforeAll(async () => {
    app = await startTestApp({ env: GENEROUS_CLOCKS });
    user = await app.newSignedInUser();
  });
  afterAll(() => app?.close());

  it('point at the demo database on its own address, in 17 form on acme and 19 form on umbrella', async () => {
    const acme = await app.createTenant({ odooDatabase: 'acme' });
    const umbrella = await app.createTenant({ odooDatabase: 'umbrella' });
    for (const id of [acme, umbrella]) await app.addMember(user.userId, id);
    const base = (db: string) => `${app.demoOdoo!.url}/db/${db}`;

    const seventeen = await companyView(app, user, acme);
    const invoice = seventeen.sections.accounting.recentInvoices[0];
    expect(invoice.odooUrl).toBe(`${base('acme')}/web#id=${invoice.id}&model=account.move&view_type=form`);
    expect(seventeen.meta?.kpiLinks.openTasksCount).toBe(`${base('acme')}/web#action=project.action_view_all_task`);

    const nineteen = await companyView(app, user, umbrella);
    const task = nineteen.sections.projects.openTasks[0];
    expect(task.odooUrl).toBe(`${base('umbrella')}/odoo/project.task/${task.id}`);
    expect(nineteen.meta?.kpiLinks.lowStockItemsCount).toBe(`${base('umbrella')}/odoo/action-stock.action_replenishment`);
  });

  it("use the tenant's public URL when one is stored with its connection", async () => {
    const tenantId = await app.createTenant({ odooDatabase: null });
    await app.addMember(user.userId, tenantId);
    const box = new SecretBox(app.config.secretsKey);
    await app.dataSource.transaction((tx) =>
      setTenantOdoo(tx, box, tenantId, {
        url: app.demoOdoo!.urlFor('globex'),
        database: 'globex',
        login: 'api@globex.example',
        secret: 'demo-secret-globex',
        transport: 'auto',
        companyIds: null,
        publicUrl: 'https://erp.globex.example/',
      }),
    );
    const body = await companyView(app, user, tenantId);
    const links = allLinks(body);
    expect(links.length).toBeGreaterThan(10);
    for (const link of links) expect(link).toMatch(/^https:\/\/erp\.globex\.example\/odoo\//);
  });
});

describe('deep links for the environment connection', () => {
  let demo: DemoOdooServer;
  let app: TestApp;
  let user: TestUser & { cookie: string };

  beforeAll(async () => {
    demo = await startDemoOdoo({ port: 0 });
    app = await startTestApp({
      demoOdoo: false,
      env: {
        ...GENEROUS_CLOCKS,
        ODOO_URL: demo.urlFor('initech'),
        ODOO_DATABASE: 'initech',
        ODOO_USERNAME: 'api@initech.example',
        ODOO_PASSWORD: 'demo-secret-initech',
        ODOO_PUBLIC_URL: 'https://odoo.initech.example/',
      },
    });
    user = await app.newSignedInUser();
  });
  afterAll(async () => {
    await app?.close();
    await demo?.close();
  });

  it('start with ODOO_PUBLIC_URL, in the 16 form', async () => {
    const tenantId = await app.createTenant({ odooDatabase: null });
    await app.addMember(user.userId, tenantId);
    const body = await companyView(app, user, tenantId);
    expect(body.meta?.kpiLinks.openInvoicesCount).toBe('https://odoo.initech.example/web#action=account.action_move_out_invoice_type');
    for (const link of allLinks(body)) expect(link.startsWith('https://odoo.initech.example/web#')).toBe(true);
  });
});
