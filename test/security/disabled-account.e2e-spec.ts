// A disabled account answers exactly like a wrong password, whether the password given is right or
// wrong, so sign-in can't be used to test passwords of disabled accounts. The password is still
// checked first (Better Auth refuses the session only after verifying it), so the timing follows
// the same path too; no test here measures time.
import { randomBytes } from 'node:crypto';
import { disableUser } from '../../server/auth/user-admin';
import { startTestApp, type TestApp } from '../support/app-fixture';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ demoOdoo: false, env: { SIGN_IN_RATE_LIMIT: '100' } });
});
afterAll(() => app?.close());

async function signIn(email: string, password: string) {
  const res = await fetch(`${app.url}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: app.url },
    body: JSON.stringify({ email, password }),
  });
  return { status: res.status, body: await res.text(), cookies: res.headers.getSetCookie() };
}

it('answers a disabled account with the right password exactly as with a wrong one', async () => {
  const user = await app.createUser();
  const before = await signIn(user.email, user.password);
  expect(before.status).toBe(200);
  await app.dataSource.transaction((tx) => disableUser(tx, user.email));

  const right = await signIn(user.email, user.password);
  const wrong = await signIn(user.email, `wrong-${randomBytes(4).toString('hex')}`);
  const stranger = await signIn(`nobody-${randomBytes(4).toString('hex')}@test.example`, user.password);
  expect(right).toEqual(wrong);
  expect(right).toEqual(stranger);
  expect(right.status).toBe(401);
  expect(JSON.parse(right.body)).toEqual({ code: 'INVALID_EMAIL_OR_PASSWORD', message: 'Invalid email or password' });
  expect(right.cookies).toEqual([]);
});

it('refuses a user disabled by hand-written SQL the same way, and ends their sessions', async () => {
  const user = await app.newSignedInUser();
  await app.dataSource.query('UPDATE "user" SET "disabledAt" = now() WHERE id = $1', [user.userId]);
  const sessions: unknown[] = await app.dataSource.query('SELECT 1 FROM "session" WHERE "userId" = $1', [user.userId]);
  expect(sessions).toEqual([]);
  const right = await signIn(user.email, user.password);
  expect(right).toEqual(await signIn(user.email, 'not-the-password'));
});
