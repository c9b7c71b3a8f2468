import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { nextRequest } from '../../../testing/http-helpers';
import { authGuard, guestGuard, signUpGuard } from './auth-guards';

@Component({ template: '' })
class Blank {}

describe('auth guards', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;

  beforeEach(async () => {
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([
          { path: 'sign-in', component: Blank, canActivate: [guestGuard] },
          { path: 'sign-up', component: Blank, canActivate: [signUpGuard] },
          { path: 'dashboard/company-view', component: Blank, canActivate: [authGuard] },
          { path: 'account', component: Blank, canActivate: [authGuard] },
        ]),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
  });

  afterEach(() => http.verify());

  async function go(url: string, session: object | null): Promise<string> {
    const navigation = harness.navigateByUrl(url);
    (await nextRequest(http, '/api/auth/get-session')).flush(session);
    await navigation;
    return TestBed.inject(Router).url;
  }

  it('sends a visitor without a session to sign in, remembering the page', async () => {
    expect(await go('/account', null)).toBe('/sign-in?returnUrl=%2Faccount');
  });

  it('lets a signed-in user through', async () => {
    expect(await go('/account', { user: { id: 'u1', email: 'a@b.c', name: 'A' } })).toBe('/account');
  });

  it('sends a signed-in user away from the sign-in page, to where they were going', async () => {
    expect(await go('/sign-in?returnUrl=%2Faccount', { user: { id: 'u1', email: 'a@b.c', name: 'A' } })).toBe(
      '/account',
    );
  });

  it('opens sign-up only when the server allows it', async () => {
    const closed = harness.navigateByUrl('/sign-up');
    (await nextRequest(http, '/api/public-config')).flush({ allowSignup: false, demoMode: false });
    (await nextRequest(http, '/api/auth/get-session')).flush(null);
    await closed;
    expect(TestBed.inject(Router).url).toBe('/sign-in');
  });
});
