import request from 'supertest';
import type { CurrentTenantResponse, TenantMembershipDto } from '../../server/contracts/tenant';
import { startTestApp, type TestApp } from '../support/app-fixture';
import { bodyOf } from '../support/json-body';

describe('Tenants API', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ demoOdoo: false });
  });
  afterAll(() => app.close());

  it('reports no tenant (ids and error null) for a user without a default', async () => {
    const user = await app.newSignedInUser();
    const res = await request(app.url).get('/api/tenants/current').set('cookie', user.cookie).expect(200);
    expect(res.body).toEqual({ tenantId: null, tenantName: null, error: null });
  });

  it('returns the default tenant and lists every membership with its role', async () => {
    const user = await app.newSignedInUser();
    const a = await app.createTenant({ name: 'Alpha Co' });
    const b = await app.createTenant({ name: 'Beta Co', isActive: false });
    await app.addMember(user.userId, a, { isDefault: true, role: 'owner' });
    await app.addMember(user.userId, b);
    const current = await request(app.url).get('/api/tenants/current').set('cookie', user.cookie).expect(200);
    expect(current.body).toEqual({ tenantId: a, tenantName: 'Alpha Co', error: null });
    const list = await request(app.url).get('/api/tenants').set('cookie', user.cookie).expect(200);
    expect(list.body).toEqual([
      { tenantId: a, tenantName: 'Alpha Co', isActive: true, isDefault: true, role: 'owner' },
      { tenantId: b, tenantName: 'Beta Co', isActive: false, isDefault: false, role: 'member' },
    ]);
  });

  it('keeps the ids but reports an error when the default tenant is inactive', async () => {
    const user = await app.newSignedInUser();
    const t = await app.createTenant({ name: 'Dormant Ltd', isActive: false });
    await app.addMember(user.userId, t, { isDefault: true });
    const res = await request(app.url).get('/api/tenants/current').set('cookie', user.cookie).expect(200);
    const body = bodyOf<CurrentTenantResponse>(res);
    expect(body.tenantId).toBe(t);
    expect(body.tenantName).toBe('Dormant Ltd');
    expect(body.error).toMatch(/inactive/i);
  });

  it('switches the default tenant and refuses tenants the guard would refuse', async () => {
    const user = await app.newSignedInUser();
    const home = await app.createTenant({ name: 'Home' });
    const away = await app.createTenant({ name: 'Away' });
    const foreign = await app.createTenant({ name: 'Foreign' });
    const closed = await app.createTenant({ name: 'Closed', isActive: false });
    await app.addMember(user.userId, home, { isDefault: true });
    await app.addMember(user.userId, away);
    await app.addMember(user.userId, closed);
    const put = (body: object) => request(app.url).put('/api/tenants/current').set('cookie', user.cookie).send(body);

    const switched = await put({ tenantId: away }).expect(200);
    expect(switched.body).toEqual({ tenantId: away, tenantName: 'Away', error: null });
    expect(bodyOf<CurrentTenantResponse>(await request(app.url).get('/api/tenants/current').set('cookie', user.cookie)).tenantId).toBe(away);

    expect((await put({ tenantId: foreign })).body).toEqual({ error: 'Forbidden: User is not a member of this tenant' });
    expect((await put({ tenantId: closed })).status).toBe(403);
    expect((await put({ tenantId: closed })).body).toEqual({ error: 'Forbidden: Tenant is inactive' });
    expect((await put({ tenantId: 'not-a-uuid' })).body).toEqual({ error: 'Bad Request: Invalid tenant ID' });
    expect((await put({ tenantId: '00000000-0000-4000-8000-000000000000' })).status).toBe(400);
    expect((await put({})).status).toBe(400);
    // Still exactly one default.
    const list = await request(app.url).get('/api/tenants').set('cookie', user.cookie);
    expect(bodyOf<TenantMembershipDto[]>(list).filter((m) => m.isDefault)).toHaveLength(1);
  });

  it('exposes the public configuration without a session', async () => {
    const res = await request(app.url).get('/api/public-config').expect(200);
    expect(res.body).toEqual({ allowSignup: true, demoMode: true, allowWorkspaceCreation: true, passwordReset: false });
  });
});
