// The audit log: an entry for every kind of change, written in the change's own transaction (a
// failure on either side leaves neither), newest first, paged by cursor, never a secret.
import type { AuditEntryDto, AuditPageDto, CreateInvitationResponse, CreateWorkspaceResponse } from '../../server/contracts/workspaces';
import { startTestApp, type TestApp } from '../support/app-fixture';
import { runAdmin } from '../support/run-cli';
import { actor, type Actor, call, cliEnv, demoConnection, ERRORS } from './support';

let app: TestApp;
let owner: Actor;
let operator: Actor;
let tenantId: string;

beforeAll(async () => {
  app = await startTestApp();
  owner = await actor(app, 'outsider', null);
  operator = await actor(app, 'operator', null);
  tenantId = (await call<CreateWorkspaceResponse>(app, owner, 'POST', '/api/tenants', { name: 'Audited Co' })).body.tenantId;
});
afterAll(() => app?.close());

const tenantAudit = async (query = '') => (await call<AuditPageDto>(app, owner, 'GET', `/api/tenants/${tenantId}/audit${query}`)).body;
const cli = (args: string[]) =>
  runAdmin(args, {
    env: cliEnv(app),
  });

describe('entries', () => {
  it('records every kind of change, newest first, with who did it and what changed (never a secret)', async () => {
    const path = `/api/tenants/${tenantId}`;
    const admin = await actor(app, 'outsider', null);
    const member = await actor(app, 'outsider', null);
    const invite = async (who: Actor) =>
      (await call<CreateInvitationResponse>(app, owner, 'POST', `${path}/invitations`, { email: who.email, role: 'member' })).body;
    const steps: Array<() => Promise<unknown>> = [
      () => call(app, owner, 'PATCH', path, { name: 'Audited Company', timeZone: 'Europe/Berlin' }),
      () => call(app, owner, 'POST', `${path}/odoo-connection/check`, demoConnection(app)),
      () => call(app, owner, 'PUT', `${path}/odoo-connection`, demoConnection(app)),
      () => call(app, owner, 'DELETE', `${path}/odoo-connection`),
      async () => call(app, admin, 'POST', `/api/invitations/${(await invite(admin)).url.split('/invite/')[1]}/accept`),
      async () => call(app, member, 'POST', `/api/invitations/${(await invite(member)).url.split('/invite/')[1]}/accept`),
      () => call(app, owner, 'PATCH', `${path}/members/${admin.userId}`, { role: 'admin' }),
      () => call(app, admin, 'DELETE', `${path}/members/${member.userId}`),
      async () => call(app, owner, 'DELETE', `${path}/invitations/${(await invite(member)).invitationId}`),
      () => call(app, admin, 'DELETE', `${path}/members/${admin.userId}`),
      () => call(app, operator, 'POST', `/api/admin/tenants/${tenantId}/deactivate`),
      () => call(app, operator, 'POST', `/api/admin/tenants/${tenantId}/activate`),
    ];
    for (const step of steps) await step();

    const { items } = await tenantAudit('?limit=100');
    expect(
      items.map(
        (e) =>
          `${e.action} by ${e.actorEmail === owner.email ? 'owner' : e.actorEmail === admin.email ? 'admin' : e.actorEmail === member.email ? 'member' : e.actorEmail === operator.email ? 'operator' : e.actorEmail}`,
      ),
    ).toEqual([
      'workspace.activated by operator',
      'workspace.deactivated by operator',
      'member.left by admin',
      'invitation.revoked by owner',
      'member.invited by owner',
      'member.removed by admin',
      'member.role_changed by owner',
      'member.joined by member',
      'member.invited by owner',
      'member.joined by admin',
      'member.invited by owner',
      'connection.removed by owner',
      'connection.saved by owner',
      'connection.checked by owner',
      'workspace.updated by owner',
      'workspace.created by owner',
    ]);
    const byAction = (action: string) => items.find((e) => e.action === action)!;
    expect(byAction('workspace.updated').details).toEqual({
      name: { from: 'Audited Co', to: 'Audited Company' },
      timeZone: { from: 'UTC', to: 'Europe/Berlin' },
    });
    expect(byAction('member.role_changed').details).toEqual({ userId: admin.userId, email: admin.email, from: 'member', to: 'admin' });
    expect(byAction('member.removed').details).toEqual({ userId: member.userId, email: member.email, role: 'member' });
    expect(byAction('connection.saved').details).toEqual({ host: new URL(app.demoOdoo!.url).host, database: 'acme', transport: 'auto', secretChanged: true });
    expect(byAction('connection.checked').details).toMatchObject({ verdict: 'ok', candidate: true });
    expect(items.every((e) => e.tenantId === tenantId && !Number.isNaN(Date.parse(e.at)))).toBe(true);
    expect(JSON.stringify(items)).not.toContain('demo-secret');
  });

  it('records operator rights granted and revoked with the CLI, platform-wide, for operators only', async () => {
    const user = await app.createUser();
    expect((await cli(['user:set-operator', user.email])).lines).toEqual([{ userId: user.userId, email: user.email, isOperator: true }]);
    expect((await cli(['user:set-operator', user.email, '--off'])).lines).toEqual([{ userId: user.userId, email: user.email, isOperator: false }]);
    // Nothing changed, nothing recorded.
    await cli(['user:set-operator', user.email, '--off']);
    const { items } = (await call<AuditPageDto>(app, operator, 'GET', '/api/admin/audit?limit=100')).body;
    const mine = items.filter((e) => e.details.userId === user.userId);
    expect(mine.map((e) => [e.action, e.actorEmail, e.tenantId, e.details])).toEqual([
      ['operator.revoked', null, null, { userId: user.userId, email: user.email }],
      ['operator.granted', null, null, { userId: user.userId, email: user.email }],
    ]);
    // The platform view holds the workspaces' entries too; a workspace's view holds only its own.
    expect(items.some((e) => e.tenantId === tenantId)).toBe(true);
    expect((await tenantAudit('?limit=100')).items.every((e) => e.tenantId === tenantId)).toBe(true);
    // A workspace owner who is not an operator gets none of it.
    const refused = await call(app, owner, 'GET', '/api/admin/audit');
    expect([refused.status, refused.body]).toEqual([403, ERRORS.operator]);
  });
});

describe('paging', () => {
  it('walks every entry newest first by cursor, without repeats', async () => {
    const all = (await call<AuditPageDto>(app, operator, 'GET', '/api/admin/audit?limit=100')).body.items;
    expect(all.length).toBeGreaterThan(10);
    const walked: AuditEntryDto[] = [];
    let cursor: string | null = '';
    let pages = 0;
    while (cursor !== null) {
      const page: AuditPageDto = (await call<AuditPageDto>(app, operator, 'GET', `/api/admin/audit?limit=4${cursor ? `&cursor=${cursor}` : ''}`)).body;
      expect(page.items.length).toBeLessThanOrEqual(4);
      walked.push(...page.items);
      cursor = page.nextCursor;
      pages++;
    }
    expect(walked).toEqual(all);
    expect(pages).toBe(Math.ceil(all.length / 4) + (all.length % 4 === 0 ? 1 : 0));
    const times = walked.map((e) => Date.parse(e.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('refuses a cursor or a limit it did not make', async () => {
    for (const query of ['cursor=abc', 'cursor=' + Buffer.from("a:1' OR 1=1").toString('base64url'), 'limit=0', 'limit=101', 'limit=ten']) {
      const res = await call(app, operator, 'GET', `/api/admin/audit?${query}`);
      expect([query, res.status]).toEqual([query, 400]);
    }
    expect((await call(app, operator, 'GET', '/api/admin/audit?cursor=abc')).body).toEqual({ error: 'Bad Request: Invalid cursor' });
    expect((await call(app, operator, 'GET', '/api/admin/audit?limit=0')).body).toEqual({ error: 'Bad Request: limit must be a whole number from 1 to 100' });
  });
});

describe('atomicity', () => {
  afterEach(async () => {
    await app.dataSource.query('DROP TRIGGER IF EXISTS "refuse_for_test" ON "audit_log"');
    await app.dataSource.query('DROP TRIGGER IF EXISTS "refuse_for_test" ON "tenantMember"');
    await app.dataSource.query('DROP FUNCTION IF EXISTS refuse_for_test()');
  });

  async function refuseWritesTo(table: string): Promise<void> {
    await app.dataSource.query(
      `CREATE FUNCTION refuse_for_test() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused for the test'; END; $$ LANGUAGE plpgsql`,
    );
    await app.dataSource.query(`CREATE TRIGGER "refuse_for_test" BEFORE INSERT OR UPDATE ON "${table}" FOR EACH ROW EXECUTE FUNCTION refuse_for_test()`);
  }

  it('keeps no change whose entry could not be written', async () => {
    const before = await tenantAudit('?limit=100');
    await refuseWritesTo('audit_log');
    const res = await call(app, owner, 'PATCH', `/api/tenants/${tenantId}`, { name: 'Never Renamed' });
    expect([res.status, res.body]).toEqual([500, { error: 'Internal Server Error' }]);
    const rows: Array<{ name: string }> = await app.dataSource.query('SELECT name FROM tenant WHERE id = $1', [tenantId]);
    expect(rows[0].name).toBe('Audited Company');
    await app.dataSource.query('DROP TRIGGER "refuse_for_test" ON "audit_log"');
    expect(await tenantAudit('?limit=100')).toEqual(before);
  });

  it('keeps no entry for a change that failed', async () => {
    const member = await actor(app, 'member', tenantId);
    const before = await tenantAudit('?limit=100');
    await refuseWritesTo('tenantMember');
    const res = await call(app, owner, 'PATCH', `/api/tenants/${tenantId}/members/${member.userId}`, { role: 'admin' });
    expect(res.status).toBe(500);
    await app.dataSource.query('DROP TRIGGER "refuse_for_test" ON "tenantMember"');
    expect(await tenantAudit('?limit=100')).toEqual(before);
    const roles: Array<{ role: string }> = await app.dataSource.query('SELECT role FROM "tenantMember" WHERE "userId" = $1', [member.userId]);
    expect(roles[0].role).toBe('member');
  });
});
