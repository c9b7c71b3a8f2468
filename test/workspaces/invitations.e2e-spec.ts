// Invitations end to end: emailed through a real SMTP server started here, accepted once by the
// invited address only (signing up from the link although sign-up is closed), replaced, revoked,
// expired with a moved clock. And password resets by email, which sign every other session out.
import { createHash } from 'node:crypto';
import type { TenantMembershipDto } from '../../server/contracts/tenant';
import type { CreateInvitationResponse, InvitationDto, InvitationPreviewDto } from '../../server/contracts/workspaces';
import { cookieHeader, startTestApp, type TestApp } from '../support/app-fixture';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { waitUntil } from '../support/wait-until';
import { actor, type Actor, call, ERRORS, sameKeys } from './support';

const SIGN_UP_DISABLED = { code: 'EMAIL_PASSWORD_SIGN_UP_DISABLED', message: 'Email and password sign up is not enabled' };

let smtp: SmtpSink;
let app: TestApp;
let tenantId: string;
let admin: Actor;
let owner: Actor;

beforeAll(async () => {
  smtp = await startSmtpSink();
  app = await startTestApp({ demoOdoo: false, env: { SMTP_URL: smtp.url, SMTP_FROM: 'Company View <dashboard@test.example>', ALLOW_SIGNUP: 'false' } });
  tenantId = await app.createTenant({ name: 'Invite Co' });
  owner = await actor(app, 'owner', tenantId);
  admin = await actor(app, 'admin', tenantId);
});
afterAll(async () => {
  await app?.close();
  await smtp?.close();
});

let counter = 0;
const newAddress = () => `invitee-${Date.now().toString(36)}-${++counter}@test.example`;
const invite = (email: string, role = 'member', who: Actor = admin) =>
  call<CreateInvitationResponse>(app, who, 'POST', `/api/tenants/${tenantId}/invitations`, { email, role });
const tokenOf = (url: string) => url.split('/invite/')[1];
const preview = (token: string) => call<InvitationPreviewDto>(app, null, 'GET', `/api/invitations/${token}`);
const accept = (who: Pick<Actor, 'cookie'>, token: string) => call(app, who, 'POST', `/api/invitations/${token}/accept`);

/** Asks `on` for a password reset link for `email`, as the sign-in page's form does. */
function requestReset(on: TestApp, email: string, headers: Record<string, string> = {}) {
  return fetch(`${on.url}/api/auth/request-password-reset`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: on.url, ...headers },
    body: JSON.stringify({ email }),
  });
}

/** A second instance on the same database with the same keys, configured by `env` (no SMTP unless given). */
const sibling = (env: Record<string, string> = {}) =>
  startTestApp({ database: app.database, demoOdoo: false, env: { ...sameKeys(app), MIGRATIONS_RUN: 'false', ...env } });

async function signUp(email: string, extra: Record<string, unknown> = {}) {
  const res = await fetch(`${app.url}/api/auth/sign-up/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: app.url },
    body: JSON.stringify({ email, password: 'a-long-password', name: 'Invitee', ...extra }),
  });
  return { status: res.status, body: (await res.json()) as unknown, cookie: cookieHeader(res.headers.getSetCookie()) };
}

describe('an invitation', () => {
  it('is emailed with its single-use link, valid seven days, and only its hash is stored', async () => {
    const email = newAddress();
    const before = Date.now();
    const res = await invite(email, 'admin');
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      invitationId: expect.any(String) as string,
      url: expect.stringMatching(new RegExp(`^${app.url}/invite/[A-Za-z0-9_-]{43}$`)) as string,
      expiresAt: expect.any(String) as string,
      emailSent: true,
    });
    // Seven days, written here rather than read from the code that sets it.
    const sevenDaysMs = 7 * 24 * 3_600_000;
    const lifetime = Date.parse(res.body.expiresAt) - before;
    expect(lifetime).toBeGreaterThan(sevenDaysMs - 60_000);
    expect(lifetime).toBeLessThanOrEqual(sevenDaysMs + 1000);

    const mail = await smtp.next(email);
    expect(mail.from).toBe('dashboard@test.example');
    expect(mail.raw).toContain(res.body.url);
    expect(mail.raw).toMatch(/Invite Co/);
    const token = tokenOf(res.body.url);
    const stored: Array<{ tokenHash: string }> = await app.dataSource.query('SELECT "tokenHash" FROM "invitation" WHERE id = $1', [res.body.invitationId]);
    expect(stored[0].tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(await app.dataSource.query('SELECT * FROM "invitation"'))).not.toContain(token);
  });

  it('tells anyone holding the link what it is about, and lists as pending for admins (without the link)', async () => {
    const email = newAddress();
    const { body } = await invite(email);
    const res = await preview(tokenOf(body.url));
    expect(res.body).toEqual({
      tenantName: 'Invite Co',
      role: 'member',
      email,
      expiresAt: body.expiresAt,
      invitedBy: admin.email!.split('@')[0],
      accountExists: false,
    });
    const pending = await call<InvitationDto[]>(app, admin, 'GET', `/api/tenants/${tenantId}/invitations`);
    expect(pending.body.find((i) => i.email === email)).toEqual({
      invitationId: body.invitationId,
      email,
      role: 'member',
      createdAt: expect.any(String) as string,
      expiresAt: body.expiresAt,
      invitedBy: admin.email,
    });
    expect(pending.text).not.toContain(tokenOf(body.url));
  });

  it('lets the invited address sign up although sign-up is closed, for that address only, then join once', async () => {
    const email = newAddress();
    const { body } = await invite(email, 'admin');
    const token = tokenOf(body.url);
    expect((await signUp(email)).body).toEqual(SIGN_UP_DISABLED);
    expect((await signUp(newAddress(), { invitationToken: token })).body).toEqual(SIGN_UP_DISABLED);
    expect((await signUp(email, { invitationToken: 'x'.repeat(43) })).body).toEqual(SIGN_UP_DISABLED);
    const signedUp = await signUp(email.toUpperCase(), { invitationToken: token });
    expect(signedUp.status).toBe(200);
    const invitee = { cookie: signedUp.cookie };

    const joined = await accept(invitee, token);
    expect([joined.status, joined.body]).toEqual([200, { tenantId, tenantName: 'Invite Co', role: 'admin' }]);
    const tenants = await call<TenantMembershipDto[]>(app, invitee, 'GET', '/api/tenants');
    expect(tenants.body).toEqual([{ tenantId, tenantName: 'Invite Co', isActive: true, isDefault: true, role: 'admin' }]);
    const again = await accept(invitee, token);
    expect([again.status, again.body]).toEqual([410, ERRORS.gone]);
    expect([(await preview(token)).status]).toEqual([410]);
    // A used token opens sign-up for nobody.
    expect((await signUp(newAddress(), { invitationToken: token })).body).toEqual(SIGN_UP_DISABLED);
  });

  it('refuses another signed-in address, and stays usable for the right one', async () => {
    const invitee = await actor(app, 'outsider', null);
    const { body } = await invite(invitee.email!);
    const token = tokenOf(body.url);
    const stranger = await actor(app, 'outsider', null);
    const wrong = await accept(stranger, token);
    expect([wrong.status, wrong.body]).toEqual([403, ERRORS.otherEmail]);
    expect((await preview(token)).body.accountExists).toBe(true);
    expect((await accept(invitee, token)).status).toBe(200);
    const noSession = await accept({ cookie: null }, token);
    expect([noSession.status, noSession.body]).toEqual([401, ERRORS.session]);
  });

  it('answers 410 for a token that never existed or is malformed', async () => {
    for (const token of ['A'.repeat(43), 'short', "1' OR '1'='1"]) {
      const res = await preview(encodeURIComponent(token));
      expect([token, res.status, res.body]).toEqual([token, 410, ERRORS.gone]);
    }
  });

  it('is replaced by inviting the same address again, and dead once revoked', async () => {
    const email = newAddress();
    const first = await invite(email, 'member');
    const second = await invite(email, 'admin');
    expect((await preview(tokenOf(first.body.url))).status).toBe(410);
    expect((await preview(tokenOf(second.body.url))).body.role).toBe('admin');
    const pending = await call<InvitationDto[]>(app, admin, 'GET', `/api/tenants/${tenantId}/invitations`);
    expect(pending.body.filter((i) => i.email === email).map((i) => i.invitationId)).toEqual([second.body.invitationId]);

    expect((await call(app, admin, 'DELETE', `/api/tenants/${tenantId}/invitations/${second.body.invitationId}`)).status).toBe(204);
    expect((await preview(tokenOf(second.body.url))).status).toBe(410);
    const revokedAgain = await call(app, admin, 'DELETE', `/api/tenants/${tenantId}/invitations/${second.body.invitationId}`);
    expect([revokedAgain.status, revokedAgain.body]).toEqual([404, { error: 'Not Found: Invitation not found' }]);
    const invitee = await actor(app, 'outsider', null);
    const forInvitee = await invite(invitee.email!);
    await call(app, admin, 'DELETE', `/api/tenants/${tenantId}/invitations/${forInvitee.body.invitationId}`);
    expect((await accept(invitee, tokenOf(forInvitee.body.url))).status).toBe(410);
  });

  it('takes an owner to invite an owner, and refuses someone already in', async () => {
    const email = newAddress();
    const byAdmin = await invite(email, 'owner', admin);
    expect([byAdmin.status, byAdmin.body]).toEqual([403, ERRORS.owner]);
    expect((await invite(email, 'owner', owner)).status).toBe(201);
    const already = await invite(admin.email!, 'member', owner);
    expect([already.status, already.body]).toEqual([409, { error: 'Conflict: That person is already a member of this workspace' }]);
    const bad = await invite('not an address', 'member');
    expect([bad.status, bad.body]).toEqual([400, { error: 'Bad Request: email must be an email address' }]);
  });

  describe('with the clock moved', () => {
    afterEach(() => jest.useRealTimers());

    /** Moves Date only: timers, the event loop and performance.now run as they do. */
    const moveClockTo = (at: number) =>
      jest.useFakeTimers({
        now: at,
        doNotFake: [
          'nextTick',
          'setImmediate',
          'clearImmediate',
          'setInterval',
          'clearInterval',
          'setTimeout',
          'clearTimeout',
          'queueMicrotask',
          'hrtime',
          'performance',
        ],
      });

    it('works until seven days are up, and is gone after', async () => {
      const invitee = await app.createUser();
      const { body } = await invite(invitee.email);
      const token = tokenOf(body.url);
      const expiresAt = Date.parse(body.expiresAt);

      moveClockTo(expiresAt - 60_000);
      expect((await preview(token)).status).toBe(200);

      moveClockTo(expiresAt + 60_000);
      expect((await preview(token)).body).toEqual(ERRORS.gone);
      // Signed in at the moved time: the session is valid, the invitation is not.
      const cookie = await app.signIn(invitee.email, invitee.password);
      const late = await accept({ cookie }, token);
      expect([late.status, late.body]).toEqual([410, ERRORS.gone]);
      const pending = await call<InvitationDto[]>(
        app,
        { cookie: await app.signIn(admin.email!, 'correct-horse-battery') },
        'GET',
        `/api/tenants/${tenantId}/invitations`,
      );
      expect(pending.body.map((i) => i.invitationId)).not.toContain(body.invitationId);
    });
  });
});

describe('password reset by email', () => {
  it('mails a link to the reset page; the new password works and every session ends', async () => {
    const user = await app.createUser();
    const phone = await app.signIn(user.email, user.password);
    const laptop = await app.signIn(user.email, user.password);
    for (const cookie of [phone, laptop]) expect((await call(app, { cookie }, 'GET', '/api/tenants')).status).toBe(200);

    const asked = await requestReset(app, user.email);
    expect(asked.status).toBe(200);
    const mail = await smtp.next(user.email);
    const link = new RegExp(`${app.url}/reset-password\\?token=([A-Za-z0-9_-]+)`).exec(mail.raw);
    expect(link).not.toBeNull();
    const reset = (token: string) =>
      fetch(`${app.url}/api/auth/reset-password`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: app.url },
        body: JSON.stringify({ newPassword: 'a-brand-new-password', token }),
      });
    expect((await reset(link![1])).status).toBe(200);
    for (const cookie of [phone, laptop]) await waitUntil(async () => (await call(app, { cookie }, 'GET', '/api/tenants')).status === 401);
    await app.signIn(user.email, 'a-brand-new-password');
    await expect(app.signIn(user.email, user.password)).rejects.toThrow(/401/);
    expect((await reset(link![1])).status).toBe(400);
  });

  it('counts reset requests per address like failed sign-ins', async () => {
    const limited = await sibling({ SMTP_URL: smtp.url, SIGN_IN_RATE_LIMIT: '2' });
    try {
      const ask = () => requestReset(limited, 'nobody@test.example');
      expect([(await ask()).status, (await ask()).status]).toEqual([200, 200]);
      const third = await ask();
      expect([third.status, await third.json()]).toEqual([429, { error: 'Too Many Requests: too many password reset attempts, try again later' }]);
      expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });
});

describe('links behind a TLS-terminating proxy', () => {
  it('start reset links, like invitation links, with the origin the user reached (X-Forwarded-Proto honoured)', async () => {
    const proxied = await sibling({ SMTP_URL: smtp.url, TRUST_PROXY: '1' });
    try {
      const publicOrigin = proxied.url.replace(/^http:/, 'https:');
      const user = await proxied.createUser();
      const asked = await requestReset(proxied, user.email, { 'x-forwarded-proto': 'https' });
      expect(asked.status).toBe(200);
      expect((await smtp.next(user.email)).raw).toContain(`${publicOrigin}/reset-password?token=`);

      const tenantId = await proxied.createTenant({ name: 'Behind a proxy' });
      const admin = await actor(proxied, 'admin', tenantId);
      const invited = await call<CreateInvitationResponse>(
        proxied,
        admin,
        'POST',
        `/api/tenants/${tenantId}/invitations`,
        { email: newAddress(), role: 'member' },
        { 'x-forwarded-proto': 'https' },
      );
      expect(invited.body.url.startsWith(`${publicOrigin}/invite/`)).toBe(true);
    } finally {
      await proxied.close();
    }
  });
});

describe('without SMTP_URL', () => {
  let plain: TestApp;

  beforeAll(async () => {
    plain = await sibling();
  });
  afterAll(() => plain?.close());

  it('sends nothing: the link is only shown, and password reset is off', async () => {
    const sent = smtp.received.length;
    const adminHere = await actor(plain, 'admin', tenantId);
    const res = await call<CreateInvitationResponse>(plain, adminHere, 'POST', `/api/tenants/${tenantId}/invitations`, { email: newAddress(), role: 'member' });
    expect(res.status).toBe(201);
    expect(res.body.emailSent).toBe(false);
    expect(res.body.url).toMatch(new RegExp(`^${plain.url}/invite/`));
    const reset = await requestReset(plain, adminHere.email!);
    expect(reset.status).toBe(400);
    expect((await call(plain, null, 'GET', '/api/public-config')).body).toMatchObject({ passwordReset: false });
    expect(smtp.received.length).toBe(sent);
  });
});
