// Session tokens live only in httpOnly cookies. Every JSON body the auth routes and our session
// routes answer with, through a user's whole life (sign-up, sign-in on a second device, get-session,
// list-sessions, update-user, change-password, revoking, sign-out), is searched for every token the
// user's sessions ever had: none may appear, nor any `token` field. The cookie cache is encrypted,
// so the token inside it can't be read either.
import { randomBytes } from 'node:crypto';
import { cookieHeader, startTestApp, type TestApp } from '../support/app-fixture';
import { parseSessionCookies, rawToken, readCache } from './support/session-cookies';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ demoOdoo: false });
});
afterAll(() => app?.close());

interface Seen {
  label: string;
  status: number;
  body: string;
}

it('never puts a session token in a response body', async () => {
  const email = `tokens-${randomBytes(4).toString('hex')}@test.example`;
  const password = 'first-password-1';
  const seen: Seen[] = [];
  const tokens = new Set<string>();
  const rememberTokens = async () => {
    const rows: Array<{ token: string }> = await app.dataSource.query('SELECT s.token FROM "session" s JOIN "user" u ON u.id = s."userId" WHERE u.email = $1', [
      email,
    ]);
    for (const { token } of rows) tokens.add(token);
  };
  const call = async (label: string, path: string, init: { method?: string; cookie?: string; body?: object } = {}) => {
    const res = await fetch(`${app.url}${path}`, {
      method: init.method ?? (init.body ? 'POST' : 'GET'),
      headers: { origin: app.url, ...(init.cookie ? { cookie: init.cookie } : {}), ...(init.body ? { 'content-type': 'application/json' } : {}) },
      body: init.body ? JSON.stringify(init.body) : undefined,
    });
    seen.push({ label, status: res.status, body: await res.text() });
    for (const line of res.headers.getSetCookie()) {
      const value = line.split(';')[0].split('=').slice(1).join('=');
      if (line.includes('session_token=') && value) tokens.add(rawToken(value));
    }
    await rememberTokens();
    return res;
  };

  const signedUp = await call('sign-up', '/api/auth/sign-up/email', { body: { email, password, name: 'Token Tester' } });
  const laptop = cookieHeader(signedUp.headers.getSetCookie());
  const phone = cookieHeader((await call('sign-in', '/api/auth/sign-in/email', { body: { email, password } })).headers.getSetCookie());
  await call('get-session', '/api/auth/get-session', { cookie: laptop });
  await call('list-sessions', '/api/auth/list-sessions', { cookie: laptop });
  await call('our sessions', '/api/sessions', { cookie: laptop });
  await call('update-user', '/api/auth/update-user', { cookie: laptop, body: { name: 'Renamed' } });
  await call('change-password', '/api/auth/change-password', { cookie: laptop, body: { currentPassword: password, newPassword: 'second-password-2' } });
  const renewed = await call('change-password, other devices out', '/api/auth/change-password', {
    cookie: laptop,
    body: { currentPassword: 'second-password-2', newPassword: 'third-password-3', revokeOtherSessions: true },
  });
  const current = cookieHeader(renewed.headers.getSetCookie());
  await call('sign-in again', '/api/auth/sign-in/email', { body: { email, password: 'third-password-3' } });
  await call('revoke-other-sessions', '/api/auth/revoke-other-sessions', { cookie: current, body: {} });
  await call('get-session after revoking', '/api/auth/get-session', { cookie: current });
  await call('sign-out', '/api/auth/sign-out', { cookie: current, body: {} });
  await call('get-session of a signed-out phone', '/api/auth/get-session', { cookie: phone });

  expect(seen.filter((s) => s.status >= 400).map((s) => `${s.label}: ${s.status} ${s.body}`)).toEqual([]);
  expect(tokens.size).toBeGreaterThanOrEqual(4);
  const leaks = seen.flatMap((s) => [...tokens].filter((t) => s.body.includes(t)).map(() => s.label));
  expect(leaks).toEqual([]);
  expect(seen.filter((s) => /"token"\s*:/.test(s.body)).map((s) => `${s.label}: ${s.body}`)).toEqual([]);
  // The answers did carry what the client needs.
  expect(JSON.parse(seen.find((s) => s.label === 'sign-in')!.body)).toMatchObject({ user: { email } });
  expect(JSON.parse(seen.find((s) => s.label === 'list-sessions')!.body)).toHaveLength(2);
});

it('keeps the token unreadable inside the cookie cache', async () => {
  const user = await app.createUser();
  const cookies = parseSessionCookies(await app.signIn(user.email, user.password));
  const token = rawToken(cookies.token);
  expect(cookies.cache).not.toContain(token);
  expect(Buffer.from(cookies.cache, 'base64url').toString('latin1')).not.toContain(token);
  expect(await readCache(cookies.cache, randomBytes(32).toString('base64url'))).toBeNull();
  // It is there, for the server only.
  expect((await readCache(cookies.cache, app.config.auth.secret))?.session.token).toBe(token);
});

it("has no route that revokes a session by its token (Better Auth's revoke-session is off)", async () => {
  const user = await app.newSignedInUser();
  const token = rawToken(parseSessionCookies(user.cookie).token);
  const res = await fetch(`${app.url}/api/auth/revoke-session`, {
    method: 'POST',
    headers: { cookie: user.cookie, origin: app.url, 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  expect(res.status).toBe(404);
  expect((await fetch(`${app.url}/api/tenants`, { headers: { cookie: user.cookie } })).status).toBe(200);
});
