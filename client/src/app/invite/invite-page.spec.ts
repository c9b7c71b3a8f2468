import type { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import type { RouterTestingHarness } from '@angular/router/testing';
import { INVITATION_GONE_MESSAGE, INVITATION_OTHER_EMAIL_MESSAGE } from '@contracts/errors';
import type { InvitationPreviewDto } from '@contracts/workspaces';
import { companyViewResponse } from '../../testing/company-view-fixtures';
import { nextRequest } from '../../testing/http-helpers';
import { sameEmail } from './invite-page';
import { publicConfig, type RouteHarness, setUpRoutes } from '../../testing/route-harness';

const PREVIEW: InvitationPreviewDto = {
  tenantName: 'Acme',
  role: 'admin',
  email: 'new@acme.example',
  expiresAt: '2026-12-14T10:00:00.000Z',
  invitedBy: 'Olga Owner',
  accountExists: false,
};
const INVITEE = { user: { id: 'u-new', email: 'New@Acme.example', name: 'New' }, session: { id: 's1' } };

describe('InvitePage', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;
  let byTestId: RouteHarness['byTestId'];
  let render: RouteHarness['settle'];

  beforeEach(async () => {
    ({ http, harness, byTestId, settle: render } = await setUpRoutes());
  });

  afterEach(() => http.verify({ ignoreCancelled: true }));

  async function open(session: object | null, preview: InvitationPreviewDto | null = PREVIEW): Promise<void> {
    await harness.navigateByUrl('/invite/tok-1');
    (await nextRequest(http, '/api/public-config')).flush(publicConfig());
    (await nextRequest(http, '/api/auth/get-session')).flush(session);
    const request = await nextRequest(http, '/api/invitations/tok-1');
    if (preview) {
      request.flush(preview);
    } else {
      request.flush({ error: INVITATION_GONE_MESSAGE }, { status: 410, statusText: 'Gone' });
    }
    await render();
  }

  it('compares addresses without regard to case', () => {
    expect(sameEmail('New@Acme.example', 'new@acme.example ')).toBe(true);
    expect(sameEmail('a@b.c', 'b@b.c')).toBe(false);
    expect(sameEmail(null, 'b@b.c')).toBe(false);
  });

  it('tells a signed-out visitor who invites them to what, and leads to sign-up with the invitation', async () => {
    await open(null);
    expect(byTestId('invite-summary')?.textContent?.replace(/\s+/g, ' ')).toContain(
      'Olga Owner invited new@acme.example to the workspace Acme as Admin',
    );
    expect(byTestId('invite-expires')?.textContent).toContain('Dec 14, 2026');
    const signUp = byTestId('invite-sign-up') as HTMLAnchorElement;
    const url = new URL(signUp.href, 'http://app.invalid');
    expect(url.pathname).toBe('/sign-up');
    expect(url.searchParams.get('returnUrl')).toBe('/invite/tok-1');
    expect(url.searchParams.get('invitation')).toBe('tok-1');
    expect(url.searchParams.get('invitedEmail')).toBe('new@acme.example');
    expect(byTestId('invite-accept')).toBeNull();
  });

  it('offers sign-in first when the invited address has an account', async () => {
    await open(null, { ...PREVIEW, accountExists: true });
    expect(byTestId('invite-sign-up')).toBeNull();
    expect((byTestId('invite-sign-in') as HTMLAnchorElement).getAttribute('href')).toBe(
      '/sign-in?returnUrl=%2Finvite%2Ftok-1',
    );
  });

  it('accepts, switches to the workspace and opens its dashboard', async () => {
    await open(INVITEE);
    expect(byTestId('invite-wrong-account')).toBeNull();
    byTestId('invite-accept')!.click();
    const accept = await nextRequest(http, '/api/invitations/tok-1/accept');
    expect(accept.request.method).toBe('POST');
    accept.flush({ tenantId: 't-acme', tenantName: 'Acme', role: 'admin' });
    const put = await nextRequest(http, (r) => r.url === '/api/tenants/current' && r.method === 'PUT');
    expect(put.request.body).toEqual({ tenantId: 't-acme' });
    put.flush({ tenantId: 't-acme', tenantName: 'Acme', error: null });
    (await nextRequest(http, '/api/tenants')).flush([]);
    await render();
    expect(TestBed.inject(Router).url).toBe('/dashboard/company-view');
    const dashboard = await nextRequest(http, (r) => r.url === '/api/company-view');
    expect(dashboard.request.headers.get('x-tenant-id')).toBe('t-acme');
    dashboard.flush(companyViewResponse({ tenantId: 't-acme' }));
    // The cards' trends are asked for the same workspace.
    const history = await nextRequest(http, (r) => r.url === '/api/company-view/history');
    expect(history.request.headers.get('x-tenant-id')).toBe('t-acme');
    history.flush({ tenantId: 't-acme', range: '7d', points: [] });
  });

  it('warns a user signed in with another address, and shows the server refusing them', async () => {
    await open({ user: { id: 'u-x', email: 'someone@else.example', name: 'X' }, session: { id: 's2' } });
    expect(byTestId('invite-wrong-account')?.textContent).toContain('someone@else.example');
    byTestId('invite-accept')!.click();
    (await nextRequest(http, '/api/invitations/tok-1/accept')).flush(
      { error: INVITATION_OTHER_EMAIL_MESSAGE },
      { status: 403, statusText: 'Forbidden' },
    );
    await render();
    expect(byTestId('invite-error')?.textContent).toContain(INVITATION_OTHER_EMAIL_MESSAGE);
    expect(byTestId('invite-error')?.textContent).toContain(
      'Sign in with the email address the invitation was sent to',
    );
  });

  it('says clearly when the invitation is no longer valid', async () => {
    await open(null, null);
    expect(byTestId('invite-invalid')?.textContent).toContain(INVITATION_GONE_MESSAGE);
    expect(byTestId('invite-invalid')?.textContent).toContain('Ask whoever invited you for a new link');
    expect(byTestId('invite-sign-up')).toBeNull();
  });
});
