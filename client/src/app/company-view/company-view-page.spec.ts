import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, withAutoCleanupInjectors, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { CompanyViewSectionKey, SectionErrorKind } from '@contracts/company-view';
import { companyViewResponse } from '../../testing/company-view-fixtures';
import { nextRequest } from '../../testing/http-helpers';
import { routes } from '../app.routes';
import { USER_LOCALE } from '../core/locale';
import { TenantStore } from '../core/tenant/tenant-store';
import { COMPANY_VIEW_URL } from './company-view-api';

const ACME = { tenantId: 't-acme', tenantName: 'Acme Corp', error: null };
const USER = { user: { id: 'u1', email: 'demo@example.com', name: 'Demo User' }, session: { id: 's1' } };

describe('CompanyViewPage', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;

  beforeEach(async () => {
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
  });

  afterEach(() => http.verify({ ignoreCancelled: true }));

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

  async function companyViewRequest(): Promise<TestRequest> {
    return nextRequest(http, COMPANY_VIEW_URL);
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
      errorsBySection: { crm: { message: 'Model crm.lead not found' }, projects: { message: 'projects timeout after 4000ms' } },
      meta: { errorKinds: { crm: 'module-missing', projects: 'timeout' }, companyCurrency: 'EUR', odooVersion: '17.0' },
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
    const keys: CompanyViewSectionKey[] = ['accounting', 'crm', 'projects', 'helpdesk', 'inventory'];
    const errorKinds = Object.fromEntries(keys.map((key) => [key, 'auth' as SectionErrorKind]));
    const errorsBySection = Object.fromEntries(keys.map((key) => [key, { message: 'Authentication failed' }]));
    (await companyViewRequest()).flush(
      companyViewResponse({ tenantId: 't-acme', errorsBySection, meta: { errorKinds, companyCurrency: null, odooVersion: null } }),
    );
    await render();

    expect(byTestId('global-banner')?.dataset['kind']).toBe('connection-error');
    expect(byTestId('global-banner')?.textContent).toContain('Authentication failed');
    expect((byTestId('refresh-button') as HTMLButtonElement).disabled).toBe(true);
    expect(byTestId('section-banner-crm')).toBeNull();
  });

  it('drops the previous tenant\'s numbers at once when the tenant is switched', async () => {
    await openDashboard();
    (await companyViewRequest()).flush(
      companyViewResponse({ tenantId: 't-acme', kpis: { ...companyViewResponse().kpis, openTasksCount: 24 } }),
    );
    await render();
    expect(byTestId('kpi-value-openTasksCount')?.textContent?.trim()).toBe('24');

    const switching = TestBed.inject(TenantStore).switchTo('t-globex');
    (await nextRequest(http, (r) => r.method === 'PUT')).flush({ tenantId: 't-globex', tenantName: 'Globex', error: null });
    await switching;
    await render();

    expect(byTestId('kpi-value-openTasksCount')).toBeNull();
    expect(byTestId('dashboard-loading')).not.toBeNull();
    const request = await companyViewRequest();
    expect(request.request.headers.get('x-tenant-id')).toBe('t-globex');
    expect(request.request.cache).toBe('no-cache');
    request.flush(companyViewResponse({ tenantId: 't-globex', kpis: { ...companyViewResponse().kpis, openTasksCount: 7 } }));
    await render();
    expect(byTestId('kpi-value-openTasksCount')?.textContent?.trim()).toBe('7');
  });

  it('stops polling once the user leaves the page', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      await openDashboard();
      (await companyViewRequest()).flush(companyViewResponse({ tenantId: 't-acme', recommendedPollIntervalMs: 30_000 }));
      await render();

      await harness.navigateByUrl('/account');
      vi.advanceTimersByTime(5 * 60_000);
      http.expectNone(COMPANY_VIEW_URL);
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});
