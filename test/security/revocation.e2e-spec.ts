// A session that ends stops working on every instance as soon as the database has announced it:
// sign-out, "sign out my other devices" (change-password with revokeOtherSessions, revoke-other-
// sessions, revoke-sessions), one device signed out by id, `user:disable` and `user:set-password`
// from the admin CLI in another process, and expiry. Two instances share one database; both have
// every session memoised and its cookie cache in hand, with SESSION_CACHE_MAX_AGE_S far longer than
// any test, so only the change notification can end access. Tests wait for that notification on
// each instance, never for a fixed time.
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { CROSS_ORIGIN_MESSAGE, SESSION_NOT_FOUND } from './support/messages';
import type { SessionDto } from '../../server/contracts/session';
import { cookieHeader, startTestApp, type TestApp, type TestUser } from '../support/app-fixture';
import { runAdmin } from '../support/run-cli';
import { heard, sessionChanged, sessionDeleted } from '../support/auth-changes';
import { parseSessionCookies, rawToken } from './support/session-cookies';

const UNAUTHORIZED = { error: 'Unauthorized: Valid session required' };

let a: TestApp;
let b: TestApp;
let cliEnv: Record<string, string>;

beforeAll(async () => {
  const env = {
    SESSION_CACHE_MAX_AGE_S: '3600',
    BETTER_AUTH_SECRET: randomBytes(32).toString('base64url'),
    SECRETS_KEY: randomBytes(32).toString('base64url'),
  };
  a = await startTestApp({ demoOdoo: false, env });
  b = await startTestApp({ demoOdoo: false, env, database: a.database });
  cliEnv = {
    NODE_ENV: 'test',
    DATABASE_URL: a.database.url,
    DATA_DIR: a.database.dataDir,
    BETTER_AUTH_SECRET: env.BETTER_AUTH_SECRET,
    SECRETS_KEY: env.SECRETS_KEY,
    LOG_LEVEL: 'silent',
  };
});

afterAll(async () => {
  await b?.close();
  await a?.close();
});

interface Device {
  cookie: string;
  sessionId: string;
}

/** Signs in on `app` (a new device) and returns its cookies and session id. */
async function device(app: TestApp, user: TestUser): Promise<Device> {
  const cookie = await app.signIn(user.email, user.password);
  const [{ id }]: Array<{ id: string }> = await app.dataSource.query('SELECT id FROM "session" WHERE token = $1', [
    rawToken(parseSessionCookies(cookie).token),
  ]);
  return { cookie, sessionId: id };
}

/** A protected route: its status with this cookie. */
async function probe(app: TestApp, cookie: string): Promise<number> {
  return (await fetch(`${app.url}/api/tenants`, { headers: { cookie } })).status;
}

/** Both instances accept the device, from their memo the second time. */
async function warm(...devices: Device[]): Promise<void> {
  for (const d of devices) for (const app of [a, b, a, b]) expect(await probe(app, d.cookie)).toBe(200);
}

async function expectRefusedEverywhere(d: Device): Promise<void> {
  for (const app of [a, b]) {
    const res = await fetch(`${app.url}/api/tenants`, { headers: { cookie: d.cookie } });
    expect([app === a ? 'a' : 'b', res.status, await res.json()]).toEqual([app === a ? 'a' : 'b', 401, UNAUTHORIZED]);
    // Better Auth's own view of the cookies: no session (its cookie cache is not believed either).
    const session = await fetch(`${app.url}/api/auth/get-session`, { headers: { cookie: d.cookie } });
    expect(await session.json()).toBeNull();
  }
}

/** Resolves once both instances have heard that every given session was deleted. */
function deletionsHeard(...sessionIds: string[]): Promise<unknown> {
  return Promise.all([a, b].map((app) => heard(app, ...sessionIds.map(sessionDeleted))));
}

function post(app: TestApp, path: string, cookie: string, body: object = {}): Promise<Response> {
  return fetch(`${app.url}${path}`, {
    method: 'POST',
    headers: { cookie, origin: app.url, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

it('ends a signed-out session on this instance and the other one', async () => {
  const user = await a.createUser();
  const [laptop, phone] = [await device(a, user), await device(b, user)];
  await warm(laptop, phone);

  const told = deletionsHeard(laptop.sessionId);
  expect((await post(a, '/api/auth/sign-out', laptop.cookie)).status).toBe(200);
  await told;

  await expectRefusedEverywhere(laptop);
  for (const app of [a, b]) expect(await probe(app, phone.cookie)).toBe(200);
});

it('signs the other devices out when the password changes with revokeOtherSessions', async () => {
  const user = await a.createUser();
  const [laptop, phone] = [await device(a, user), await device(b, user)];
  await warm(laptop, phone);

  const told = deletionsHeard(laptop.sessionId, phone.sessionId);
  const changed = await post(a, '/api/auth/change-password', laptop.cookie, {
    currentPassword: user.password,
    newPassword: 'a-brand-new-password',
    revokeOtherSessions: true,
  });
  expect(changed.status).toBe(200);
  await told;

  await expectRefusedEverywhere(phone);
  // The device that changed it carries on with the session Set-Cookie gave it.
  const renewed = cookieHeader(changed.headers.getSetCookie());
  for (const app of [a, b]) expect(await probe(app, renewed)).toBe(200);
});

it('signs one device out by its session id through our own route, only for its owner', async () => {
  const user = await a.createUser();
  const [laptop, phone] = [await device(a, user), await device(b, user)];
  const stranger = await a.newSignedInUser();
  await warm(laptop, phone);

  const listed = (await (await fetch(`${a.url}/api/sessions`, { headers: { cookie: laptop.cookie } })).json()) as SessionDto[];
  expect(listed.map((s) => [s.id, s.current]).sort()).toEqual(
    [
      [laptop.sessionId, true],
      [phone.sessionId, false],
    ].sort(),
  );

  const foreign = await fetch(`${b.url}/api/sessions/${phone.sessionId}`, { method: 'DELETE', headers: { cookie: stranger.cookie } });
  expect([foreign.status, await foreign.json()]).toEqual([404, { error: SESSION_NOT_FOUND }]);
  expect(await probe(b, phone.cookie)).toBe(200);

  // A page on another site can't make the owner's browser do it.
  const crossSite = await fetch(`${a.url}/api/sessions/${phone.sessionId}`, {
    method: 'DELETE',
    headers: { cookie: laptop.cookie, origin: 'https://evil.example' },
  });
  expect([crossSite.status, await crossSite.json()]).toEqual([403, { error: CROSS_ORIGIN_MESSAGE }]);
  expect(await probe(b, phone.cookie)).toBe(200);

  const told = deletionsHeard(phone.sessionId);
  const revoked = await fetch(`${a.url}/api/sessions/${phone.sessionId}`, { method: 'DELETE', headers: { cookie: laptop.cookie } });
  expect([revoked.status, await revoked.text()]).toEqual([204, '']);
  await told;

  await expectRefusedEverywhere(phone);
  for (const app of [a, b]) expect(await probe(app, laptop.cookie)).toBe(200);
});

it("keeps Better Auth's revoke-other-sessions and revoke-sessions working on every instance", async () => {
  const user = await a.createUser();
  const [laptop, phone, tablet] = [await device(a, user), await device(b, user), await device(a, user)];
  await warm(laptop, phone, tablet);

  let told = deletionsHeard(phone.sessionId, tablet.sessionId);
  expect((await post(b, '/api/auth/revoke-other-sessions', laptop.cookie)).status).toBe(200);
  await told;
  await expectRefusedEverywhere(phone);
  await expectRefusedEverywhere(tablet);
  expect(await probe(b, laptop.cookie)).toBe(200);

  told = deletionsHeard(laptop.sessionId);
  expect((await post(a, '/api/auth/revoke-sessions', laptop.cookie)).status).toBe(200);
  await told;
  await expectRefusedEverywhere(laptop);
});

it('ends every session of a user disabled by `user:disable` from another process, and refuses their sign-in like a wrong password', async () => {
  const user = await a.createUser();
  const [laptop, phone] = [await device(a, user), await device(b, user)];
  await warm(laptop, phone);

  const told = deletionsHeard(laptop.sessionId, phone.sessionId);
  const result = await runAdmin(['user:disable', user.email], { env: cliEnv });
  expect([result.code, result.stderr]).toEqual([0, '']);
  expect(result.lines[0]).toMatchObject({ userId: user.userId, revokedSessions: 2, disabled: true });
  await told;

  await expectRefusedEverywhere(laptop);
  await expectRefusedEverywhere(phone);
  const right = await post(b, '/api/auth/sign-in/email', '', { email: user.email, password: user.password });
  const wrong = await post(b, '/api/auth/sign-in/email', '', { email: user.email, password: 'not-the-password' });
  expect([right.status, await right.text()]).toEqual([wrong.status, await wrong.text()]);
});

it('ends every session when `user:set-password` sets a new password from another process', async () => {
  const user = await a.createUser();
  const [laptop, phone] = [await device(a, user), await device(b, user)];
  await warm(laptop, phone);

  const told = deletionsHeard(laptop.sessionId, phone.sessionId);
  const result = await runAdmin(['user:set-password', user.email, '--password-stdin'], { env: cliEnv, stdin: 'set-by-the-admin' });
  expect([result.code, result.stderr]).toEqual([0, '']);
  expect(result.lines[0]).toMatchObject({ userId: user.userId, passwordChanged: true, revokedSessions: 2 });
  await told;

  await expectRefusedEverywhere(laptop);
  await expectRefusedEverywhere(phone);
  expect(await probe(a, await a.signIn(user.email, 'set-by-the-admin'))).toBe(200);
});

it('ends a session deleted or expired by hand-written SQL on another connection', async () => {
  const user = await a.createUser();
  const [laptop, phone] = [await device(a, user), await device(b, user)];
  await warm(laptop, phone);
  const sql = new Client({ connectionString: a.database.url });
  await sql.connect();
  try {
    const told = Promise.all([a, b].map((app) => heard(app, sessionChanged(laptop.sessionId), sessionDeleted(phone.sessionId))));
    await sql.query(`UPDATE "session" SET "expiresAt" = now() - interval '1 second' WHERE id = $1`, [laptop.sessionId]);
    await sql.query(`DELETE FROM "session" WHERE id = $1`, [phone.sessionId]);
    await told;
  } finally {
    await sql.end();
  }
  await expectRefusedEverywhere(laptop);
  await expectRefusedEverywhere(phone);
});

it('ends a session when it expires, although both instances remember it', async () => {
  const user = await a.createUser();
  // Without "remember me" Better Auth never extends the session on use, so it really ends.
  const signedIn = await post(a, '/api/auth/sign-in/email', '', { email: user.email, password: user.password, rememberMe: false });
  expect(signedIn.status).toBe(200);
  const cookie = cookieHeader(signedIn.headers.getSetCookie());
  const [{ id }]: Array<{ id: string }> = await a.dataSource.query('SELECT id FROM "session" WHERE token = $1', [rawToken(parseSessionCookies(cookie).token)]);
  const laptop: Device = { cookie, sessionId: id };
  const told = Promise.all([a, b].map((app) => heard(app, sessionChanged(laptop.sessionId))));
  // TypeORM answers an UPDATE … RETURNING with [rows, count]. The expiry leaves time for the eight
  // warming requests below to be answered before it, even on a busy machine.
  const [[{ expiresAt }]]: [Array<{ expiresAt: Date }>, number] = await a.dataSource.query(
    `UPDATE "session" SET "expiresAt" = now() + interval '5 seconds' WHERE id = $1 RETURNING "expiresAt"`,
    [laptop.sessionId],
  );
  await told;
  await warm(laptop);

  // Poll each instance until it refuses; none may refuse before the expiry nor accept after refusing.
  for (const app of [a, b]) {
    let refusedAt: number | null = null;
    while (refusedAt === null) {
      const sentAt = Date.now();
      if ((await probe(app, laptop.cookie)) === 401) refusedAt = sentAt;
      else if (sentAt > expiresAt.getTime() + 10_000) throw new Error('still accepted 10 s after expiry');
      else await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(refusedAt).toBeGreaterThanOrEqual(expiresAt.getTime() - 50);
    expect(await probe(app, laptop.cookie)).toBe(401);
  }
});
