import { TenantActivity } from '../activity/tenant-activity';
import { Logger } from '@nestjs/common';
import { fakeSections, hangUntilAborted, RESULTS, TEST_CONNECTION, testConfig, VersionOnlyOdooClient } from '../../test/company-view/fakes';
import { assertCompanyViewResponse } from '../../test/company-view/schema';
import type { CompanyInfo, CompanyViewSectionKey, SectionErrorKind } from '../contracts/company-view';
import { MetricsService } from '../metrics/metrics.service';
import { OdooError, type OdooErrorCode } from '../odoo/odoo-errors';
import { type AggregateRequest, allSectionsFailed, CompanyViewAggregator } from './company-view.aggregator';

const SECTION_TIMEOUT_MS = 80;
const BUDGET_MS = 200;

const EU: CompanyInfo = { id: 1, name: 'Acme EU', currency: 'EUR' };
const US: CompanyInfo = { id: 2, name: 'Acme US', currency: 'USD' };
const UK: CompanyInfo = { id: 3, name: 'Acme UK', currency: 'EUR' };

function setup(options: { budgetMs?: number; sectionTimeoutMs?: number; client?: VersionOnlyOdooClient } = {}) {
  const sections = fakeSections();
  const client = options.client ?? new VersionOnlyOdooClient();
  const config = testConfig({
    SECTION_TIMEOUT_MS: String(options.sectionTimeoutMs ?? SECTION_TIMEOUT_MS),
    TOTAL_BUDGET_MS: String(options.budgetMs ?? BUDGET_MS),
  });
  const aggregator = new CompanyViewAggregator(sections, client, config, new MetricsService(), new TenantActivity());
  const section = (key: CompanyViewSectionKey) => sections.find((s) => s.key === key)!;
  const request = (overrides: Partial<AggregateRequest> = {}): AggregateRequest => ({
    tenantId: 't-1',
    timeZone: 'Europe/Brussels',
    scope: null,
    connect: () => TEST_CONNECTION,
    companies: () => Promise.resolve([EU]),
    ...overrides,
  });
  const run = (overrides: Partial<AggregateRequest> = {}) => aggregator.aggregate(request(overrides));
  return { sections, section, client, config, aggregator, run, request };
}

describe('CompanyViewAggregator', () => {
  beforeAll(() => {
    Logger.overrideLogger(false);
  });
  it('assembles every section into one schema-valid response', async () => {
    const { run } = setup();
    const body = await run();
    assertCompanyViewResponse(JSON.parse(JSON.stringify(body)));
    expect(body.tenantId).toBe('t-1');
    expect(body.recommendedPollIntervalMs).toBe(1000);
    expect(body.kpis).toEqual({
      openInvoicesCount: 4,
      overdueInvoicesCount: 1,
      openLeadsCount: 3,
      openTasksCount: 5,
      openTicketsCount: 6,
      lowStockItemsCount: 7,
    });
    expect(body.sections.crm).toEqual(RESULTS.crm.data);
    expect(body.sections.inventory).toEqual(RESULTS.inventory.data);
    expect(body.errorsBySection).toEqual({});
    expect(body.meta).toEqual({
      errorKinds: {},
      companyCurrency: 'EUR',
      odooVersion: '17.0+e-20240709',
      kpiLinks: {
        ...RESULTS.accounting.kpiLinks,
        ...RESULTS.crm.kpiLinks,
        ...RESULTS.projects.kpiLinks,
        ...RESULTS.helpdesk.kpiLinks,
        ...RESULTS.inventory.kpiLinks,
      },
      companies: [EU],
      scope: [1],
    });
    expect(body.money).toEqual({
      totals: [{ currency: 'EUR', companyIds: [1], openInvoicesAmount: 400.5, overdueInvoicesAmount: 100, pipelineAmount: 1500, weightedPipelineAmount: 300 }],
      recordsWithoutCompany: { openInvoices: 0, overdueInvoices: 0, openOpportunities: 0 },
    });
  });

  describe('money and companies', () => {
    const group = (id: number | null, count: number, sums: Record<string, number>) => ({
      key: id === null ? null : { id, name: `company ${id}` },
      count,
      sums,
    });

    /** Open invoices and opportunities spread over three companies in two currencies, plus records without one. */
    function multiCompany() {
      const fixture = setup();
      fixture.section('accounting').behaviour = () =>
        Promise.resolve({
          ...RESULTS.accounting,
          kpis: { openInvoicesCount: 9, overdueInvoicesCount: 3 },
          money: {
            open: [group(1, 2, { amount_residual_signed: 100.1 }), group(2, 3, { amount_residual_signed: 50 }), group(3, 4, { amount_residual_signed: 0.2 })],
            overdue: [group(2, 1, { amount_residual_signed: 20 }), group(null, 2, { amount_residual_signed: 7 })],
          },
        });
      fixture.section('crm').behaviour = () =>
        Promise.resolve({
          ...RESULTS.crm,
          money: { pipeline: [group(1, 1, { expected_revenue: 1000, prorated_revenue: 250 }), group(null, 4, { expected_revenue: 99, prorated_revenue: 9 })] },
        });
      return fixture;
    }

    it('adds amounts up per currency only, ordered by currency, and keeps records without a company out of them', async () => {
      const { run } = multiCompany();
      const body = await run({ companies: () => Promise.resolve([EU, US, UK]) });
      assertCompanyViewResponse(JSON.parse(JSON.stringify(body)));
      expect(body.money.totals).toEqual([
        { currency: 'EUR', companyIds: [1, 3], openInvoicesAmount: 100.3, overdueInvoicesAmount: 0, pipelineAmount: 1000, weightedPipelineAmount: 250 },
        { currency: 'USD', companyIds: [2], openInvoicesAmount: 50, overdueInvoicesAmount: 20, pipelineAmount: 0, weightedPipelineAmount: 0 },
      ]);
      expect(body.money.recordsWithoutCompany).toEqual({ openInvoices: 0, overdueInvoices: 2, openOpportunities: 4 });
      expect(body.meta?.companyCurrency).toBeNull();
      expect(body.meta?.scope).toEqual([1, 2, 3]);
    });

    it('covers only the companies of an explicit scope, with their one currency', async () => {
      const { run } = multiCompany();
      const body = await run({ scope: [2], companies: () => Promise.resolve([EU, US, UK]) });
      expect(body.meta?.scope).toEqual([2]);
      expect(body.meta?.companies).toEqual([EU, US, UK]);
      expect(body.meta?.companyCurrency).toBe('USD');
      expect(body.money.totals.map((t) => t.currency)).toEqual(['USD']);
    });

    it('leaves the amounts of a failed section null and keeps the others', async () => {
      const { run, section } = multiCompany();
      section('accounting').behaviour = () => Promise.reject(new OdooError('timeout', 'accounting timeout'));
      const body = await run({ companies: () => Promise.resolve([EU, US]) });
      expect(body.money.totals[0]).toMatchObject({ currency: 'EUR', openInvoicesAmount: null, overdueInvoicesAmount: null, pipelineAmount: 1000 });
      expect(body.money.recordsWithoutCompany).toEqual({ openInvoices: null, overdueInvoices: null, openOpportunities: 4 });
    });

    it('answers without money totals when the companies cannot be read, counts unchanged', async () => {
      const { run } = multiCompany();
      const body = await run({ companies: () => Promise.resolve(null) });
      assertCompanyViewResponse(JSON.parse(JSON.stringify(body)));
      expect(body.money.totals).toEqual([]);
      expect(body.meta).toMatchObject({ companies: [], scope: [], companyCurrency: null });
      expect(body.kpis.openInvoicesCount).toBe(9);
    });
  });

  it('gives each section the connection, version, tenant zone, its date there and a live signal', async () => {
    const { sections, run } = setup();
    await run();
    for (const s of sections) {
      const ctx = s.contexts[0];
      expect(ctx.connection).toBe(TEST_CONNECTION);
      expect(ctx.version.major).toBe(17);
      expect(ctx.timeZone).toBe('Europe/Brussels');
      expect(ctx.today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(ctx.signal.aborted).toBe(false);
      // 17 links with URL fragments, from the connection's public address.
      expect(ctx.links.record('crm.lead', 9)).toBe('http://odoo.test/web#id=9&model=crm.lead&view_type=form');
    }
  });

  it('starts all sections together', async () => {
    // Each section waits until all five have started: run one after another, this would time out.
    const { sections, run } = setup();
    let started = 0;
    let release!: () => void;
    const allStarted = new Promise<void>((resolve) => (release = resolve));
    for (const s of sections) {
      const key = s.key;
      s.behaviour = async () => {
        if (++started === sections.length) release();
        await allStarted;
        return RESULTS[key];
      };
    }
    const body = await run();
    expect(body.errorsBySection).toEqual({});
  });

  const CODES: Array<[OdooErrorCode, SectionErrorKind, { isModuleMissing?: true; isAuthError?: true }]> = [
    ['module-missing', 'module-missing', { isModuleMissing: true }],
    ['auth-failed', 'auth', { isAuthError: true }],
    ['login-cooldown', 'auth', { isAuthError: true }],
    ['access-denied', 'access-denied', {}],
    ['timeout', 'timeout', {}],
    ['network', 'network', {}],
    ['bad-response', 'bad-response', {}],
    ['odoo-error', 'odoo-error', {}],
  ];

  it.each(CODES)('reports an OdooError %s as kind %s with its flags, keeping the other sections', async (code, kind, flags) => {
    const { section, run } = setup();
    section('crm').behaviour = () => Promise.reject(new OdooError(code, `crm failed with ${code}`));
    const body = await run();
    assertCompanyViewResponse(JSON.parse(JSON.stringify(body)));
    expect(body.errorsBySection).toEqual({ crm: { message: `crm failed with ${code}`, ...flags } });
    expect(body.meta?.errorKinds).toEqual({ crm: kind });
    expect(body.kpis.openLeadsCount).toBeNull();
    expect(body.meta?.kpiLinks.openLeadsCount).toBeNull();
    expect(body.sections.crm).toEqual({ openLeads: [] });
    expect(body.kpis.openTasksCount).toBe(5);
    expect(body.meta?.kpiLinks.openTasksCount).toBe(RESULTS.projects.kpiLinks.openTasksCount);
    expect(body.sections.projects).toEqual(RESULTS.projects.data);
  });

  it('hides the text of an unexpected error from the client', async () => {
    const { section, run } = setup();
    section('inventory').behaviour = () => Promise.reject(new TypeError("Cannot read properties of undefined (reading 'secret')"));
    const body = await run();
    expect(body.errorsBySection.inventory).toEqual({ message: 'Failed to fetch inventory data' });
    expect(body.meta?.errorKinds.inventory).toBe('odoo-error');
  });

  it('times out a hanging section after the section timeout and aborts its calls', async () => {
    const { section, run } = setup();
    section('projects').behaviour = hangUntilAborted;
    const body = await run();
    expect(body.errorsBySection).toEqual({ projects: { message: `projects timeout after ${SECTION_TIMEOUT_MS}ms` } });
    expect(body.meta?.errorKinds).toEqual({ projects: 'timeout' });
    expect(section('projects').contexts[0].signal.aborted).toBe(true);
    expect(body.kpis.openLeadsCount).toBe(3);
  });

  it('stops at the total budget: finished sections stay, unfinished ones time out and are aborted', async () => {
    const { section, sections, run } = setup({ sectionTimeoutMs: 5_000, budgetMs: 100 });
    for (const key of ['crm', 'helpdesk', 'inventory'] as const) section(key).behaviour = hangUntilAborted;
    const body = await run();
    expect(body.errorsBySection).toEqual({
      crm: { message: 'crm timeout after 100ms' },
      helpdesk: { message: 'helpdesk timeout after 100ms' },
      inventory: { message: 'inventory timeout after 100ms' },
    });
    expect(body.kpis.openInvoicesCount).toBe(4);
    expect(body.kpis.openTasksCount).toBe(5);
    const aborted = sections.filter((s) => s.contexts[0].signal.aborted).map((s) => s.key);
    expect(aborted.sort()).toEqual(['crm', 'helpdesk', 'inventory']);
  });

  it('fails every section with the connection error when the tenant has no usable Odoo', async () => {
    const { sections, client, aggregator } = setup();
    const body = await aggregator.aggregate({
      tenantId: 't-1',
      timeZone: 'UTC',
      scope: null,
      connect: () => {
        throw new OdooError('odoo-error', 'No Odoo connection is configured for this tenant');
      },
      companies: () => Promise.resolve(null),
    });
    assertCompanyViewResponse(JSON.parse(JSON.stringify(body)));
    for (const s of sections) {
      expect(body.errorsBySection[s.key]).toEqual({ message: 'No Odoo connection is configured for this tenant' });
      expect(s.contexts).toHaveLength(0);
    }
    expect(client.versionCalls).toBe(0);
    expect(allSectionsFailed(body)).toBe(true);
    expect(body.meta?.odooVersion).toBeNull();
  });

  it('fails every section with the auth error when even the version cannot be read', async () => {
    const client = new VersionOnlyOdooClient(() => Promise.reject(new OdooError('auth-failed', 'Odoo authentication failed')));
    const { run } = setup({ client });
    const body = await run();
    expect(allSectionsFailed(body)).toBe(true);
    expect(body.errorsBySection.helpdesk).toEqual({ message: 'Odoo authentication failed', isAuthError: true });
    expect(body.meta?.errorKinds.helpdesk).toBe('auth');
  });

  it('counts a version that never answers against each section timeout', async () => {
    const client = new VersionOnlyOdooClient(() => new Promise(() => undefined));
    const { run } = setup({ client });
    const body = await run();
    expect(body.errorsBySection.accounting).toEqual({ message: `accounting timeout after ${SECTION_TIMEOUT_MS}ms` });
    expect(allSectionsFailed(body)).toBe(true);
  });

  it('falls back to UTC for a time zone the runtime does not know', async () => {
    const { sections, run } = setup();
    await run({ timeZone: 'Mars/Olympus_Mons' });
    expect(sections[0].contexts[0].timeZone).toBe('UTC');
  });

  it('does not count a partial failure as total', async () => {
    const { section, run } = setup();
    section('helpdesk').behaviour = () => Promise.reject(new OdooError('module-missing', "Object helpdesk.ticket doesn't exist"));
    expect(allSectionsFailed(await run())).toBe(false);
  });
});
