// Demo mode's accounts: the demo user holds every role somewhere, ops@example.com is an operator
// with no workspace, seeding again changes nothing (and puts demo roles back), and a production
// server refuses the operator demo account like the others.
import { AuthService } from '../../server/auth/auth.service';
import { DEMO_USER, OPERATOR_DEMO_USER, OTHER_DEMO_USER } from '../../server/auth/demo-accounts';
import type { TenantMembershipDto } from '../../server/contracts/tenant';
import { seedDemoData } from '../../server/demo/demo-seed';
import { startTestApp, type TestApp } from '../support/app-fixture';
import { startTestDatabase } from '../support/test-database';
import { call } from './support';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ demoOdoo: false });
});
afterAll(() => app?.close());

const seed = async () => seedDemoData(app.dataSource, await app.app.get(AuthService).passwords());
const rolesOf = async (email: string, password: string) => {
  const cookie = await app.signIn(email, password);
  const tenants = (await call<TenantMembershipDto[]>(app, { cookie }, 'GET', '/api/tenants')).body;
  return Object.fromEntries(tenants.map((t) => [t.tenantName, t.role]));
};

it('gives the demo user every role, and makes ops@example.com an operator of no workspace', async () => {
  await seed();
  expect(await rolesOf(DEMO_USER.email, DEMO_USER.password)).toEqual({
    'Acme Corp': 'owner',
    Umbrella: 'owner',
    Initech: 'admin',
    Globex: 'member',
    'Stark Industries': 'member',
    Soylent: 'member',
  });
  expect(await rolesOf(OTHER_DEMO_USER.email, OTHER_DEMO_USER.password)).toEqual({ Wonka: 'owner' });
  expect(await rolesOf(OPERATOR_DEMO_USER.email, OPERATOR_DEMO_USER.password)).toEqual({});
  const ops = await app.signIn(OPERATOR_DEMO_USER.email, OPERATOR_DEMO_USER.password);
  expect((await call<unknown[]>(app, { cookie: ops }, 'GET', '/api/admin/tenants')).body).toHaveLength(7);
});

it('changes nothing when seeded again, except putting the demo roles back', async () => {
  const count = async () =>
    (
      await app.dataSource.query<Array<{ n: string }>>(
        'SELECT (SELECT count(*) FROM tenant) + (SELECT count(*) FROM "tenantMember") + (SELECT count(*) FROM "user") AS n',
      )
    )[0].n;
  const before = await count();
  await app.dataSource.query(`UPDATE "tenantMember" SET role = 'member' WHERE "tenantId" = (SELECT id FROM tenant WHERE name = 'Acme Corp')`);
  await seed();
  expect(await count()).toBe(before);
  expect((await rolesOf(DEMO_USER.email, DEMO_USER.password))['Acme Corp']).toBe('owner');
});

it('refuses the operator demo account on a production server', async () => {
  const database = await startTestDatabase();
  const production = await startTestApp({ demoOdoo: false, database, env: { NODE_ENV: 'production', DATABASE_URL: database.url } });
  try {
    const ops = await production.createUser(OPERATOR_DEMO_USER.email, OPERATOR_DEMO_USER.password);
    await expect(production.signIn(ops.email, ops.password)).rejects.toThrow(/401/);
  } finally {
    await production.close();
    await database.destroy();
  }
});
