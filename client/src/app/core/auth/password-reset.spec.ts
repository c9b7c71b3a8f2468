import type { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import type { RouterTestingHarness } from '@angular/router/testing';
import { answerAll, nextRequest } from '../../../testing/http-helpers';
import { INVALID_RESET_LINK_MESSAGE } from './auth-errors';
import { publicConfig, type RouteHarness, setUpRoutes } from '../../../testing/route-harness';

const CONFIG = publicConfig({ passwordReset: true });

describe('password reset pages', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;
  let byTestId: RouteHarness['byTestId'];
  let settle: RouteHarness['settle'];

  beforeEach(async () => {
    ({ http, harness, byTestId, settle } = await setUpRoutes());
  });

  afterEach(() => http.verify());

  function type(id: string, value: string): void {
    const input = byTestId<HTMLInputElement>(id)!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  /** Opens a page as a signed-out visitor, answering the config and session lookups. */
  async function open(url: string, config = CONFIG): Promise<void> {
    const navigation = harness.navigateByUrl(url);
    // The reset page itself does not care who is signed in; the others send signed-in users away.
    const session = url.startsWith('/reset-password') ? {} : { '/api/auth/get-session': null };
    await answerAll(http, { '/api/public-config': config, ...session });
    await navigation;
    await settle();
  }

  it('hides "Forgot password?" on sign-in when the server cannot send reset links', async () => {
    await open('/sign-in', { ...CONFIG, passwordReset: false });
    expect(byTestId('forgot-password-link')).toBeNull();
  });

  it('links "Forgot password?" from sign-in, carrying the address typed so far', async () => {
    await open('/sign-in');
    type('auth-email', 'me@example.com');
    await settle();
    expect(byTestId('forgot-password-link')?.getAttribute('href')).toBe('/forgot-password?email=me@example.com');
  });

  it('keeps the reset pages closed when the server cannot send links', async () => {
    const navigation = harness.navigateByUrl('/forgot-password');
    (await nextRequest(http, '/api/public-config')).flush({ ...CONFIG, passwordReset: false });
    (await nextRequest(http, '/api/auth/get-session')).flush(null);
    await navigation;
    expect(TestBed.inject(Router).url).toBe('/sign-in');
  });

  it('asks for a link that comes back to /reset-password, and says the same whatever the address', async () => {
    await open('/forgot-password?email=me%40example.com');
    expect(byTestId<HTMLInputElement>('forgot-email')!.value).toBe('me@example.com');
    byTestId('forgot-submit')!.click();
    const request = await nextRequest(http, '/api/auth/request-password-reset');
    expect(request.request.body).toEqual({ email: 'me@example.com', redirectTo: '/reset-password' });
    request.flush({ status: true, message: 'If this email exists in our system, check your email for the reset link' });
    await settle();
    expect(byTestId('reset-requested')?.textContent).toContain('If me@example.com has an account');
  });

  it('sets the new password with the token of the link', async () => {
    await open('/reset-password?token=tok-9');
    type('reset-password', 'new-password-1');
    type('reset-confirm', 'new-password-2');
    byTestId('reset-submit')!.click();
    await settle();
    expect(byTestId('reset-error')?.textContent).toContain('do not match');
    http.expectNone('/api/auth/reset-password');

    type('reset-confirm', 'new-password-1');
    byTestId('reset-submit')!.click();
    const request = await nextRequest(http, '/api/auth/reset-password');
    expect(request.request.body).toEqual({ token: 'tok-9', newPassword: 'new-password-1' });
    request.flush({ status: true });
    await settle();
    expect(byTestId('reset-done')).not.toBeNull();
  });

  it('says the link is bad when Better Auth sent the user back with an error', async () => {
    await open('/reset-password?error=INVALID_TOKEN');
    expect(byTestId('reset-link-invalid')?.textContent).toContain(INVALID_RESET_LINK_MESSAGE);
    expect(byTestId('reset-password-form')).toBeNull();
  });

  it('says the link is bad when the server refuses its token', async () => {
    await open('/reset-password?token=old');
    type('reset-password', 'new-password-1');
    type('reset-confirm', 'new-password-1');
    byTestId('reset-submit')!.click();
    (await nextRequest(http, '/api/auth/reset-password')).flush(
      { code: 'INVALID_TOKEN', message: 'Invalid token' },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle();
    expect(byTestId('reset-error')?.textContent).toContain(INVALID_RESET_LINK_MESSAGE);
  });
});
