import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, withAutoCleanupInjectors, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { companyViewResponse, NO_KPI_LINKS, twoCompanyResponse } from '../../testing/company-view-fixtures';
import { nextRequest } from '../../testing/http-helpers';
import { routes } from '../app.routes';
import { USER_LOCALE } from '../core/locale';
import { TenantStore } from '../core/tenant/tenant-store';
import { COMPANY_VIEW_URL, INVALID_SCOPE_ERROR } from './company-view-api';
import { HISTORY_URL } from './kpi-history-api';
import { SECTION_KEYS } from '@contracts/sections';

const ACME = { tenantId: 't-acme', tenantName: 'Acme Corp', error: null };
const USER = { user: { id: 'u1', email: 'demo@example.com', name: 'Demo User' }, session: { id: 's1' } };

describe('CompanyViewPage', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;

  /** A fresh app, as after a reload: only localStorage survives. */
  async function startApp(): Promise<void> {
    // A failed earlier test must not leave its module behind (specs share one environment).
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter(routes, withComponentInputBinding(), withAutoCleanupInjectors()),
        { provide: USER_LOCALE, useValue: 'en-US' },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
  }

  beforeEach(async () => {
    localStorage.clear();
    await startApp();
  });

  afterEach(() => {
    // Every dashboard also asks for its KPI history; tests that do not look at it leave it unanswered.
    http.match((request) => request.url === HISTORY_URL);
    http.verify({ ignoreCancelled: true });
    localStorage.clear();
  });

  function page(): HTMLElement {
    return harness.routeNativeElement!;
  }

  function byTestId(id: string): HTMLElement | null {
    return page().querySelector(`[data-testid="${id}"]`);
  }

  /** Lets awaited HTTP answers land, then renders. */
  async function render(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve));
    await harness.fixture.whenStable();
  }

  /** Opens the dashboard as a signed-in user and answers the tenant lookup. */
  async function openDashboard(tenant: object = ACME): Promise<void> {
    const navigation = harness.navigateByUrl('/dashboard/company-view');
    (await nextRequest(http, '/api/auth/get-session')).flush(USER);
    await navigation;
    (await nextRequest(http, '/api/tenants/current')).flush(tenant);
    await render();
  }

  /** The next request for the company view, whatever its query. */
  async function companyViewRequest(): Promise<TestRequest> {
    return nextRequest(http, (request) => request.url === COMPANY_VIEW_URL);
  }

  function companySelect(): HTMLSelectElement | null {
    return byTestId('company-select') as HTMLSelectElement | null;
  }

  async function choose(value: string): Promise<void> {
    const select = companySelect()!;
    select.value = value;
    select.dispatchEvent(new Event('change'));
    await render();
  }

  it('shows a spinner while the tenant is being looked up', async () => {
    const navigation = harness.navigateByUrl('/dashboard/company-view');
    (await nextRequest(http, '/api/auth/get-session')).flush(USER);
    await navigation;
    await render();
    expect(byTestId('tenant-loading')?.textContent).toContain('Loading tenant information...');
    (await nextRequest(http, '/api/tenants/current')).flush(ACME);
    (await companyViewRequest()).flush(companyViewResponse({ tenantId: 't-acme' }));
  });

  it('shows the warning card when the user has no tenant, and fetches nothing', async () => {
    await openDashboard({ tenantId: null, tenantName: null, error: null });
    expect(byTestId('no-tenant')?.textContent).toContain('No Tenant Available');
    http.expectNone(COMPANY_VIEW_URL);
    // The card asks whether it may offer "Create a workspace" (covered in the workspaces specs).
    (await nextRequest(http, '/api/public-config')).flush({
      allowSignup: false,
      demoMode: false,
      allowWorkspaceCreation: false,
      passwordReset: false,
    });
  });

  it('shows the error card with the error of the tenant lookup', async () => {
    await openDashboard({ tenantId: null, tenantName: null, error: 'Membership lookup failed' });
    expect(byTestId('tenant-error')?.textContent).toContain('Membership lookup failed');
  });

  it('loads the company view of the current tenant and shows its KPIs', async () => {
    await openDashboard();
    const request = await companyViewRequest();
    expect(request.request.headers.get('x-tenant-id')).toBe('t-acme');
    expect(request.request.cache).toBe('no-cache');
    request.flush(
      companyViewResponse({
        tenantId: 't-acme',
        kpis: { ...companyViewResponse().kpis, openInvoicesCount: 1234, openLeadsCount: null },
      }),
    );
    await render();

    expect(byTestId('page-tenant-name')?.textContent).toContain('Acme Corp');
    expect(byTestId('kpi-value-openInvoicesCount')?.textContent?.trim()).toBe('1,234');
    const missing = byTestId('kpi-card-openLeadsCount')!;
    expect(byTestId('kpi-value-openLeadsCount')?.textContent?.trim()).toBe('—');
    expect(missing.textContent).toContain('Open opportunities: value unavailable');
    expect(byTestId('last-updated')?.textContent).toContain('Last updated:');
    expect(byTestId('live-region')?.textContent).toContain('Company data updated');
    expect(page().querySelectorAll('[data-testid="row-accounting"]')).toHaveLength(1);
    expect(byTestId('section-accounting')?.textContent).toContain('$5,000.00');
    // The fixture's task was due in 2020: flagged by an icon and by words, not by colour alone.
    expect(byTestId('task-overdue')?.textContent).toContain('Overdue');
    expect(byTestId('task-overdue')?.querySelector('svg')).not.toBeNull();
  });

  it('shows "No data available" for an empty section without an error', async () => {
    await openDashboard();
    const data = companyViewResponse({ tenantId: 't-acme' });
    data.sections.helpdesk.openTickets = [];
    (await companyViewRequest()).flush(data);
    await render();
    expect(byTestId('section-empty-helpdesk')?.textContent).toContain('No data available');
    expect(byTestId('section-empty-accounting')).toBeNull();
  });

  it('places banners from meta.errorKinds and keeps the other sections', async () => {
    await openDashboard();
    const data = companyViewResponse({
      tenantId: 't-acme',
      errorsBySection: {
        crm: { message: 'Model crm.lead not found' },
        projects: { message: 'projects timeout after 4000ms' },
      },
      meta: { ...companyViewResponse().meta!, errorKinds: { crm: 'module-missing', projects: 'timeout' } },
    });
    data.sections.crm.openLeads = [];
    data.sections.projects.openTasks = [];
    (await companyViewRequest()).flush(data);
    await render();

    expect(byTestId('section-banner-crm')?.dataset['kind']).toBe('module-missing');
    expect(byTestId('section-banner-crm')?.textContent).toContain('CRM module not available');
    expect(byTestId('section-banner-projects')?.textContent).toContain('Projects data temporarily unavailable');
    expect(byTestId('section-banner-projects')?.textContent).toMatch(/refresh automatically in \d+ s/);
    expect(byTestId('section-banner-accounting')).toBeNull();
    expect(page().querySelectorAll('[data-testid="row-accounting"]')).toHaveLength(1);
  });

  it('shows one connection error and disables Refresh when Odoo rejects every section', async () => {
    await openDashboard();
    const keys = SECTION_KEYS;
    const errorKinds = Object.fromEntries(keys.map((key) => [key, 'auth']));
    const errorsBySection = Object.fromEntries(keys.map((key) => [key, { message: 'Authentication failed' }]));
    (await companyViewRequest()).flush(
      companyViewResponse({
        tenantId: 't-acme',
        errorsBySection,
        money: {
          totals: [],
          recordsWithoutCompany: { openInvoices: null, overdueInvoices: null, openOpportunities: null },
        },
        meta: {
          errorKinds,
          companyCurrency: null,
          odooVersion: null,
          kpiLinks: NO_KPI_LINKS,
          companies: [],
          scope: [],
        },
      }),
    );
    await render();

    expect(byTestId('global-banner')?.dataset['kind']).toBe('connection-error');
    expect(byTestId('global-banner')?.textContent).toContain('Authentication failed');
    expect((byTestId('refresh-button') as HTMLButtonElement).disabled).toBe(true);
    expect(byTestId('section-banner-crm')).toBeNull();
  });

  it("drops the previous tenant's numbers at once when the tenant is switched", async () => {
    await openDashboard();
    (await companyViewRequest()).flush(
      companyViewResponse({ tenantId: 't-acme', kpis: { ...companyViewResponse().kpis, openTasksCount: 24 } }),
    );
    await render();
    expect(byTestId('kpi-value-openTasksCount')?.textContent?.trim()).toBe('24');

    const switching = TestBed.inject(TenantStore).switchTo('t-globex');
    (await nextRequest(http, (r) => r.method === 'PUT')).flush({
      tenantId: 't-globex',
      tenantName: 'Globex',
      error: null,
    });
    await switching;
    await render();

    expect(byTestId('kpi-value-openTasksCount')).toBeNull();
    expect(byTestId('dashboard-loading')).not.toBeNull();
    const request = await companyViewRequest();
    expect(request.request.headers.get('x-tenant-id')).toBe('t-globex');
    expect(request.request.cache).toBe('no-cache');
    request.flush(
      companyViewResponse({ tenantId: 't-globex', kpis: { ...companyViewResponse().kpis, openTasksCount: 7 } }),
    );
    await render();
    expect(byTestId('kpi-value-openTasksCount')?.textContent?.trim()).toBe('7');
  });

  it('stops polling once the user leaves the page', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      await openDashboard();
      (await companyViewRequest()).flush(
        companyViewResponse({ tenantId: 't-acme', recommendedPollIntervalMs: 30_000 }),
      );
      await render();

      await harness.navigateByUrl('/account');
      vi.advanceTimersByTime(5 * 60_000);
      http.expectNone(COMPANY_VIEW_URL);
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  describe('KPI history', () => {
    const DAY = 86_400_000;
    const readAt = Date.parse('2026-03-02T09:00:00Z');
    const point = (msAgo: number, openTasksCount: number) => ({
      at: new Date(readAt - msAgo).toISOString(),
      kpis: { ...companyViewResponse().kpis, openTasksCount },
      money: companyViewResponse().money,
    });

    async function historyRequest(): Promise<TestRequest> {
      return nextRequest(http, (request) => request.url === HISTORY_URL);
    }

    it("asks for the tenant's last seven days and shows each card's trend and changes", async () => {
      await openDashboard();
      const history = await historyRequest();
      expect(history.request.headers.get('x-tenant-id')).toBe('t-acme');
      expect(history.request.urlWithParams).toBe(`${HISTORY_URL}?range=7d`);
      history.flush({ tenantId: 't-acme', range: '7d', points: [point(7 * DAY, 20), point(DAY, 26)] });
      const refreshedAt = new Date(readAt).toISOString();
      (await companyViewRequest()).flush(
        companyViewResponse({
          tenantId: 't-acme',
          refreshedAt,
          kpis: { ...companyViewResponse().kpis, openTasksCount: 24 },
        }),
      );
      await render();

      const card = byTestId('kpi-card-openTasksCount')!;
      expect(card.querySelector('[role="img"]')?.getAttribute('aria-label')).toBe(
        'Open tasks, 7-day trend: lowest 20, highest 26, now 24',
      );
      const changes = [...card.querySelectorAll('[data-testid="kpi-change-openTasksCount"]')];
      expect(changes.map((change) => change.querySelector('[aria-hidden]')?.textContent?.trim())).toEqual([
        '▼ 2 vs yesterday',
        '▲ 4 vs last week',
      ]);
      expect(changes.map((change) => change.querySelector('.visually-hidden')?.textContent)).toEqual([
        'Down 2 since yesterday, better.',
        'Up 4 since last week, worse.',
      ]);
    });

    it('asks for the chosen company only, and leaves the dashboard as it is when history fails', async () => {
      await openDashboard();
      (await historyRequest()).flush({ error: 'Service Unavailable' }, { status: 503, statusText: 'Unavailable' });
      (await companyViewRequest()).flush(twoCompanyResponse([1, 2], { tenantId: 't-acme' }));
      await render();
      expect(byTestId('kpi-value-openTasksCount')).not.toBeNull();
      expect(page().querySelector('[data-testid^="kpi-sparkline-"], [data-testid^="kpi-change-"]')).toBeNull();
      expect(byTestId('load-error')).toBeNull();

      await choose('2');
      const history = await historyRequest();
      expect(history.request.urlWithParams).toBe(`${HISTORY_URL}?range=7d&companies=2`);
      (await companyViewRequest()).flush(twoCompanyResponse([2], { tenantId: 't-acme' }));
    });
  });

  describe('company selector', () => {
    /** Opens the dashboard of a tenant with two companies and answers its first request for `scope`. */
    async function openTwoCompanies(scope = [1, 2]): Promise<TestRequest> {
      await openDashboard();
      const request = await companyViewRequest();
      request.flush(twoCompanyResponse(scope, { tenantId: 't-acme' }));
      await render();
      return request;
    }

    it('is not shown for a tenant with a single company', async () => {
      await openDashboard();
      (await companyViewRequest()).flush(companyViewResponse({ tenantId: 't-acme' }));
      await render();
      expect(byTestId('kpi-value-openTasksCount')).not.toBeNull();
      expect(companySelect()).toBeNull();
    });

    it('is not shown while the companies are unknown', async () => {
      await openDashboard();
      (await companyViewRequest()).flush(
        twoCompanyResponse([], { tenantId: 't-acme', meta: { ...twoCompanyResponse().meta!, companies: [] } }),
      );
      await render();
      expect(companySelect()).toBeNull();
    });

    it('lists "All companies" first, then each company with its currency, for a tenant with several', async () => {
      const first = await openTwoCompanies();
      expect(first.request.params.has('companies')).toBe(false);
      const select = companySelect()!;
      expect(select.labels?.[0]?.textContent).toContain('Company');
      expect([...select.options].map((option) => option.text.trim())).toEqual([
        'All companies',
        'Stark Industries Europe (EUR)',
        'Stark Industries (USD)',
      ]);
      expect(select.selectedOptions[0].text.trim()).toBe('All companies');
      expect(byTestId('kpi-money-openInvoicesCount-EUR')?.textContent?.trim()).toBe('€2.1M due');
      expect(byTestId('kpi-money-openInvoicesCount-USD')?.textContent?.trim()).toBe('$1.2M due');
    });

    it('asks at once for the company chosen, bypassing the browser cache, and shows its numbers', async () => {
      await openTwoCompanies();
      await choose('2');

      const request = await companyViewRequest();
      expect(request.request.urlWithParams).toBe(`${COMPANY_VIEW_URL}?companies=2`);
      expect(request.request.cache).toBe('no-cache');
      expect(request.request.headers.get('x-tenant-id')).toBe('t-acme');
      // The numbers of all companies are gone while the company's own load.
      expect(byTestId('kpi-money-openInvoicesCount-EUR')).toBeNull();
      expect(companySelect()?.selectedOptions[0].text.trim()).toBe('Stark Industries (USD)');

      request.flush(twoCompanyResponse([2], { tenantId: 't-acme' }));
      await render();
      expect(byTestId('kpi-money-openInvoicesCount-USD')?.textContent?.trim()).toBe('$1.2M due');
      expect(byTestId('kpi-money-openInvoicesCount-EUR')).toBeNull();

      await choose('all');
      const all = await companyViewRequest();
      expect(all.request.urlWithParams).toBe(COMPANY_VIEW_URL);
      expect(all.request.cache).toBe('no-cache');
      all.flush(twoCompanyResponse([1, 2], { tenantId: 't-acme' }));
    });

    it('follows the scope of the data shown', async () => {
      await openTwoCompanies([1]);
      expect(companySelect()?.selectedOptions[0].text.trim()).toBe('Stark Industries Europe (EUR)');
    });

    it('remembers the choice after a reload', async () => {
      await openTwoCompanies();
      await choose('1');
      (await companyViewRequest()).flush(twoCompanyResponse([1], { tenantId: 't-acme' }));
      await render();

      await startApp();
      await openDashboard();
      const request = await companyViewRequest();
      expect(request.request.urlWithParams).toBe(`${COMPANY_VIEW_URL}?companies=1`);
      request.flush(twoCompanyResponse([1], { tenantId: 't-acme' }));
      await render();
      expect(companySelect()?.selectedOptions[0].text.trim()).toBe('Stark Industries Europe (EUR)');
    });

    it('falls back to all companies, with no error shown, when a remembered company is refused', async () => {
      await openTwoCompanies();
      await choose('2');
      (await companyViewRequest()).flush(twoCompanyResponse([2], { tenantId: 't-acme' }));
      await render();

      await startApp();
      await openDashboard();
      const refused = await companyViewRequest();
      expect(refused.request.urlWithParams).toBe(`${COMPANY_VIEW_URL}?companies=2`);
      refused.flush({ error: INVALID_SCOPE_ERROR }, { status: 400, statusText: 'Bad Request' });
      await render();

      const retry = await companyViewRequest();
      expect(retry.request.urlWithParams).toBe(COMPANY_VIEW_URL);
      expect(retry.request.cache).toBe('no-cache');
      retry.flush(twoCompanyResponse([1, 2], { tenantId: 't-acme' }));
      await render();
      expect(byTestId('load-error')).toBeNull();
      expect(byTestId('stale-marker')).toBeNull();
      expect(byTestId('live-region')?.textContent).not.toContain('failed');
      expect(companySelect()?.selectedOptions[0].text.trim()).toBe('All companies');

      // Forgotten for good: the next reload asks for all companies straight away.
      await startApp();
      await openDashboard();
      const next = await companyViewRequest();
      expect(next.request.urlWithParams).toBe(COMPANY_VIEW_URL);
      next.flush(twoCompanyResponse([1, 2], { tenantId: 't-acme' }));
    });
  });
});
