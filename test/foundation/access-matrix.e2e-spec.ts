import request from 'supertest';
import type { CompanyViewResponse } from '../../server/contracts/company-view';
import { startTestApp, type TestApp } from '../support/app-fixture';
import { bodyOf } from '../support/json-body';

// The access-control matrix of GET /api/company-view, row by row, and which row wins when several apply.
describe('Tenant access matrix on /api/company-view', () => {
  let app: TestApp;
  let cookie: string;
  let member: string;
  let inactiveMember: string;
  let foreign: string;
  let inactiveForeign: string;

  const get = (headers: Record<string, string>) => request(app.url).get('/api/company-view').set(headers);

  beforeAll(async () => {
    app = await startTestApp();
    const user = await app.newSignedInUser();
    cookie = user.cookie;
    member = await app.createTenant({ name: 'Member Co', odooDatabase: 'acme' });
    inactiveMember = await app.createTenant({ name: 'Sleeping Member Co', isActive: false });
    foreign = await app.createTenant({ name: 'Foreign Co' });
    inactiveForeign = await app.createTenant({ name: 'Sleeping Foreign Co', isActive: false });
    await app.addMember(user.userId, member, { isDefault: true });
    await app.addMember(user.userId, inactiveMember);
  });
  afterAll(() => app.close());

  it('401 without a session', async () => {
    const res = await get({ 'x-tenant-id': member });
    expect([res.status, res.body]).toEqual([401, { error: 'Unauthorized: Valid session required' }]);
  });

  it('400 without the x-tenant-id header', async () => {
    const res = await get({ cookie });
    expect([res.status, res.body]).toEqual([400, { error: 'Bad Request: x-tenant-id header required' }]);
  });

  it.each(['not-a-uuid', "1' OR '1'='1", '00000000-0000-4000-8000-000000000000'])('400 for the invalid tenant id %p', async (id) => {
    const res = await get({ cookie, 'x-tenant-id': id });
    expect([res.status, res.body]).toEqual([400, { error: 'Bad Request: Invalid tenant ID' }]);
  });

  it('403 for an inactive tenant', async () => {
    const res = await get({ cookie, 'x-tenant-id': inactiveMember });
    expect([res.status, res.body]).toEqual([403, { error: 'Forbidden: Tenant is inactive' }]);
  });

  it('403 for a tenant the user does not belong to', async () => {
    const res = await get({ cookie, 'x-tenant-id': foreign });
    expect([res.status, res.body]).toEqual([403, { error: 'Forbidden: User is not a member of this tenant' }]);
  });

  it('200 for an active tenant the user belongs to', async () => {
    const res = await get({ cookie, 'x-tenant-id': member });
    expect(res.status).toBe(200);
    expect(bodyOf<CompanyViewResponse>(res).tenantId).toBe(member);
  });

  describe('precedence', () => {
    it('401 beats a missing or malformed header', async () => {
      expect((await get({})).status).toBe(401);
      expect((await get({ 'x-tenant-id': 'garbage' })).status).toBe(401);
    });

    it('inactive beats not-a-member', async () => {
      const res = await get({ cookie, 'x-tenant-id': inactiveForeign });
      expect([res.status, res.body]).toEqual([403, { error: 'Forbidden: Tenant is inactive' }]);
    });

    it('an empty header counts as missing', async () => {
      const res = await get({ cookie, 'x-tenant-id': '' });
      expect(res.body).toEqual({ error: 'Bad Request: x-tenant-id header required' });
    });
  });
});
