// Members and roles: what admins and owners may change, the last-owner rule (also under two owners
// demoting each other at once), leaving, and a removal taking effect on the removed user's next request.
import type { CurrentTenantResponse } from '../../server/contracts/tenant';
import type { MemberDto } from '../../server/contracts/workspaces';
import { startTestApp, type TestApp } from '../support/app-fixture';
import { actor, type Actor, call, ERRORS } from './support';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.close());

/** A fresh workspace with the given people in it. */
async function workspace(...roles: Array<'owner' | 'admin' | 'member'>): Promise<{ tenantId: string; people: Actor[] }> {
  const tenantId = await app.createTenant({ odooDatabase: 'acme' });
  const people: Actor[] = [];
  for (const role of roles) people.push(await actor(app, role, tenantId));
  return { tenantId, people };
}

const setRole = (who: Actor, tenantId: string, target: Actor | string, role: string) =>
  call<MemberDto>(app, who, 'PATCH', `/api/tenants/${tenantId}/members/${typeof target === 'string' ? target : target.userId}`, { role });
const remove = (who: Actor, tenantId: string, target: Actor | string) =>
  call(app, who, 'DELETE', `/api/tenants/${tenantId}/members/${typeof target === 'string' ? target : target.userId}`);
const roles = async (who: Actor, tenantId: string) =>
  (await call<MemberDto[]>(app, who, 'GET', `/api/tenants/${tenantId}/members`)).body.map((m) => `${m.email}:${m.role}`);

it('lists members owners first, with their email, name, role and when they joined', async () => {
  const { tenantId, people } = await workspace('member', 'owner', 'admin');
  const [member, owner, admin] = people;
  const res = await call<MemberDto[]>(app, admin, 'GET', `/api/tenants/${tenantId}/members`);
  expect(res.body.map((m) => [m.userId, m.role])).toEqual([
    [owner.userId, 'owner'],
    [admin.userId, 'admin'],
    [member.userId, 'member'],
  ]);
  expect(res.body[0]).toEqual({
    userId: owner.userId,
    email: owner.email,
    name: owner.email!.split('@')[0],
    role: 'owner',
    joinedAt: expect.any(String) as string,
  });
  expect(Date.parse(res.body[0].joinedAt)).toBeLessThanOrEqual(Date.now());
});

it('lets an admin set roles up to admin and remove members and admins, but not touch owners', async () => {
  const { tenantId, people } = await workspace('owner', 'admin', 'member', 'admin');
  const [owner, admin, member, otherAdmin] = people;
  const promoted = await setRole(admin, tenantId, member, 'admin');
  expect([promoted.status, promoted.body.role]).toEqual([200, 'admin']);
  expect((await setRole(admin, tenantId, member, 'member')).body.role).toBe('member');
  const toOwner = await setRole(admin, tenantId, member, 'owner');
  expect([toOwner.status, toOwner.body]).toEqual([403, ERRORS.owner]);
  const demoteOwner = await setRole(admin, tenantId, owner, 'admin');
  expect([demoteOwner.status, demoteOwner.body]).toEqual([403, ERRORS.owner]);
  const removeOwner = await remove(admin, tenantId, owner);
  expect([removeOwner.status, removeOwner.body]).toEqual([403, ERRORS.owner]);
  expect((await remove(admin, tenantId, otherAdmin)).status).toBe(204);
  expect(await roles(owner, tenantId)).toEqual([`${owner.email}:owner`, `${admin.email}:admin`, `${member.email}:member`]);
});

it('lets only owners make and remove owners', async () => {
  const { tenantId, people } = await workspace('owner', 'admin');
  const [owner, admin] = people;
  expect((await setRole(owner, tenantId, admin, 'owner')).body.role).toBe('owner');
  // Now two owners: either may remove the other.
  expect((await remove(admin, tenantId, owner)).status).toBe(204);
  expect(await roles(admin, tenantId)).toEqual([`${admin.email}:owner`]);
});

it('never leaves a workspace without an owner', async () => {
  const { tenantId, people } = await workspace('owner', 'owner', 'member');
  const [first, second] = people;
  expect((await setRole(first, tenantId, first, 'admin')).status).toBe(200);
  const demoteLast = await setRole(second, tenantId, second, 'member');
  expect([demoteLast.status, demoteLast.body]).toEqual([409, ERRORS.lastOwner]);
  const leaveLast = await remove(second, tenantId, second);
  expect([leaveLast.status, leaveLast.body]).toEqual([409, ERRORS.lastOwner]);
  expect(await roles(second, tenantId)).toContain(`${second.email}:owner`);
});

it('keeps an owner when two owners demote each other at the same moment', async () => {
  for (let round = 0; round < 5; round++) {
    const { tenantId, people } = await workspace('owner', 'owner');
    const [a, b] = people;
    const answers = await Promise.all([setRole(a, tenantId, b, 'member'), setRole(b, tenantId, a, 'member')]);
    // The one that comes second finds the other demoted already: it is refused as the last owner,
    // or, when its caller is no longer an admin by the time its checks run, for lack of the role.
    const [first, second] = answers[0].status === 200 ? answers : [answers[1], answers[0]];
    expect(first.status).toBe(200);
    expect([ERRORS.lastOwner, ERRORS.admin]).toContainEqual(second.body);
    const owners: Array<{ n: string }> = await app.dataSource.query(`SELECT count(*) AS n FROM "tenantMember" WHERE "tenantId" = $1 AND role = 'owner'`, [
      tenantId,
    ]);
    expect(owners[0].n).toBe('1');
  }
});

it('answers 404 for someone who is not a member', async () => {
  const { tenantId, people } = await workspace('owner');
  const stranger = await actor(app, 'outsider', null);
  for (const res of [
    await setRole(people[0], tenantId, stranger, 'admin'),
    await remove(people[0], tenantId, stranger),
    await remove(people[0], tenantId, 'no-such-user'),
  ]) {
    expect([res.status, res.body]).toEqual([404, ERRORS.memberNotFound]);
  }
});

it('lets a member leave; their dashboard opens on their next workspace', async () => {
  const { tenantId, people } = await workspace('owner', 'member');
  const member = people[1];
  const second = await app.createTenant({ name: 'Second Home' });
  await app.addMember(member.userId!, second);
  expect((await call<CurrentTenantResponse>(app, member, 'GET', '/api/tenants/current')).body.tenantId).toBe(tenantId);
  expect((await remove(member, tenantId, member)).status).toBe(204);
  expect((await call<CurrentTenantResponse>(app, member, 'GET', '/api/tenants/current')).body).toEqual({
    tenantId: second,
    tenantName: 'Second Home',
    error: null,
  });
});

it('ends a removed member’s access on their next request', async () => {
  const { tenantId, people } = await workspace('admin', 'member');
  const [admin, member] = people;
  const view = () => call(app, member, 'GET', '/api/company-view', undefined, { 'x-tenant-id': tenantId });
  expect((await view()).status).toBe(200);
  expect((await view()).status).toBe(200);
  expect((await remove(admin, tenantId, member)).status).toBe(204);
  const after = await view();
  expect([after.status, after.body]).toEqual([403, ERRORS.notMember]);
});
