import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { nextRequest } from '../../../testing/http-helpers';
import { TenantStore } from '../tenant/tenant-store';
import { AuthStore } from './auth-store';
import { ClientSession } from './client-session';

@Component({ template: '' })
class Blank {}

describe('ClientSession.signOut', () => {
  let http: HttpTestingController;

  beforeEach(async () => {
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([{ path: '**', component: Blank }])],
    });
    http = TestBed.inject(HttpTestingController);
    await TestBed.inject(Router).navigateByUrl('/dashboard/company-view');

    const signIn = TestBed.inject(AuthStore).signIn('demo@example.com', 'demo-password');
    http.expectOne('/api/auth/sign-in/email').flush({ user: { id: 'u1', email: 'demo@example.com', name: 'Demo' } });
    await signIn;
    const tenant = TestBed.inject(TenantStore).loadCurrent();
    http.expectOne('/api/tenants/current').flush({ tenantId: 't1', tenantName: 'Acme', error: null });
    await tenant;
  });

  afterEach(() => http.verify());

  async function signOutAnswering(status: number): Promise<void> {
    const signingOut = TestBed.inject(ClientSession).signOut();
    const request = await nextRequest(http, '/api/auth/sign-out');
    expect(request.request.method).toBe('POST');
    if (status === 200) {
      request.flush({ success: true });
    } else {
      request.flush({ message: 'boom' }, { status, statusText: 'Error' });
    }
    await signingOut;
  }

  it('tells the server, forgets the user and the tenant, then shows sign-in', async () => {
    await signOutAnswering(200);
    expect(TestBed.inject(AuthStore).user()).toBeNull();
    expect(TestBed.inject(TenantStore).current()).toEqual({ status: 'idle' });
    expect(TestBed.inject(Router).url).toBe('/sign-in');
  });

  it('forgets everything locally even when the server call fails', async () => {
    await signOutAnswering(500);
    expect(TestBed.inject(AuthStore).user()).toBeNull();
    expect(TestBed.inject(TenantStore).currentTenantId()).toBeNull();
    expect(TestBed.inject(Router).url).toBe('/sign-in');
  });
});
