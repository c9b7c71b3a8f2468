// The operator console: every workspace's health on one page (never a login or a secret), the last
// dashboard request kept in memory and written once a minute (never per request), switching a
// workspace off and on, and operator rights granted and revoked from the CLI taking effect at once.
import { TenantActivityWriter } from '../../server/activity/tenant-activity-writer';
import type { AdminTenantDto, CreateWorkspaceResponse } from '../../server/contracts/workspaces';
import { startTestApp, type TestApp } from '../support/app-fixture';
import { heard, userChanged } from '../support/auth-changes';
import { runAdmin } from '../support/run-cli';
import { actor, type Actor, call, cliEnv, demoConnection, ERRORS, sameKeys } from './support';

let app: TestApp;
let operator: Actor;
let owner: Actor;

beforeAll(async () => {
  app = await startTestApp({ env: { SECTION_TIMEOUT_MS: '3000', TOTAL_BUDGET_MS: '4000' } });
  operator = await actor(app, 'operator', null);
  owner = await actor(app, 'outsider', null);
});
afterAll(() => app?.close());

async function workspace(name: string): Promise<string> {
  return (await call<CreateWorkspaceResponse>(app, owner, 'POST', '/api/tenants', { name })).body.tenantId;
}
const dashboard = (tenantId: string, who: Actor = owner) => call(app, who, 'GET', '/api/company-view', undefined, { 'x-tenant-id': tenantId });
const consoleRows = async (target: TestApp = app, who: Actor = operator) => (await call<AdminTenantDto[]>(target, who, 'GET', '/api/admin/tenants')).body;
const row = async (tenantId: string, target?: TestApp) => (await consoleRows(target)).find((r) => r.tenantId === tenantId)!;

it('shows each workspace’s members, Odoo host and database, version and last aggregation, without logins or secrets', async () => {
  const connected = await workspace('Connected Co');
  await call(app, owner, 'PUT', `/api/tenants/${connected}/odoo-connection`, demoConnection(app, 'globex'));
  const idle = await workspace('Idle Co');
  const started = Date.now();
  expect((await dashboard(connected)).status).toBe(200);

  const res = await call<AdminTenantDto[]>(app, operator, 'GET', '/api/admin/tenants');
  const globex = res.body.find((r) => r.tenantId === connected)!;
  expect(globex).toEqual({
    tenantId: connected,
    name: 'Connected Co',
    isActive: true,
    createdAt: expect.any(String) as string,
    members: 1,
    source: 'workspace',
    odoo: { host: new URL(app.demoOdoo!.url).host, database: 'globex' },
    odooVersion: expect.stringMatching(/^18\.0/) as string,
    lastAggregation: { at: expect.any(String) as string, errorKinds: { helpdesk: 'module-missing' } },
    lastDashboardRequestAt: expect.any(String) as string,
  });
  expect(Date.parse(globex.lastDashboardRequestAt!)).toBeGreaterThanOrEqual(started - 1000);
  expect(Date.parse(globex.lastAggregation!.at)).toBeGreaterThanOrEqual(started - 1000);
  expect(await row(idle)).toMatchObject({ source: 'none', odoo: null, odooVersion: null, lastAggregation: null, lastDashboardRequestAt: null });
  expect(res.text).not.toMatch(/api@globex\.example|demo-secret/);
  // The CLI's demo tenants read from the server's connection.
  const cliTenant = await app.createTenant({ name: 'CLI Co', odooDatabase: 'acme', isActive: false });
  expect(await row(cliTenant)).toMatchObject({ isActive: false, members: 0, source: 'server', odoo: null });
});

it('keeps the last dashboard request in memory and writes it once a minute, never per request', async () => {
  const tenantId = await workspace('Busy Co');
  await call(app, owner, 'PUT', `/api/tenants/${tenantId}/odoo-connection`, demoConnection(app, 'acme'));
  const writer = app.app.get(TenantActivityWriter);
  // A write now puts the next one a minute away, well after these requests.
  await writer.flush();
  for (let i = 0; i < 20; i++) expect((await dashboard(tenantId)).status).toBe(200);
  const written = () =>
    app.dataSource.query<Array<{ lastRequestAt: Date; odooVersion: string }>>('SELECT * FROM "tenant_activity" WHERE "tenantId" = $1', [tenantId]);
  expect(await written()).toEqual([]);
  const inMemory = await row(tenantId);
  expect(inMemory.lastDashboardRequestAt).not.toBeNull();

  // What the minute's write does; another instance on the same database then sees it too.
  await writer.flush();
  const [stored] = await written();
  expect(stored.lastRequestAt.toISOString()).toBe(inMemory.lastDashboardRequestAt);
  expect(stored.odooVersion).toMatch(/^17\.0\+e/);
  const other = await startTestApp({ database: app.database, demoOdoo: false, env: { ...sameKeys(app), MIGRATIONS_RUN: 'false' } });
  try {
    const seenThere = await row(tenantId, other);
    expect([seenThere.lastDashboardRequestAt, seenThere.odooVersion]).toEqual([inMemory.lastDashboardRequestAt, stored.odooVersion]);
  } finally {
    await other.close();
  }
  // Nothing new since: the next write has nothing to do for it.
  await app.dataSource.query('DELETE FROM "tenant_activity" WHERE "tenantId" = $1', [tenantId]);
  await writer.flush();
  expect(await written()).toEqual([]);
});

it('switches a workspace off and on: its members are refused at once, then let back in', async () => {
  const tenantId = await workspace('Switchable Co');
  const member = await actor(app, 'member', tenantId);
  expect((await dashboard(tenantId, member)).status).toBe(200);
  const off = await call(app, operator, 'POST', `/api/admin/tenants/${tenantId}/deactivate`);
  expect([off.status, off.body]).toEqual([200, { tenantId, name: 'Switchable Co', isActive: false }]);
  const refused = await dashboard(tenantId, member);
  expect([refused.status, refused.body]).toEqual([403, ERRORS.inactive]);
  expect((await row(tenantId)).isActive).toBe(false);
  const on = await call(app, operator, 'POST', `/api/admin/tenants/${tenantId}/activate`);
  expect(on.body).toEqual({ tenantId, name: 'Switchable Co', isActive: true });
  expect((await dashboard(tenantId, member)).status).toBe(200);
  for (const id of ['not-a-uuid', '00000000-0000-4000-8000-000000000000']) {
    const res = await call(app, operator, 'POST', `/api/admin/tenants/${id}/activate`);
    expect([id, res.status, res.body]).toEqual([id, 400, ERRORS.invalidTenant]);
  }
});

it('gives and takes operator rights from the CLI, effective on the very next request', async () => {
  const user = await app.createUser();
  const cookie = await app.signIn(user.email, user.password);
  const console = () => call(app, { cookie }, 'GET', '/api/admin/tenants');
  expect([(await console()).status, (await console()).body]).toEqual([403, ERRORS.operator]);
  const env = cliEnv(app);
  let notified = heard(app, userChanged(user.userId));
  expect((await runAdmin(['user:set-operator', user.email], { env })).code).toBe(0);
  await notified;
  expect((await console()).status).toBe(200);
  notified = heard(app, userChanged(user.userId));
  expect((await runAdmin(['user:set-operator', user.email, '--off'], { env })).code).toBe(0);
  await notified;
  expect([(await console()).status, (await console()).body]).toEqual([403, ERRORS.operator]);
  const unknown = await runAdmin(['user:set-operator', 'nobody@test.example'], { env });
  expect([unknown.code, unknown.stderr.trim()]).toEqual([1, 'Error: No user with email nobody@test.example']);
});
