import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { TenantMembershipDto } from '@contracts/tenant';
import { CURRENT_TENANT_TTL_MS, TenantStore } from './tenant-store';

const ACME = { tenantId: 't-acme', tenantName: 'Acme', error: null };
const MEMBERSHIPS: TenantMembershipDto[] = [
  { tenantId: 't-acme', tenantName: 'Acme', isActive: true, isDefault: true, role: 'member' },
  { tenantId: 't-globex', tenantName: 'Globex', isActive: true, isDefault: false, role: 'admin' },
];

describe('TenantStore', () => {
  let store: TenantStore;
  let http: HttpTestingController;

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-02T09:00:00Z'));
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    store = TestBed.inject(TenantStore);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    http.verify();
    vi.useRealTimers();
  });

  async function loadWith(body: object): Promise<void> {
    const loading = store.loadCurrent();
    http.expectOne('/api/tenants/current').flush(body);
    await loading;
  }

  it('shows loading, then the tenant', async () => {
    const loading = store.loadCurrent();
    expect(store.current()).toEqual({ status: 'loading' });
    http.expectOne('/api/tenants/current').flush(ACME);
    await loading;
    expect(store.current()).toEqual({ status: 'ready', tenantId: 't-acme', tenantName: 'Acme' });
    expect(store.currentTenantId()).toBe('t-acme');
  });

  it('reports "no tenant" when the user has no default tenant', async () => {
    await loadWith({ tenantId: null, tenantName: null, error: null });
    expect(store.current()).toEqual({ status: 'none' });
    expect(store.currentTenantId()).toBeNull();
  });

  it('reports the error the server gives', async () => {
    await loadWith({ tenantId: null, tenantName: null, error: 'Tenant lookup failed' });
    expect(store.current()).toEqual({ status: 'error', message: 'Tenant lookup failed' });
  });

  it('reports a failed request as an error', async () => {
    const loading = store.loadCurrent();
    http
      .expectOne('/api/tenants/current')
      .flush({ error: 'Internal error' }, { status: 500, statusText: 'Server Error' });
    await loading;
    expect(store.current()).toEqual({ status: 'error', message: 'Internal error' });
  });

  it('trusts the answer for five minutes, then asks again', async () => {
    await loadWith(ACME);
    vi.setSystemTime(Date.now() + CURRENT_TENANT_TTL_MS - 1);
    await store.loadCurrent();
    http.expectNone('/api/tenants/current');

    vi.setSystemTime(Date.now() + 1);
    const again = store.loadCurrent();
    // The known tenant stays on screen while it is re-checked.
    expect(store.currentTenantId()).toBe('t-acme');
    http.expectOne('/api/tenants/current').flush({ ...ACME, tenantName: 'Acme Inc.' });
    await again;
    expect(store.currentTenantName()).toBe('Acme Inc.');
  });

  it('shares one request between callers', async () => {
    const first = store.loadCurrent();
    const second = store.loadCurrent();
    http.expectOne('/api/tenants/current').flush(ACME);
    await Promise.all([first, second]);
  });

  it('asks again right away after an error', async () => {
    await loadWith({ tenantId: null, tenantName: null, error: 'Tenant lookup failed' });
    const retry = store.loadCurrent();
    http.expectOne('/api/tenants/current').flush(ACME);
    await retry;
    expect(store.currentTenantId()).toBe('t-acme');
  });

  it('switches tenant with PUT and makes the answer current', async () => {
    await loadWith(ACME);
    const memberships = store.loadMemberships();
    http.expectOne('/api/tenants').flush(MEMBERSHIPS);
    await memberships;

    const switching = store.switchTo('t-globex');
    expect(store.switching()).toBe(true);
    const request = http.expectOne('/api/tenants/current');
    expect(request.request.method).toBe('PUT');
    expect(request.request.body).toEqual({ tenantId: 't-globex' });
    request.flush({ tenantId: 't-globex', tenantName: 'Globex', error: null });
    await switching;

    expect(store.switching()).toBe(false);
    expect(store.currentTenantId()).toBe('t-globex');
    expect(store.memberships().find((m) => m.isDefault)?.tenantId).toBe('t-globex');
  });

  it('keeps the current tenant when a switch is refused', async () => {
    await loadWith(ACME);
    const switching = store.switchTo('t-globex');
    http
      .expectOne('/api/tenants/current')
      .flush({ error: 'Forbidden: Tenant is inactive' }, { status: 403, statusText: 'Forbidden' });
    await expect(switching).rejects.toMatchObject({ status: 403 });
    expect(store.currentTenantId()).toBe('t-acme');
    expect(store.switching()).toBe(false);
  });

  it('ignores a slow load that a switch overtook', async () => {
    await loadWith(ACME);
    vi.setSystemTime(Date.now() + CURRENT_TENANT_TTL_MS);
    const slowLoad = store.loadCurrent();
    const slowRequest = http.expectOne((r) => r.method === 'GET');
    const switching = store.switchTo('t-globex');
    http.expectOne((r) => r.method === 'PUT').flush({ tenantId: 't-globex', tenantName: 'Globex', error: null });
    await switching;
    slowRequest.flush(ACME);
    await slowLoad;
    expect(store.currentTenantId()).toBe('t-globex');
  });

  it('forgets everything on clear', async () => {
    await loadWith(ACME);
    store.clear();
    expect(store.current()).toEqual({ status: 'idle' });
    expect(store.memberships()).toEqual([]);
    const reload = store.loadCurrent();
    http.expectOne('/api/tenants/current').flush(ACME);
    await reload;
  });
});
