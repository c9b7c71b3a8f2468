import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { first, firstValueFrom, ReplaySubject, throwError, timeout } from 'rxjs';
import { DataSource } from 'typeorm';
import { createApp } from '../../server/app.factory';
import { AuthService } from '../../server/auth/auth.service';
import { createUser } from '../../server/auth/user-admin';
import { loadConfig, type AppConfig } from '../../server/config/app-config';
import { startDemoOdoo } from '../../server/demo-odoo';
import type { DemoOdooServer } from '../../server/demo-odoo/demo-odoo.types';
import type { TenantRole } from '../../server/contracts/tenant';
import { addMember, createTenant } from '../../server/tenant/tenant-admin';
import { TenantEvents, type TenantChange } from '../../server/tenant/tenant-events';
import { startTestDatabase, type TestDatabase } from './test-database';

export interface TestAppOptions {
  /** Extra environment for the app's configuration (strings, as in process.env). */
  env?: Record<string, string>;
  /** A running demo Odoo to use; by default the fixture starts its own. `false`: none (no demo mode Odoo). */
  demoOdoo?: DemoOdooServer | false;
  /** An existing test database; by default the fixture starts its own (and destroys it on close). */
  database?: TestDatabase;
  /** Start an embedded PostgreSQL even when TEST_DATABASE_URL is set (suites that stop the database). */
  embeddedDatabase?: boolean;
  /** Receives every log line (set LOG_LEVEL in env to choose how many). */
  logStream?: NodeJS.WritableStream;
}

export interface TestUser {
  userId: string;
  email: string;
  password: string;
}

export interface TestApp {
  app: NestFastifyApplication;
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  config: AppConfig;
  database: TestDatabase;
  dataSource: DataSource;
  demoOdoo: DemoOdooServer | null;
  createUser(email?: string, password?: string): Promise<TestUser>;
  /** Signs in over HTTP and returns the Cookie header to send. */
  signIn(email: string, password: string): Promise<string>;
  /** A new user, signed in: their id and Cookie header. */
  newSignedInUser(): Promise<TestUser & { cookie: string }>;
  /** A new tenant, once this app (and `alsoHeardBy`, other instances on the same database) has heard of it. */
  createTenant(input: { name?: string; isActive?: boolean; odooDatabase?: string | null; timeZone?: string; alsoHeardBy?: TestApp[] }): Promise<string>;
  addMember(userId: string, tenantId: string, options?: { isDefault?: boolean; role?: TenantRole }): Promise<void>;
  close(): Promise<void>;
}

/** Test clocks: short enough that no suite waits for real-world durations. Refresh-ahead (and its
 *  stale grace) is off so entries expire exactly at their TTL; suites about it switch it on. */
export const TEST_CLOCKS: Record<string, string> = {
  REFRESH_AHEAD_RATIO: '0',
  // Suites that test the scheduled sampler turn it on; elsewhere pg-boss would only slow every boot.
  HISTORY_SAMPLING: 'false',
  CACHE_TTL_MS: '1000',
  ERROR_CACHE_TTL_MS: '500',
  // Roomy enough for a 2-core machine running two suites and a browser at once, with other work on
  // it too: at 1 s a healthy section beside a faulty one sometimes timed out when both cores were busy.
  SECTION_TIMEOUT_MS: '1500',
  TOTAL_BUDGET_MS: '2000',
  ODOO_TIMEOUT_MS: '2500',
};

export function testConfig(dataDir: string, env: Record<string, string> = {}): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    BETTER_AUTH_SECRET: randomBytes(32).toString('base64url'),
    SECRETS_KEY: randomBytes(32).toString('base64url'),
    ...TEST_CLOCKS,
    ...env,
  });
}

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = options.database ?? (await startTestDatabase({ embedded: options.embeddedDatabase }));
  const ownsDatabase = !options.database;
  const demoOdoo = options.demoOdoo === undefined ? await startDemoOdoo({ port: 0 }) : options.demoOdoo || null;
  const ownsDemo = options.demoOdoo === undefined;
  const config = testConfig(database.dataDir, options.env);
  const app = await createApp(config, database.url, { logStream: options.logStream, demoOdooUrl: demoOdoo?.url ?? null });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const dataSource = app.get(DataSource);
  const passwords = await app.get(AuthService).passwords();
  let userCounter = 0;

  const fixture: TestApp = {
    app,
    url,
    config,
    database,
    dataSource,
    demoOdoo,
    async createUser(email, password = 'correct-horse-battery') {
      const address = email ?? `user-${Date.now().toString(36)}-${++userCounter}-${randomBytes(3).toString('hex')}@test.example`;
      const { userId } = await dataSource.transaction((tx) => createUser(passwords, tx, { email: address, password }));
      return { userId, email: address.toLowerCase(), password };
    },
    async signIn(email, password) {
      const response = await fetch(`${url}/api/auth/sign-in/email`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: url },
        body: JSON.stringify({ email, password }),
      });
      if (response.status !== 200) throw new Error(`sign-in failed with ${response.status}: ${await response.text()}`);
      return cookieHeader(response.headers.getSetCookie());
    },
    async newSignedInUser() {
      const user = await fixture.createUser();
      return { ...user, cookie: await fixture.signIn(user.email, user.password) };
    },
    async createTenant({ name, isActive = true, odooDatabase = 'acme', timeZone, alsoHeardBy = [] }) {
      const listeners = [app, ...alsoHeardBy.map((other) => other.app)].map((instance) => instance.get(TenantEvents));
      return heardOf(listeners, async () => {
        const tenant = await dataSource.transaction((tx) =>
          createTenant(tx, { name: name ?? `Tenant ${randomBytes(3).toString('hex')}`, isActive, odooDatabase, timeZone }),
        );
        return tenant.id;
      });
    },
    async addMember(userId, tenantId, memberOptions = {}) {
      await dataSource.transaction((tx) => addMember(tx, { userId, tenantId, ...memberOptions }));
    },
    async close() {
      await app.close();
      if (ownsDemo) await demoOdoo?.close();
      if (ownsDatabase) await database.destroy();
    },
  };
  return fixture;
}

/**
 * Creates a tenant and resolves once every listener has heard of it. The row's notification evicts
 * the tenant's cached views; heard late, after a first view was cached, it would turn the next read
 * into a miss, which the caching tests would take for a bug.
 */
async function heardOf(listeners: TenantEvents[], create: () => Promise<string>): Promise<string> {
  const seen = listeners.map(() => new ReplaySubject<TenantChange>());
  const subscriptions = listeners.map((events, i) => events.changes$.subscribe(seen[i]));
  try {
    const tenantId = await create();
    // A reset (the listener reconnected) evicts everything, this tenant included.
    const heard = (changes: ReplaySubject<TenantChange>) =>
      firstValueFrom(
        changes.pipe(
          first((change) => change.kind === 'reset' || (change.kind === 'tenant' && change.tenantId === tenantId)),
          timeout({ first: 10_000, with: () => throwError(() => new Error(`an instance never heard of tenant ${tenantId}`)) }),
        ),
      );
    await Promise.all(seen.map(heard));
    return tenantId;
  } finally {
    for (const subscription of subscriptions) subscription.unsubscribe();
  }
}

/** Turns Set-Cookie lines into a Cookie request header. */
export function cookieHeader(setCookies: string[]): string {
  return setCookies
    .map((line) => line.split(';')[0])
    .filter((pair) => !pair.endsWith('='))
    .join('; ');
}
