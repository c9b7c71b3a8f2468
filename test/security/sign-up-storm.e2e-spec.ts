// Many sign-ups at once can neither deadlock Better Auth's pool nor starve everyone else of it. A
// sign-up holds one connection for its whole transaction (password hashing included); the session
// hook reads on that same connection, and sign-ups beyond the pool's size less a reserve wait their
// turn before taking one. The pool has the size at which 15 parallel sign-ups used to fail.
import { randomBytes } from 'node:crypto';
import { AuthPool } from '../../server/auth/auth-pool';
import { startTestApp, type TestApp } from '../support/app-fixture';

const SIGN_UPS = 50;
const POOL_SIZE = 5;

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ env: { AUTH_DB_POOL_SIZE: String(POOL_SIZE), ALLOW_SIGNUP: 'true', CACHE_TTL_MS: '60000' } });
});
afterAll(() => app?.close());

function signUp(i: number): Promise<Response> {
  return fetch(`${app.url}/api/auth/sign-up/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: app.url },
    body: JSON.stringify({ email: `storm-${i}-${randomBytes(3).toString('hex')}@test.example`, password: `storm-password-${i}`, name: `Storm ${i}` }),
  });
}

it(`serves ${SIGN_UPS} parallel sign-ups without a server error, while dashboards and first requests of other sessions keep being answered`, async () => {
  const reader = await app.newSignedInUser();
  const tenantId = await app.createTenant({ odooDatabase: 'acme' });
  await app.addMember(reader.userId, tenantId);
  const view = () => fetch(`${app.url}/api/company-view`, { headers: { cookie: reader.cookie, 'x-tenant-id': tenantId } });
  expect((await view()).status).toBe(200);
  // Sessions nobody has used yet: their first request needs the auth pool.
  const fresh: string[] = [];
  // One after the other: parallel sign-ins from one address beyond the limit would be refused.
  for (let i = 0; i < 10; i++) fresh.push((await app.newSignedInUser()).cookie);

  const pool = app.app.get(AuthPool);
  let mostWaiting = 0;
  const sampler = setInterval(() => (mostWaiting = Math.max(mostWaiting, pool.waitingCount)), 2);
  let stormOver = false;
  const storm = Promise.all(Array.from({ length: SIGN_UPS }, (_, i) => signUp(i).then(async (r) => ({ status: r.status, body: await r.text() })))).finally(
    () => (stormOver = true),
  );
  const meanwhile: Array<{ what: string; status: number; duringStorm: boolean }> = [];
  for (let i = 0; !stormOver; i++) {
    const cookie = fresh[i % fresh.length];
    const [dashboard, firstUse] = [await view(), await fetch(`${app.url}/api/tenants`, { headers: { cookie } })];
    meanwhile.push(
      { what: 'dashboard', status: dashboard.status, duringStorm: !stormOver },
      { what: 'first use', status: firstUse.status, duringStorm: !stormOver },
    );
  }
  const signUps = await storm;
  clearInterval(sampler);

  expect(signUps.filter((s) => s.status !== 200)).toEqual([]);
  expect(meanwhile.filter((m) => m.status !== 200)).toEqual([]);
  // They really ran while the sign-ups did, and nothing ever queued for an auth connection.
  expect(meanwhile.filter((m) => m.duringStorm).length).toBeGreaterThanOrEqual(4);
  expect(mostWaiting).toBe(0);
  const created: Array<{ n: number }> = await app.dataSource.query(`SELECT count(*)::int AS n FROM "user" WHERE email LIKE 'storm-%'`);
  expect(created[0].n).toBe(SIGN_UPS);
});
