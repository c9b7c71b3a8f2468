import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { DistributedLock } from '../../server/cache/distributed-lock';
import { CompanyViewCache } from '../../server/company-view/company-view-cache';
import { startDemoOdoo } from '../../server/demo-odoo';
import type { DemoOdooServer } from '../../server/demo-odoo/demo-odoo.types';
import { freePort } from '../../server/database/embedded-database';
import { assertCompanyViewResponse } from '../company-view/schema';
import { startTestApp, type TestApp } from '../support/app-fixture';
import { ROOT } from '../support/run-cli';
import { PrivateRedis, requireRedis, TEST_REDIS_URL } from '../support/redis';
import { startTestDatabase, type TestDatabase } from '../support/test-database';

// Two instances behind one Redis behave like one cache: one aggregation per tenant however many
// requests and instances, recovery from a crashed lock holder, and no 5xx when Redis goes away.

/** Odoo reads one aggregation makes (not logins or field lookups, which the client caches). */
function dataCalls(demo: DemoOdooServer, db: string): number {
  let total = 0;
  for (const [model, methods] of Object.entries(demo.calls()[db] ?? {})) {
    if (model === 'common') continue;
    for (const [method, count] of Object.entries(methods)) if (method !== 'fields_get') total += count;
  }
  return total;
}

const odooEnv = (demo: DemoOdooServer, db: string) => ({
  ODOO_URL: demo.url,
  ODOO_DATABASE: db,
  ODOO_USERNAME: `api@${db}.example`,
  ODOO_PASSWORD: `demo-secret-${db}`,
  ODOO_TRANSPORT: 'xmlrpc',
});

describe('Shared cache across two instances', () => {
  let enabled = false;
  let database: TestDatabase;
  let demo: DemoOdooServer;
  let a: TestApp;
  let b: TestApp;
  let env: Record<string, string>;
  let cookie: string;
  let userId: string;

  const newTenant = async () => {
    const tenantId = await a.createTenant({ odooDatabase: null });
    await a.addMember(userId, tenantId);
    return tenantId;
  };
  const get = (app: TestApp, tenantId: string) => request(app.url).get('/api/company-view').set({ cookie, 'x-tenant-id': tenantId });

  beforeAll(async () => {
    enabled = await requireRedis('shared cache across two instances');
    if (!enabled) return;
    database = await startTestDatabase();
    demo = await startDemoOdoo({ port: 0 });
    env = {
      ...odooEnv(demo, 'acme'),
      REDIS_URL: TEST_REDIS_URL,
      COMPANY_VIEW_CACHE_PREFIX: `test-${randomBytes(4).toString('hex')}:`,
      CACHE_TTL_MS: '20000',
      SECTION_TIMEOUT_MS: '1500',
      TOTAL_BUDGET_MS: '2000',
      CACHE_LOCK_TTL_MS: '2500',
    };
    a = await startTestApp({ database, demoOdoo: demo, env });
    // The second instance must share the first one's secrets to accept its sessions.
    b = await startTestApp({ database, demoOdoo: demo, env: { ...env, BETTER_AUTH_SECRET: a.config.auth.secret, SECRETS_KEY: a.config.secretsKey } });
    const user = await a.newSignedInUser();
    cookie = user.cookie;
    userId = user.userId;
    // Warm each instance's Odoo client (login, field lookups) so counted calls are data reads only.
    await get(a, await newTenant()).expect(200);
    await get(b, await newTenant()).expect(200);
  });

  afterAll(async () => {
    if (!enabled) return;
    await b?.close();
    await a?.close();
    await demo?.close();
    await database?.destroy();
  });

  const maybe = (name: string, fn: () => Promise<void>, timeout?: number) => it(name, async () => (enabled ? fn() : undefined), timeout);

  maybe('serves on B, as a HIT, what A just built', async () => {
    const tenantId = await newTenant();
    const miss = await get(a, tenantId).expect(200);
    expect(miss.headers['x-cache']).toBe('MISS');
    const hit = await get(b, tenantId).expect(200);
    expect(hit.headers['x-cache']).toBe('HIT');
    expect(hit.headers.etag).toBe(miss.headers.etag);
    expect(hit.text).toBe(miss.text);
    assertCompanyViewResponse(hit.body);
  });

  maybe('runs exactly one aggregation for 200 concurrent cold requests spread over both instances', async () => {
    const single = await newTenant();
    demo.resetCalls();
    await get(a, single).expect(200);
    const oneAggregation = dataCalls(demo, 'acme');
    expect(oneAggregation).toBeGreaterThan(0);

    const tenantId = await newTenant();
    demo.resetCalls();
    demo.setFault({ db: 'acme', kind: 'latency', latencyMs: 150 });
    try {
      const responses = await Promise.all(Array.from({ length: 200 }, (_, i) => get(i % 2 ? a : b, tenantId)));
      expect(responses.map((r) => r.status)).toEqual(Array(200).fill(200));
      expect(new Set(responses.map((r) => r.headers.etag)).size).toBe(1);
    } finally {
      demo.clearFaults();
    }
    expect(dataCalls(demo, 'acme')).toBe(oneAggregation);
  });

  maybe('recovers when the instance holding the lock dies mid-aggregation', async () => {
    const tenantId = await newTenant();
    const port = await freePort();
    const holder = spawnInstance(port, { ...env, DATABASE_URL: database.url, BETTER_AUTH_SECRET: a.config.auth.secret, SECRETS_KEY: a.config.secretsKey });
    try {
      await holder.ready;
      // Only once its Redis link is up does the instance take locks.
      await waitUntil(async () => (await (await fetch(`http://127.0.0.1:${port}/api/monitoring/system-health`)).json()).cache?.status === 'pass');
      demo.resetCalls();
      demo.setFault({ db: 'acme', kind: 'latency', latencyMs: 5000 });
      const doomed = fetch(`http://127.0.0.1:${port}/api/company-view`, { headers: { cookie, 'x-tenant-id': tenantId } }).catch(() => null);
      await waitUntil(async () => dataCalls(demo, 'acme') > 0 || (await lockHeld(a, tenantId)));
      expect(await lockHeld(a, tenantId)).toBe(true);
      holder.process.kill('SIGKILL');
      await doomed;
      demo.clearFaults();

      // While the dead holder's lock lives, requests still answer within the budget (+ slack).
      const during = await get(a, tenantId);
      expect(during.status).toBe(200);
      assertCompanyViewResponse(during.body);

      // Once the lock has expired, the tenant is served normally again.
      await waitUntil(async () => !(await lockHeld(a, tenantId)), 5000);
      await a.app.get(CompanyViewCache).delete(tenantId);
      const after = await get(b, tenantId).expect(200);
      expect(after.headers['x-cache']).toBe('MISS');
      expect(after.body.errorsBySection).toEqual({});
    } finally {
      holder.process.kill('SIGKILL');
      demo.clearFaults();
    }
  }, 60_000);
});

describe('Redis outage', () => {
  let redis: PrivateRedis | null = null;
  let database: TestDatabase;
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    if (!PrivateRedis.available()) {
      if (process.env.CI) throw new Error('Redis outage suite: redis-server is not installed');
      console.warn('Skipping "Redis outage": redis-server is not installed');
      return;
    }
    redis = await PrivateRedis.start();
    database = await startTestDatabase();
    const env = { REDIS_URL: redis.url, CACHE_TTL_MS: '20000' };
    a = await startTestApp({ database, env });
    b = await startTestApp({ database, demoOdoo: a.demoOdoo!, env: { ...env, BETTER_AUTH_SECRET: a.config.auth.secret, SECRETS_KEY: a.config.secretsKey } });
  });

  afterAll(async () => {
    if (!redis) return;
    await b?.close();
    await a?.close();
    await database?.destroy();
    await redis.stop();
  });

  it('keeps answering 200 on both instances while Redis is down, degraded but never failing', async () => {
    if (!redis) return;
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
    await waitUntil(async () => (await request(a.url).get('/api/monitoring/system-health')).body.status === 'pass', 10_000);
  }, 60_000);
});

function spawnInstance(port: number, env: Record<string, string>): { process: ChildProcess; ready: Promise<void> } {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'server/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', NODE_ENV: 'test', LOG_LEVEL: 'warn', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('is running at')) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`instance exited early (${code}):\n${output}`)));
  });
  return { process: child, ready };
}

function lockHeld(app: TestApp, tenantId: string): Promise<boolean> {
  return app.app.get(DistributedLock).isHeld(tenantId);
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
