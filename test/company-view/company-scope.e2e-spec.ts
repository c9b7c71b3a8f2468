// Company scope and money through the real application, on the demo's two-company database
// `stark` (Odoo 18, one company in EUR and one in USD). Every expected figure is computed here from
// the demo's raw records, the way Odoo's multi-company rules and grouped sums would give it.
import request from 'supertest';
import type { CompanyViewResponse } from '../../server/contracts/company-view';
import type { DemoOdooServer, DemoRecord } from '../../server/demo-odoo/demo-odoo.types';
import { startTestApp, type TestApp, type TestUser } from '../support/app-fixture';
import { assertCompanyViewResponse } from './schema';

const ROUTE = '/api/company-view';
const INVALID_SCOPE = { error: 'Bad Request: Invalid company scope' };

let app: TestApp;
let user: TestUser & { cookie: string };
let tenantId: string;

beforeAll(async () => {
  app = await startTestApp({ env: { SECTION_TIMEOUT_MS: '5000', TOTAL_BUDGET_MS: '8000', CACHE_TTL_MS: '60000', ERROR_CACHE_TTL_MS: '60000' } });
  user = await app.newSignedInUser();
  tenantId = await app.createTenant({ name: 'Stark Industries', odooDatabase: 'stark' });
  await app.addMember(user.userId, tenantId);
});
afterAll(() => app?.close());

function get(query = '', headers: Record<string, string> = {}) {
  return request(app.url)
    .get(`${ROUTE}${query}`)
    .set({ cookie: user.cookie, 'x-tenant-id': tenantId, ...headers });
}

async function view(query = ''): Promise<{ body: CompanyViewResponse; cache: string }> {
  const res = await get(query);
  expect(res.status).toBe(200);
  const body: unknown = res.body;
  assertCompanyViewResponse(body);
  return { body, cache: String(res.headers['x-cache']) };
}

// ---- Expected values, from raw records ------------------------------------------------------

const today = () => new Date().toISOString().slice(0, 10);
const round = (x: number) => Math.round(x * 100) / 100;

/** Odoo's multi-company rule: records of the scope's companies, and records of no company. */
const visibleIn = (scope: number[]) => (r: DemoRecord) => r.company_id == null || scope.includes(r.company_id as number);

function expectedFor(demo: DemoOdooServer, scope: number[]) {
  const visible = visibleIn(scope);
  const isOpen = (m: DemoRecord) => m.move_type === 'out_invoice' && m.state === 'posted' && ['not_paid', 'partial'].includes(m.payment_state as string);
  const open = demo.records('stark', 'account.move').filter((m) => visible(m) && isOpen(m));
  const overdue = open.filter((m) => typeof m.invoice_date_due === 'string' && m.invoice_date_due < today());
  const leads = demo
    .records('stark', 'crm.lead')
    .filter((l) => visible(l) && l.active !== false && l.type === 'opportunity' && ((l.probability as number) ?? 0) < 100);
  const currencies = new Map(demo.records('stark', 'res.currency').map((c) => [c.id, c.name as string]));
  const companies = demo
    .records('stark', 'res.company')
    .filter((c) => scope.includes(c.id))
    .map((c) => ({ id: c.id, currency: currencies.get(c.currency_id as number)! }));
  const sum = (records: DemoRecord[], ids: number[], field: string) =>
    round(records.filter((r) => ids.includes(r.company_id as number)).reduce((total, r) => total + ((r[field] as number | null) ?? 0), 0));
  const totals = [...new Set(companies.map((c) => c.currency))].sort().map((currency) => {
    const ids = companies.filter((c) => c.currency === currency).map((c) => c.id);
    return {
      currency,
      companyIds: ids,
      openInvoicesAmount: sum(open, ids, 'amount_residual_signed'),
      overdueInvoicesAmount: sum(overdue, ids, 'amount_residual_signed'),
      pipelineAmount: sum(leads, ids, 'expected_revenue'),
      weightedPipelineAmount: sum(leads, ids, 'prorated_revenue'),
    };
  });
  const withoutCompany = (records: DemoRecord[]) => records.filter((r) => r.company_id == null).length;
  return {
    kpis: { openInvoicesCount: open.length, overdueInvoicesCount: overdue.length, openLeadsCount: leads.length },
    money: {
      totals,
      recordsWithoutCompany: { openInvoices: withoutCompany(open), overdueInvoices: withoutCompany(overdue), openOpportunities: withoutCompany(leads) },
    },
  };
}

function expectFigures(body: CompanyViewResponse, scope: number[]): void {
  const expected = expectedFor(app.demoOdoo!, scope);
  expect(body.errorsBySection).toEqual({});
  expect(body.meta?.scope).toEqual(scope);
  const { openInvoicesCount, overdueInvoicesCount, openLeadsCount } = body.kpis;
  expect({ openInvoicesCount, overdueInvoicesCount, openLeadsCount }).toEqual(expected.kpis);
  expect(body.money).toEqual(expected.money);
}

// ---- Tests -----------------------------------------------------------------------------------

describe('company scope on a two-company Odoo', () => {
  it('lists both companies with their currencies and covers both by default, one money line per currency', async () => {
    const { body } = await view();
    const companies = body.meta!.companies;
    expect(companies.map((c) => c.currency).sort()).toEqual(['EUR', 'USD']);
    expect(companies.map((c) => c.id)).toEqual([...companies.map((c) => c.id)].sort((a, b) => a - b));
    expectFigures(
      body,
      companies.map((c) => c.id),
    );
    expect(body.money.totals.map((t) => t.currency)).toEqual(['EUR', 'USD']);
    expect(body.meta?.companyCurrency).toBeNull();
  });

  it.each([0, 1])('narrows every figure to one company, in its own currency (company #%i)', async (index) => {
    const company = (await view()).body.meta!.companies[index];
    const { body } = await view(`?companies=${company.id}`);
    expectFigures(body, [company.id]);
    expect(body.money.totals.map((t) => t.currency)).toEqual([company.currency]);
    expect(body.meta?.companyCurrency).toBe(company.currency);
  });

  it('keeps records without a company in every scope', async () => {
    const companies = (await view()).body.meta!.companies;
    expect(companies).toHaveLength(2);
    const withoutCompany = expectedFor(app.demoOdoo!, [companies[0].id]).money.recordsWithoutCompany;
    expect(withoutCompany.openOpportunities).toBeGreaterThan(0); // the data holds such records
    for (const company of companies) {
      expect((await view(`?companies=${company.id}`)).body.money.recordsWithoutCompany).toEqual(withoutCompany);
    }
  });

  it('caches a scope as its own entry, and an explicit list of every company as the default one', async () => {
    const companies = (await view()).body.meta!.companies;
    const other = await app.createTenant({ name: 'Stark Cache', odooDatabase: 'stark' });
    await app.addMember(user.userId, other);
    const on = (query: string) =>
      request(app.url)
        .get(`${ROUTE}${query}`)
        .set({ cookie: user.cookie, 'x-tenant-id': other })
        .then((res) => String(res.headers['x-cache']));
    expect(await on(`?companies=${companies[1].id}`)).toBe('MISS');
    expect(await on(`?companies=${companies[1].id}`)).toBe('HIT');
    expect(await on('')).toBe('MISS');
    expect(await on(`?companies=${companies.map((c) => c.id).join(',')}`)).toBe('HIT');
    expect(
      await on(
        `?companies=${[...companies]
          .reverse()
          .map((c) => c.id)
          .join(',')}`,
      ),
    ).toBe('HIT');
  });

  it.each([
    ['a company the tenant may not show', '?companies=999'],
    ['a malformed list', '?companies=1;2'],
    ['a repeated id', '?companies=1,1'],
    ['an empty list', '?companies='],
    ['zero', '?companies=0'],
    ['a repeated parameter', '?companies=1&companies=2'],
  ])('refuses %s with 400 and the exact body', async (_name, query) => {
    const res = await get(query);
    expect(res.status).toBe(400);
    expect(res.body).toEqual(INVALID_SCOPE);
    expect(res.text).not.toContain('999');
  });

  it('asks Odoo for the companies once while it cannot list them, not on every scoped request', async () => {
    const demo = app.demoOdoo!;
    const other = await app.createTenant({ name: 'Stark Without Companies', odooDatabase: 'stark' });
    await app.addMember(user.userId, other);
    const on = (query: string) => request(app.url).get(`${ROUTE}${query}`).set({ cookie: user.cookie, 'x-tenant-id': other });
    const companyReads = () => Object.values(demo.calls().stark?.['res.company'] ?? {}).reduce((a, b) => a + b, 0);
    demo.setFault({ db: 'stark', model: 'res.company', kind: 'http500' });
    try {
      const first = await on('?companies=1');
      expect(first.status).toBe(200);
      expect((first.body as CompanyViewResponse).meta!.companies).toEqual([]);
      const readsAfterFirst = companyReads();
      expect(readsAfterFirst).toBeGreaterThan(0);
      for (let i = 0; i < 3; i++) expect((await on('?companies=1')).headers['x-cache']).toBe('HIT');
      expect(companyReads()).toBe(readsAfterFirst);
    } finally {
      demo.clearFaults();
    }
  });

  it('checks the session and the tenant before the scope', async () => {
    const noSession = await request(app.url).get(`${ROUTE}?companies=x`).set('x-tenant-id', tenantId);
    expect(noSession.status).toBe(401);
    const stranger = await app.newSignedInUser();
    const notMember = await request(app.url).get(`${ROUTE}?companies=x`).set({ cookie: stranger.cookie, 'x-tenant-id': tenantId });
    expect(notMember.status).toBe(403);
    expect(notMember.body).toEqual({ error: 'Forbidden: User is not a member of this tenant' });
  });
});
