import request from 'supertest';
import type { CompanyViewResponse } from '../../server/contracts/company-view';
import type { SystemHealthResponse } from '../../server/contracts/health';
import { startTestApp, type TestApp } from '../support/app-fixture';
import { bodyOf } from '../support/json-body';

// PostgreSQL stopped under a running server: what needs it answers 503 quickly, what the session and
// membership caches can answer still works, health fails, and everything comes back by itself.
describe('Database outage', () => {
  let app: TestApp;
  let cookie: string;
  let tenantId: string;

  beforeAll(async () => {
    app = await startTestApp({ embeddedDatabase: true, env: { CACHE_TTL_MS: '60000', SESSION_CACHE_MAX_AGE_S: '60' } });
    const user = await app.newSignedInUser();
    cookie = user.cookie;
    tenantId = await app.createTenant({ name: 'Outage Co', odooDatabase: 'acme' });
    await app.addMember(user.userId, tenantId, { isDefault: true });
    // Warm the session memo, the membership cache and the company view cache.
    await request(app.url).get('/api/company-view').set({ cookie, 'x-tenant-id': tenantId }).expect(200);
  });
  afterAll(() => app.close());

  it('serves cached answers, refuses the rest with 503, and recovers', async () => {
    await app.database.stopServer();
    try {
      const cached = await request(app.url).get('/api/company-view').set({ cookie, 'x-tenant-id': tenantId });
      expect(cached.status).toBe(200);
      expect(bodyOf<CompanyViewResponse>(cached).tenantId).toBe(tenantId);

      const needsDb = await request(app.url).get('/api/tenants/current').set('cookie', cookie);
      expect(needsDb.status).toBe(503);
      expect(needsDb.body).toEqual({ error: 'Service Unavailable: database unreachable' });

      const other = await app.createUser().catch(() => null);
      expect(other).toBeNull();

      const health = await request(app.url).get('/api/monitoring/system-health');
      expect(health.status).toBe(503);
      expect(bodyOf<SystemHealthResponse>(health).status).toBe('fail');
    } finally {
      await app.database.startServer();
    }
    let status = 0;
    for (let i = 0; i < 60 && status !== 200; i++) {
      status = (await request(app.url).get('/api/tenants/current').set('cookie', cookie)).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 250));
    }
    expect(status).toBe(200);
    await request(app.url).get('/api/monitoring/system-health').expect(200);
  });
});
