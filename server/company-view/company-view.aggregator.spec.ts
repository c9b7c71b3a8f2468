import { Logger } from '@nestjs/common';
import {
  fakeSections,
  hangUntilAborted,
  RESULTS,
  TEST_CONNECTION,
  testConfig,
  VersionOnlyOdooClient,
} from '../../test/company-view/fakes';
import { assertCompanyViewResponse } from '../../test/company-view/schema';
import type { CompanyViewSectionKey, SectionErrorKind } from '../contracts/company-view';
import { OdooError, type OdooErrorCode } from '../odoo/odoo-errors';
import { allSectionsFailed, CompanyViewAggregator } from './company-view.aggregator';

const SECTION_TIMEOUT_MS = 80;
const BUDGET_MS = 200;

function setup(options: { budgetMs?: number; sectionTimeoutMs?: number; client?: VersionOnlyOdooClient } = {}) {
  const sections = fakeSections();
  const client = options.client ?? new VersionOnlyOdooClient();
  const config = testConfig({ SECTION_TIMEOUT_MS: String(options.sectionTimeoutMs ?? SECTION_TIMEOUT_MS), TOTAL_BUDGET_MS: String(options.budgetMs ?? BUDGET_MS) });
  const aggregator = new CompanyViewAggregator(sections, client, config);
  const section = (key: CompanyViewSectionKey) => sections.find((s) => s.key === key)!;
  const run = () => aggregator.aggregate({ tenantId: 't-1', timeZone: 'Europe/Brussels', connect: () => TEST_CONNECTION });
  return { sections, section, client, config, aggregator, run };
}

describe('CompanyViewAggregator', () => {
  beforeAll(() => Logger.overrideLogger(false));
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
    expect(body.meta).toEqual({ errorKinds: {}, companyCurrency: 'EUR', odooVersion: '17.0+e-20240709' });
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
    section('crm').behaviour = async () => {
      throw new OdooError(code, `crm failed with ${code}`);
    };
    const body = await run();
    assertCompanyViewResponse(JSON.parse(JSON.stringify(body)));
    expect(body.errorsBySection).toEqual({ crm: { message: `crm failed with ${code}`, ...flags } });
    expect(body.meta?.errorKinds).toEqual({ crm: kind });
    expect(body.kpis.openLeadsCount).toBeNull();
    expect(body.sections.crm).toEqual({ openLeads: [] });
    expect(body.kpis.openTasksCount).toBe(5);
    expect(body.sections.projects).toEqual(RESULTS.projects.data);
  });

  it('hides the text of an unexpected error from the client', async () => {
    const { section, run } = setup();
    section('inventory').behaviour = async () => {
      throw new TypeError("Cannot read properties of undefined (reading 'secret')");
    };
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
      connect: () => {
        throw new OdooError('odoo-error', 'No Odoo connection is configured for this tenant');
      },
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
    const client = new VersionOnlyOdooClient(async () => {
      throw new OdooError('auth-failed', 'Odoo authentication failed');
    });
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
    const { sections, aggregator } = setup();
    await aggregator.aggregate({ tenantId: 't-1', timeZone: 'Mars/Olympus_Mons', connect: () => TEST_CONNECTION });
    expect(sections[0].contexts[0].timeZone).toBe('UTC');
  });

  it('does not count a partial failure as total', async () => {
    const { section, run } = setup();
    section('helpdesk').behaviour = async () => {
      throw new OdooError('module-missing', "Object helpdesk.ticket doesn't exist");
    };
    expect(allSectionsFailed(await run())).toBe(false);
  });
});
