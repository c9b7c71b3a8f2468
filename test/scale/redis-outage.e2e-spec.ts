import request from 'supertest';
import type { SystemHealthResponse } from '../../server/contracts/health';
import { assertCompanyViewResponse } from '../company-view/schema';
import { startTestApp, type TestApp } from '../support/app-fixture';
import { bodyOf } from '../support/json-body';
import { PrivateRedis } from '../support/redis';
import { startTestDatabase, type TestDatabase } from '../support/test-database';
import { waitUntil } from '../support/wait-until';

// Two instances sharing a Redis of their own that this suite stops: no 5xx while it is gone, and the
// shared tier comes back by itself.
describe('Redis outage', () => {
  let redis: PrivateRedis;
  let database: TestDatabase;
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    database = await startTestDatabase();
    const env = { REDIS_URL: redis.url, CACHE_TTL_MS: '20000' };
    a = await startTestApp({ database, env });
    b = await startTestApp({ database, demoOdoo: a.demoOdoo!, env: { ...env, BETTER_AUTH_SECRET: a.config.auth.secret, SECRETS_KEY: a.config.secretsKey } });
  });

  afterAll(async () => {
    await b?.close();
    await a?.close();
    await database?.destroy();
    await redis?.stop();
  });

  it('keeps answering 200 on both instances while Redis is down, degraded but never failing', async () => {
    const user = await a.newSignedInUser();
    const cached = await a.createTenant({ odooDatabase: 'initech' });
    const cold = await a.createTenant({ odooDatabase: 'umbrella' });
    await a.addMember(user.userId, cached);
    await a.addMember(user.userId, cold);
    const get = (app: TestApp, tenantId: string) => request(app.url).get('/api/company-view').set({ cookie: user.cookie, 'x-tenant-id': tenantId });
    await get(a, cached).expect(200);

    await redis.stop();
    for (const app of [a, b]) {
      expect((await get(app, cached)).status).toBe(200);
      const fresh = await get(app, cold);
      expect(fresh.status).toBe(200);
      assertCompanyViewResponse(fresh.body);
      const health = await request(app.url).get('/api/monitoring/system-health').expect(200);
      expect(health.body).toMatchObject({ status: 'degraded', cache: { status: 'fail' }, database: { status: 'pass' } });
    }

    await redis.resume();
    await waitUntil(async () => bodyOf<SystemHealthResponse>(await request(a.url).get('/api/monitoring/system-health')).status === 'pass', 10_000);
  }, 60_000);
});
