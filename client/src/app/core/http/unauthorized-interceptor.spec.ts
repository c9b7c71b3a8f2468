import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ApplicationRef, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { TenantStore } from '../tenant/tenant-store';
import { endsSessionOn401, unauthorizedInterceptor } from './unauthorized-interceptor';

@Component({ template: '' })
class Blank {}

describe('unauthorizedInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let router: Router;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([unauthorizedInterceptor])),
        provideHttpClientTesting(),
        provideRouter([{ path: '**', component: Blank }]),
      ],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
    await router.navigateByUrl('/dashboard/company-view');
  });

  afterEach(() => backend.verify());

  async function answer401(url: string): Promise<unknown> {
    const result = firstValueFrom(http.get(url)).catch((error: unknown) => error);
    backend
      .expectOne(url)
      .flush({ error: 'Unauthorized: Valid session required' }, { status: 401, statusText: 'Unauthorized' });
    const error = await result;
    // Router navigations are tracked as pending tasks, so this waits for the redirect to finish.
    await TestBed.inject(ApplicationRef).whenStable();
    return error;
  }

  it('sends the user to sign in, with the page to come back to, when the API says 401', async () => {
    const error = await answer401('/api/company-view');
    expect(router.url).toBe('/sign-in?returnUrl=%2Fdashboard%2Fcompany-view');
    expect(error).toMatchObject({ status: 401 });
  });

  it('forgets the cached tenant when the session ends', async () => {
    const tenants = TestBed.inject(TenantStore);
    const loading = tenants.loadCurrent();
    backend.expectOne('/api/tenants/current').flush({ tenantId: 't1', tenantName: 'Acme', error: null });
    await loading;
    expect(tenants.currentTenantId()).toBe('t1');

    await answer401('/api/company-view');
    expect(tenants.current()).toEqual({ status: 'idle' });
  });

  it('leaves a failed sign-in to the sign-in form', async () => {
    await router.navigateByUrl('/sign-in');
    const result = firstValueFrom(http.post('/api/auth/sign-in/email', {})).catch((error: unknown) => error);
    backend
      .expectOne('/api/auth/sign-in/email')
      .flush(
        { code: 'INVALID_EMAIL_OR_PASSWORD', message: 'Invalid email or password' },
        { status: 401, statusText: 'Unauthorized' },
      );
    await result;
    expect(router.url).toBe('/sign-in');
  });

  it('does not redirect on other errors', async () => {
    const result = firstValueFrom(http.get('/api/company-view')).catch((error: unknown) => error);
    backend
      .expectOne('/api/company-view')
      .flush({ error: 'Forbidden: Tenant is inactive' }, { status: 403, statusText: 'Forbidden' });
    expect(await result).toMatchObject({ status: 403 });
    expect(router.url).toBe('/dashboard/company-view');
  });
});

describe('endsSessionOn401', () => {
  it('applies to the API except the sign-in call', () => {
    expect(endsSessionOn401('/api/company-view')).toBe(true);
    expect(endsSessionOn401('/api/auth/change-password')).toBe(true);
    expect(endsSessionOn401('http://localhost:4200/api/tenants')).toBe(true);
    expect(endsSessionOn401('/api/auth/sign-in/email')).toBe(false);
    expect(endsSessionOn401('/assets/config.json')).toBe(false);
  });
});

describe('unauthorizedInterceptor while the app starts', () => {
  it('keeps the deep link being opened, not "/", when a 401 arrives before the first navigation ends', async () => {
    let letThrough!: (allowed: boolean) => void;
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([unauthorizedInterceptor])),
        provideHttpClientTesting(),
        provideRouter([
          // The dashboard's guard is still waiting (say, for the session) when the 401 comes in.
          {
            path: 'dashboard/company-view',
            component: Blank,
            canActivate: [() => new Promise<boolean>((resolve) => (letThrough = resolve))],
          },
          { path: '**', component: Blank },
        ]),
      ],
    });
    const router = TestBed.inject(Router);
    const backend = TestBed.inject(HttpTestingController);
    const opening = router.navigateByUrl('/dashboard/company-view?kiosk=1');
    await new Promise((resolve) => setTimeout(resolve));
    expect(router.url).toBe('/');

    const failed = firstValueFrom(TestBed.inject(HttpClient).get('/api/tenants/current')).catch((e: unknown) => e);
    backend
      .expectOne('/api/tenants/current')
      .flush({ error: 'Unauthorized: Valid session required' }, { status: 401, statusText: 'Unauthorized' });
    await failed;
    letThrough(true);
    await opening;
    await TestBed.inject(ApplicationRef).whenStable();
    expect(router.url).toBe('/sign-in?returnUrl=%2Fdashboard%2Fcompany-view%3Fkiosk%3D1');
  });
});
