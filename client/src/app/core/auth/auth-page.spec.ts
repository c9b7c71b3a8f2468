import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { nextRequest } from '../../../testing/http-helpers';
import { AuthPage, DEMO_EMAIL, DEMO_PASSWORD } from './auth-page';
import { RATE_LIMITED_MESSAGE } from './auth-errors';

@Component({ template: '<p>somewhere</p>' })
class Somewhere {}

const USER = { id: 'u1', email: 'demo@example.com', name: 'Demo User' };

describe('AuthPage', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;

  beforeEach(async () => {
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter(
          [
            { path: 'sign-in', component: AuthPage, data: { mode: 'sign-in' } },
            { path: 'sign-up', component: AuthPage, data: { mode: 'sign-up' } },
            { path: '**', component: Somewhere },
          ],
          withComponentInputBinding(),
        ),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
  });

  afterEach(() => http.verify());

  function byTestId<T extends HTMLElement = HTMLElement>(id: string): T | null {
    return harness.routeNativeElement!.querySelector<T>(`[data-testid="${id}"]`);
  }

  async function settle(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve));
    await harness.fixture.whenStable();
  }

  async function open(url: string, config = { allowSignup: false, demoMode: false }): Promise<void> {
    await harness.navigateByUrl(url);
    (await nextRequest(http, '/api/public-config')).flush(config);
    await settle();
  }

  function type(id: string, value: string): void {
    const input = byTestId<HTMLInputElement>(id)!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  async function submit(): Promise<void> {
    byTestId<HTMLFormElement>('sign-in-form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await settle();
  }

  it('signs in and goes to the page the user came from', async () => {
    await open('/sign-in?returnUrl=%2Faccount');
    type('auth-email', ' demo@example.com ');
    type('auth-password', 'demo-password');
    await submit();

    const request = await nextRequest(http, '/api/auth/sign-in/email');
    expect(request.request.body).toEqual({ email: 'demo@example.com', password: 'demo-password' });
    request.flush({ redirect: false, token: 'x', user: USER });
    await settle();
    expect(TestBed.inject(Router).url).toBe('/account');
  });

  it('goes to the dashboard instead of a return URL outside the app', async () => {
    await open('/sign-in?returnUrl=https%3A%2F%2Fevil.example');
    type('auth-email', 'demo@example.com');
    type('auth-password', 'demo-password');
    await submit();
    (await nextRequest(http, '/api/auth/sign-in/email')).flush({ user: USER });
    await settle();
    expect(TestBed.inject(Router).url).toBe('/dashboard/company-view');
  });

  it('shows a wrong password inline and stays on the page', async () => {
    await open('/sign-in');
    type('auth-email', 'demo@example.com');
    type('auth-password', 'nope');
    await submit();
    (await nextRequest(http, '/api/auth/sign-in/email')).flush(
      { code: 'INVALID_EMAIL_OR_PASSWORD', message: 'Invalid email or password' },
      { status: 401, statusText: 'Unauthorized' },
    );
    await settle();
    expect(byTestId('auth-error')?.textContent).toContain('Wrong email or password.');
    expect(TestBed.inject(Router).url).toBe('/sign-in');
  });

  it('asks the user to wait when sign-in is rate limited', async () => {
    await open('/sign-in');
    type('auth-email', 'demo@example.com');
    type('auth-password', 'nope');
    await submit();
    (await nextRequest(http, '/api/auth/sign-in/email')).flush(
      { message: 'Too many requests. Please try again later.' },
      { status: 429, statusText: 'Too Many Requests' },
    );
    await settle();
    expect(byTestId('auth-error')?.textContent).toContain(RATE_LIMITED_MESSAGE);
  });

  it('checks the form before calling the server', async () => {
    await open('/sign-in');
    type('auth-email', 'not-an-email');
    await submit();
    http.expectNone('/api/auth/sign-in/email');
    expect(byTestId('auth-error')?.textContent).toContain('valid email');
  });

  it('shows the demo credentials only in demo mode, and can fill them in', async () => {
    await open('/sign-in', { allowSignup: false, demoMode: true });
    expect(byTestId('demo-hint')?.textContent).toContain(DEMO_EMAIL);
    expect(byTestId('demo-hint')?.textContent).toContain(DEMO_PASSWORD);
    byTestId('demo-fill')!.click();
    await settle();
    expect(byTestId<HTMLInputElement>('auth-email')!.value).toBe(DEMO_EMAIL);
    expect(byTestId<HTMLInputElement>('auth-password')!.value).toBe(DEMO_PASSWORD);
  });

  it('hides the demo hint and the sign-up link unless the server enables them', async () => {
    await open('/sign-in');
    expect(byTestId('demo-hint')).toBeNull();
    expect(byTestId('sign-up-link')).toBeNull();
  });

  it('links to sign-up when the server allows it', async () => {
    await open('/sign-in', { allowSignup: true, demoMode: false });
    expect(byTestId('sign-up-link')).not.toBeNull();
  });
});
