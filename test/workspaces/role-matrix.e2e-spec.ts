// Every workspace route against every kind of caller (member, admin, owner, operator, non-member, no
// session), with the exact bodies, and the order of the checks: session, Origin, the tenant named in
// the path, role, then the body. Real app, real sessions, the demo Odoo over sockets.
import { startTestApp, type TestApp } from '../support/app-fixture';
import { actor, ACTOR_NAMES, type Actor, type ActorName, call, demoConnection, ERRORS, everyone, sameKeys } from './support';

const EVIL = 'https://evil.example';
const TRUSTED = 'https://admin.example.com';

let app: TestApp;
let tenantId: string;
let inactiveId: string;
let people: Record<ActorName, Actor>;
let bystander: Actor;

beforeAll(async () => {
  app = await startTestApp({ env: { TRUSTED_ORIGINS: TRUSTED } });
  tenantId = await app.createTenant({ name: 'Matrix Co', odooDatabase: 'acme' });
  people = await everyone(app, tenantId);
  bystander = await actor(app, 'member', tenantId);
  inactiveId = await app.createTenant({ name: 'Sleeping Co', isActive: false });
  for (const name of ['member', 'admin', 'owner'] as const) await app.addMember(people[name].userId!, inactiveId, { role: name });
});
afterAll(() => app?.close());

type Expected = number | [number, object];
type Expectations = Record<ActorName, Expected>;

/** One route: how to call it as each actor (a fresh target where success changes state), and what each gets. */
interface RouteCase {
  route: string;
  method: string;
  path: (who: Actor) => Promise<string> | string;
  body?: (who: Actor) => unknown;
  expect: Expectations;
}

const signedIn = (status: Expected, others: Partial<Expectations> = {}): Expectations => ({
  member: status,
  admin: status,
  owner: status,
  operator: status,
  outsider: status,
  ...others,
  anonymous: [401, ERRORS.session],
});
/** Members of the tenant get `member`, admins and owners `ok`; operators and outsiders are not members. */
const adminRoute = (ok: number): Expectations => ({
  member: [403, ERRORS.admin],
  admin: ok,
  owner: ok,
  operator: [403, ERRORS.notMember],
  outsider: [403, ERRORS.notMember],
  anonymous: [401, ERRORS.session],
});
const operatorRoute = (ok: number): Expectations => signedIn([403, ERRORS.operator], { operator: ok });

async function newMember(): Promise<string> {
  return (await actor(app, 'member', tenantId)).userId!;
}

async function newInvitation(): Promise<string> {
  const res = await call<{ invitationId: string }>(app, people.owner, 'POST', `/api/tenants/${tenantId}/invitations`, {
    email: `invitee-${Math.random().toString(36).slice(2)}@test.example`,
    role: 'member',
  });
  return res.body.invitationId;
}

const base = () => `/api/tenants/${tenantId}`;
let otherTenant: string;

const CASES: RouteCase[] = [
  { route: 'POST /api/tenants', method: 'POST', path: () => '/api/tenants', body: (who) => ({ name: `Made by ${who.name}` }), expect: signedIn(201) },
  {
    route: 'GET /api/tenants/:tenantId',
    method: 'GET',
    path: base,
    expect: { member: 200, admin: 200, owner: 200, operator: [403, ERRORS.notMember], outsider: [403, ERRORS.notMember], anonymous: [401, ERRORS.session] },
  },
  { route: 'PATCH /api/tenants/:tenantId', method: 'PATCH', path: base, body: () => ({ timeZone: 'Europe/Paris' }), expect: adminRoute(200) },
  { route: 'PUT .../odoo-connection', method: 'PUT', path: () => `${base()}/odoo-connection`, body: () => demoConnection(app), expect: adminRoute(200) },
  { route: 'POST .../odoo-connection/check', method: 'POST', path: () => `${base()}/odoo-connection/check`, expect: adminRoute(200) },
  { route: 'DELETE .../odoo-connection', method: 'DELETE', path: () => `${base()}/odoo-connection`, expect: adminRoute(200) },
  { route: 'GET .../members', method: 'GET', path: () => `${base()}/members`, expect: adminRoute(200) },
  {
    route: 'PATCH .../members/:userId',
    method: 'PATCH',
    path: () => `${base()}/members/${bystander.userId}`,
    body: () => ({ role: 'member' }),
    expect: adminRoute(200),
  },
  { route: 'DELETE .../members/:userId', method: 'DELETE', path: async () => `${base()}/members/${await newMember()}`, expect: adminRoute(204) },
  {
    route: 'POST .../invitations',
    method: 'POST',
    path: () => `${base()}/invitations`,
    body: (who) => ({ email: `new-${who.name}-${Date.now()}@test.example`, role: 'member' }),
    expect: adminRoute(201),
  },
  { route: 'GET .../invitations', method: 'GET', path: () => `${base()}/invitations`, expect: adminRoute(200) },
  {
    route: 'DELETE .../invitations/:invitationId',
    method: 'DELETE',
    path: async () => `${base()}/invitations/${await newInvitation()}`,
    expect: adminRoute(204),
  },
  { route: 'GET .../audit', method: 'GET', path: () => `${base()}/audit`, expect: adminRoute(200) },
  { route: 'GET /api/admin/tenants', method: 'GET', path: () => '/api/admin/tenants', expect: operatorRoute(200) },
  {
    route: 'POST /api/admin/tenants/:tenantId/deactivate',
    method: 'POST',
    path: () => `/api/admin/tenants/${otherTenant}/deactivate`,
    expect: operatorRoute(200),
  },
  { route: 'POST /api/admin/tenants/:tenantId/activate', method: 'POST', path: () => `/api/admin/tenants/${otherTenant}/activate`, expect: operatorRoute(200) },
  { route: 'GET /api/admin/audit', method: 'GET', path: () => '/api/admin/audit', expect: operatorRoute(200) },
  {
    route: 'PUT /api/tenants/current',
    method: 'PUT',
    path: () => '/api/tenants/current',
    body: () => ({ tenantId }),
    expect: { member: 200, admin: 200, owner: 200, operator: [403, ERRORS.notMember], outsider: [403, ERRORS.notMember], anonymous: [401, ERRORS.session] },
  },
];

describe('the role matrix', () => {
  beforeAll(async () => {
    otherTenant = await app.createTenant({ name: 'Switched Co' });
  });

  it.each(CASES.map((c) => [c.route, c] as const))('%s', async (_route, c) => {
    const got: Record<string, unknown> = {};
    const want: Record<string, unknown> = {};
    for (const name of ACTOR_NAMES) {
      const who = people[name];
      const res = await call(app, who, c.method, await c.path(who), c.body?.(who));
      const expected = c.expect[name];
      got[name] = typeof expected === 'number' ? res.status : [res.status, res.body];
      want[name] = expected;
    }
    expect(got).toEqual(want);
  });

  it('answers each success with the shape of its contract', async () => {
    const workspace = await call(app, people.member, 'GET', base());
    expect(workspace.body).toEqual({ tenantId, name: 'Matrix Co', isActive: true, timeZone: 'Europe/Paris', lang: 'en_US', myRole: 'member', odoo: null });
    const asAdmin = await call<{ odoo: object }>(app, people.admin, 'GET', base());
    expect(asAdmin.body.odoo).toEqual({
      url: null,
      publicUrl: null,
      database: 'acme',
      login: null,
      transport: 'auto',
      companyIds: null,
      hasSecret: false,
      lastCheck: null,
      source: 'server',
    });
    const created = await call(app, people.outsider, 'POST', '/api/tenants', { name: '  Fresh Start  ', timeZone: 'Asia/Tokyo' });
    expect(created.body).toEqual({ tenantId: expect.any(String) as string, name: 'Fresh Start', myRole: 'owner' });
  });
});

describe('the order of the checks', () => {
  const patch = (who: Actor | null, path: string, body: unknown, headers: Record<string, string> = {}) => call(app, who, 'PATCH', path, body, headers);

  it('session first: no session is 401 whatever else is wrong', async () => {
    const res = await patch(null, '/api/tenants/not-a-uuid', 'not json', { origin: EVIL, 'content-type': 'application/json' });
    expect([res.status, res.body]).toEqual([401, ERRORS.session]);
  });

  it('then Origin: a foreign Origin is refused before the tenant, the role or the body are looked at', async () => {
    for (const who of [people.outsider, people.member, people.owner]) {
      const res = await patch(who, `/api/tenants/${tenantId}`, { name: '' }, { origin: EVIL });
      expect([who.name, res.status, res.body]).toEqual([who.name, 403, ERRORS.crossOrigin]);
    }
    const invalid = await patch(people.owner, '/api/tenants/not-a-uuid', {}, { origin: 'null' });
    expect([invalid.status, invalid.body]).toEqual([403, ERRORS.crossOrigin]);
  });

  it('accepts no Origin (scripts, the CLI), the public origin and TRUSTED_ORIGINS', async () => {
    for (const origin of [undefined, app.url, TRUSTED]) {
      const res = await patch(people.owner, `/api/tenants/${tenantId}`, { lang: 'en_US' }, origin ? { origin } : {});
      expect([origin, res.status]).toEqual([origin, 200]);
    }
  });

  it('applies the Origin rule to PUT /api/tenants/current too', async () => {
    const evil = await call(app, people.member, 'PUT', '/api/tenants/current', { tenantId }, { origin: EVIL });
    expect([evil.status, evil.body]).toEqual([403, ERRORS.crossOrigin]);
    const ours = await call(app, people.member, 'PUT', '/api/tenants/current', { tenantId }, { origin: app.url });
    expect(ours.status).toBe(200);
  });

  it('then the tenant rows of the access matrix, with the id from the path', async () => {
    for (const id of ['not-a-uuid', '00000000-0000-4000-8000-000000000000']) {
      const res = await patch(people.owner, `/api/tenants/${id}`, { name: 'x' });
      expect([id, res.status, res.body]).toEqual([id, 400, ERRORS.invalidTenant]);
    }
    const inactive = await patch(people.owner, `/api/tenants/${inactiveId}`, { name: 'x' });
    expect([inactive.status, inactive.body]).toEqual([403, ERRORS.inactive]);
    // Inactive beats not-a-member, as in the x-tenant-id matrix.
    const outsider = await call(app, people.outsider, 'GET', `/api/tenants/${inactiveId}`);
    expect([outsider.status, outsider.body]).toEqual([403, ERRORS.inactive]);
  });

  it('then the role, before the body is read', async () => {
    const res = await patch(people.member, `/api/tenants/${tenantId}`, { name: 42 });
    expect([res.status, res.body]).toEqual([403, ERRORS.admin]);
  });

  it('then the body: a plain 400 saying what is wrong, never echoing it', async () => {
    const marker = 'zqmarker5521';
    const cases: Array<[string, unknown, string]> = [
      [`/api/tenants/${tenantId}`, { name: 42 }, 'Bad Request: name must be text'],
      [`/api/tenants/${tenantId}`, { timeZone: `Mars/${marker}` }, 'Bad Request: timeZone must be an IANA time zone such as Europe/Paris'],
      [`/api/tenants/${tenantId}`, { lang: marker }, 'Bad Request: lang must be an Odoo language code such as en_US'],
      [`/api/tenants/${tenantId}`, { [marker]: 1 }, 'Bad Request: nothing to change: give name, timeZone or lang'],
      [`/api/tenants/${tenantId}`, [marker], 'Bad Request: the body must be a JSON object'],
      [`/api/tenants/${tenantId}/members/${bystander.userId}`, { role: marker }, 'Bad Request: role must be owner, admin or member'],
    ];
    for (const [path, body, error] of cases) {
      const res = await patch(people.owner, path, body);
      expect([res.status, res.body]).toEqual([400, { error }]);
      expect(res.text).not.toContain(marker);
    }
  });

  it('takes JSON only: other content types are refused with 415', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const res = await patch(people.owner, `/api/tenants/${tenantId}`, 'name=Hacked', { 'content-type': type });
      expect([type, res.status, res.body]).toEqual([type, 415, { error: 'Unsupported Media Type' }]);
    }
    const put = await call(app, people.member, 'PUT', '/api/tenants/current', tenantId, { 'content-type': 'text/plain' });
    expect([put.status, put.body]).toEqual([415, { error: 'Unsupported Media Type' }]);
    expect((await call<{ name: string }>(app, people.owner, 'GET', base())).body.name).toBe('Matrix Co');
  });
});

describe('on an inactive workspace', () => {
  it('refuses everything but leaving', async () => {
    const member = await call(app, people.member, 'GET', `/api/tenants/${inactiveId}`);
    expect([member.status, member.body]).toEqual([403, ERRORS.inactive]);
    const removal = await call(app, people.owner, 'DELETE', `/api/tenants/${inactiveId}/members/${people.member.userId}`);
    expect([removal.status, removal.body]).toEqual([403, ERRORS.inactive]);
    const left = await call(app, people.admin, 'DELETE', `/api/tenants/${inactiveId}/members/${people.admin.userId}`);
    expect(left.status).toBe(204);
    const again = await call(app, people.admin, 'DELETE', `/api/tenants/${inactiveId}/members/${people.admin.userId}`);
    expect([again.status, again.body]).toEqual([403, ERRORS.inactive]);
  });
});

describe('with BETTER_AUTH_URL and ALLOW_WORKSPACE_CREATION=false', () => {
  let other: TestApp;

  beforeAll(async () => {
    other = await startTestApp({
      database: app.database,
      demoOdoo: false,
      env: { ...sameKeys(app), BETTER_AUTH_URL: 'https://dash.example.com', ALLOW_WORKSPACE_CREATION: 'false', MIGRATIONS_RUN: 'false' },
    });
  });
  afterAll(() => other?.close());

  it('takes the public origin from BETTER_AUTH_URL, not from the Host the request was sent to', async () => {
    const owner = await actor(other, 'owner', tenantId);
    const fromHost = await call(other, owner, 'PATCH', `/api/tenants/${tenantId}`, { lang: 'en_US' }, { origin: other.url });
    expect([fromHost.status, fromHost.body]).toEqual([403, ERRORS.crossOrigin]);
    const fromPublic = await call(other, owner, 'PATCH', `/api/tenants/${tenantId}`, { lang: 'en_US' }, { origin: 'https://dash.example.com' });
    expect(fromPublic.status).toBe(200);
  });

  it('refuses workspace creation to users and allows it to operators', async () => {
    const user = await actor(other, 'outsider', null);
    const refused = await call(other, user, 'POST', '/api/tenants', { name: 'Nope' });
    expect([refused.status, refused.body]).toEqual([403, ERRORS.creationDisabled]);
    const operator = await actor(other, 'operator', null);
    const made = await call(other, operator, 'POST', '/api/tenants', { name: 'Ops Made' });
    expect(made.status).toBe(201);
    const publicConfig = await call(other, null, 'GET', '/api/public-config');
    expect(publicConfig.body).toEqual({ allowSignup: true, demoMode: true, allowWorkspaceCreation: false, passwordReset: false });
  });
});
