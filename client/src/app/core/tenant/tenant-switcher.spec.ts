import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { TenantMembershipDto } from '@contracts/tenant';
import { TenantStore } from './tenant-store';
import { TenantSwitcher } from './tenant-switcher';

const MEMBERSHIPS: TenantMembershipDto[] = [
  { tenantId: 't-acme', tenantName: 'Acme', isActive: true, isDefault: true, role: 'member' },
  { tenantId: 't-globex', tenantName: 'Globex', isActive: true, isDefault: false, role: 'member' },
  { tenantId: 't-old', tenantName: 'Old Co', isActive: false, isDefault: false, role: 'member' },
];

describe('TenantSwitcher', () => {
  let http: HttpTestingController;

  beforeEach(async () => {
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    const tenants = TestBed.inject(TenantStore);
    const loads = Promise.all([tenants.loadCurrent(), tenants.loadMemberships()]);
    http.expectOne('/api/tenants/current').flush({ tenantId: 't-acme', tenantName: 'Acme', error: null });
    http.expectOne('/api/tenants').flush(MEMBERSHIPS);
    await loads;
  });

  afterEach(() => http.verify());

  async function render() {
    const fixture = TestBed.createComponent(TenantSwitcher);
    await fixture.whenStable();
    const host = fixture.nativeElement as HTMLElement;
    const select = host.querySelector<HTMLSelectElement>('[data-testid="tenant-switcher"]')!;
    return { fixture, select };
  }

  it('lists every tenant, selects the current one and disables inactive ones', async () => {
    const { select } = await render();
    const options = Array.from(select.options);
    expect(options.map((option) => option.textContent?.trim())).toEqual(['Acme', 'Globex', 'Old Co (inactive)']);
    expect(select.value).toBe('t-acme');
    expect(options.map((option) => option.disabled)).toEqual([false, false, true]);
  });

  it('switches tenant when another one is chosen', async () => {
    const { fixture, select } = await render();
    select.value = 't-globex';
    select.dispatchEvent(new Event('change'));
    const request = http.expectOne('/api/tenants/current');
    expect(request.request.method).toBe('PUT');
    expect(request.request.body).toEqual({ tenantId: 't-globex' });
    request.flush({ tenantId: 't-globex', tenantName: 'Globex', error: null });
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    expect(TestBed.inject(TenantStore).currentTenantId()).toBe('t-globex');
  });

  it('gives the focus back to the select once a switch made from it is over', async () => {
    const { fixture, select } = await render();
    document.body.appendChild(fixture.nativeElement as HTMLElement);
    select.focus();
    select.value = 't-globex';
    select.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    expect(select.disabled).toBe(true);
    // What Chromium does to a focused element that becomes disabled.
    select.blur();
    http.expectOne('/api/tenants/current').flush({ tenantId: 't-globex', tenantName: 'Globex', error: null });
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    expect(select.disabled).toBe(false);
    expect(document.activeElement).toBe(select);
    fixture.destroy();
  });

  it('shows the refusal and puts the selection back', async () => {
    const { fixture, select } = await render();
    select.value = 't-globex';
    select.dispatchEvent(new Event('change'));
    http
      .expectOne('/api/tenants/current')
      .flush({ error: 'Forbidden: Tenant is inactive' }, { status: 403, statusText: 'Forbidden' });
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    const error = (fixture.nativeElement as HTMLElement).querySelector('[data-testid="tenant-switch-error"]')!;
    expect(error.textContent).toContain('Forbidden: Tenant is inactive');
    expect(select.value).toBe('t-acme');
  });
});
