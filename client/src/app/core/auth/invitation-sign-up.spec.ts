import type { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import type { RouterTestingHarness } from '@angular/router/testing';
import { nextRequest } from '../../../testing/http-helpers';
import { publicConfig, type RouteHarness, setUpRoutes } from '../../../testing/route-harness';

const CLOSED = publicConfig();

describe('sign-up from an invitation, and the operator console guard', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;
  let byTestId: RouteHarness['byTestId'];
  let settle: RouteHarness['settle'];

  beforeEach(async () => {
    ({ http, harness, byTestId, settle } = await setUpRoutes());
  });

  afterEach(() => http.verify({ ignoreCancelled: true }));

  it('opens sign-up for an invitation even when sign-up is closed, and sends the token along', async () => {
    const navigation = harness.navigateByUrl(
      '/sign-up?returnUrl=%2Finvite%2Ftok-1&invitation=tok-1&invitedEmail=new%40acme.example',
    );
    (await nextRequest(http, '/api/auth/get-session')).flush(null);
    await navigation;
    (await nextRequest(http, '/api/public-config')).flush(CLOSED);
    await settle();
    expect(TestBed.inject(Router).url).toContain('/sign-up');
    expect(byTestId<HTMLInputElement>('auth-email')!.value).toBe('new@acme.example');

    const name = byTestId<HTMLInputElement>('auth-name')!;
    name.value = 'New Person';
    name.dispatchEvent(new Event('input'));
    const password = byTestId<HTMLInputElement>('auth-password')!;
    password.value = 'long-enough-password';
    password.dispatchEvent(new Event('input'));
    byTestId('auth-submit')!.click();

    const signUp = await nextRequest(http, '/api/auth/sign-up/email');
    expect(signUp.request.body).toEqual({
      name: 'New Person',
      email: 'new@acme.example',
      password: 'long-enough-password',
      invitationToken: 'tok-1',
    });
    signUp.flush({ user: { id: 'u-new', email: 'new@acme.example', name: 'New Person' } });
    (await nextRequest(http, '/api/auth/get-session')).flush({
      user: { id: 'u-new', email: 'new@acme.example', name: 'New Person' },
    });
    await settle();
    expect(TestBed.inject(Router).url).toBe('/invite/tok-1');
    (await nextRequest(http, '/api/public-config')).flush(CLOSED);
    (await nextRequest(http, '/api/invitations/tok-1')).flush(
      { error: 'Gone: Invitation is no longer valid' },
      { status: 410, statusText: 'Gone' },
    );
  });

  it('keeps sign-up closed without an invitation', async () => {
    const navigation = harness.navigateByUrl('/sign-up');
    (await nextRequest(http, '/api/public-config')).flush(CLOSED);
    (await nextRequest(http, '/api/auth/get-session')).flush(null);
    await navigation;
    expect(TestBed.inject(Router).url).toBe('/sign-in');
  });

  it('sends someone who is not an operator from /admin to the dashboard', async () => {
    const refused = harness.navigateByUrl('/admin');
    (await nextRequest(http, '/api/auth/get-session')).flush({
      user: { id: 'u1', email: 'me@example.com', name: 'Me' },
    });
    await refused;
    expect(TestBed.inject(Router).url).toBe('/dashboard/company-view');
    (await nextRequest(http, '/api/tenants/current')).flush({ tenantId: null, tenantName: null, error: null });
    (await nextRequest(http, '/api/public-config')).flush(CLOSED);
  });

  it('lets operators into /admin', async () => {
    const allowed = harness.navigateByUrl('/admin');
    (await nextRequest(http, '/api/auth/get-session')).flush({
      user: { id: 'u1', email: 'ops@example.com', name: 'Ops', isOperator: true },
    });
    await allowed;
    expect(TestBed.inject(Router).url).toBe('/admin');
    (await nextRequest(http, '/api/admin/tenants')).flush([]);
    (await nextRequest(http, (r) => r.url === '/api/admin/audit')).flush({ items: [], nextCursor: null });
  });
});
