import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { DistributedLock } from '../../server/cache/distributed-lock';
import { CompanyViewCache } from '../../server/company-view/company-view-cache';
import type { CompanyViewResponse } from '../../server/contracts/company-view';
import type { SystemHealthResponse } from '../../server/contracts/health';
import { startDemoOdoo } from '../../server/demo-odoo';
import type { DemoOdooServer } from '../../server/demo-odoo/demo-odoo.types';
import { freePort } from '../../server/database/embedded-database';
import { assertCompanyViewResponse } from '../company-view/schema';
import { startTestApp, type TestApp } from '../support/app-fixture';
import { bodyOf } from '../support/json-body';
import { ROOT } from '../support/run-cli';
import { assertRedisAnswers, TEST_REDIS_URL } from '../support/redis';
import { waitUntil } from '../support/wait-until';
import { startTestDatabase, type TestDatabase } from '../support/test-database';
import { companyViewCacheKey } from '../../server/company-view/cache-key';
import { settingsVersionOf } from '../../server/tenant/tenant-odoo-settings';

// Two instances behind one Redis behave like one cache: one aggregation per tenant however many
// requests and instances, and recovery from a crashed lock holder. (Redis going away: redis-outage.)

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
  let database: TestDatabase;
  let demo: DemoOdooServer;
  let a: TestApp;
  let b: TestApp;
  let env: Record<string, string>;
  let cookie: string;
  let userId: string;

  const newTenant = async () => {
    const tenantId = await a.createTenant({ odooDatabase: null, alsoHeardBy: [b] });
    await a.addMember(userId, tenantId);
    return tenantId;
  };
  const get = (app: TestApp, tenantId: string) => request(app.url).get('/api/company-view').set({ cookie, 'x-tenant-id': tenantId });

  beforeAll(async () => {
    await assertRedisAnswers('Shared cache across two instances');
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
    await b?.close();
    await a?.close();
    await demo?.close();
    await database?.destroy();
  });

  it('serves on B, as a HIT, what A just built', async () => {
    const tenantId = await newTenant();
    const miss = await get(a, tenantId).expect(200);
    expect(miss.headers['x-cache']).toBe('MISS');
    const hit = await get(b, tenantId).expect(200);
    expect(hit.headers['x-cache']).toBe('HIT');
    expect(hit.headers.etag).toBe(miss.headers.etag);
    expect(hit.text).toBe(miss.text);
    assertCompanyViewResponse(hit.body);
  });

  it('runs exactly one aggregation for 200 concurrent cold requests spread over both instances', async () => {
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

  it('recovers when the instance holding the lock dies mid-aggregation', async () => {
    const tenantId = await newTenant();
    const port = await freePort();
    const holder = spawnInstance(port, { ...env, DATABASE_URL: database.url, BETTER_AUTH_SECRET: a.config.auth.secret, SECRETS_KEY: a.config.secretsKey });
    try {
      await holder.ready;
      // Only once its Redis link is up does the instance take locks.
      await waitUntil(
        async () => ((await (await fetch(`http://127.0.0.1:${port}/api/monitoring/system-health`)).json()) as SystemHealthResponse).cache?.status === 'pass',
      );
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
      await a.app.get(CompanyViewCache).delete(await viewKey(a, tenantId));
      const after = await get(b, tenantId).expect(200);
      expect(after.headers['x-cache']).toBe('MISS');
      expect(bodyOf<CompanyViewResponse>(after).errorsBySection).toEqual({});
    } finally {
      holder.process.kill('SIGKILL');
      demo.clearFaults();
    }
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
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`instance exited early (${code}):\n${output}`)));
  });
  return { process: child, ready };
}

/** The cache key of the tenant's default view, as the server builds it from the tenant's row. */
async function viewKey(app: TestApp, tenantId: string): Promise<string> {
  const [row] = await app.dataSource.query<Array<{ updatedAt: Date }>>('SELECT "updatedAt" FROM tenant WHERE id = $1', [tenantId]);
  return companyViewCacheKey({ tenantId, settingsVersion: settingsVersionOf(row.updatedAt) }, 'all');
}

async function lockHeld(app: TestApp, tenantId: string): Promise<boolean> {
  return app.app.get(DistributedLock).isHeld(await viewKey(app, tenantId));
}
