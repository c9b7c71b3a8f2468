// The scheduled sampler with two instances on one database, as deployed: every active tenant is
// sampled once per run by whichever instance takes its job, whether anyone looks at it or not.
// The schedule's cron is every minute here; rather than wait for it, a run is started the way the
// schedule starts one (a job on the run queue), and counted at the demo Odoo and in the job table.
import { PgBoss } from 'pg-boss';
import { startDemoOdoo } from '../../server/demo-odoo';
import type { DemoOdooServer } from '../../server/demo-odoo/demo-odoo.types';
import { HISTORY_QUEUES, HistoryJobs, JOBS_SCHEMA, sampleJobId } from '../../server/history/history-jobs';
import { startTestApp, type TestApp } from '../support/app-fixture';
import { startTestDatabase, type TestDatabase } from '../support/test-database';
import { waitUntil } from '../support/wait-until';
import { bucketOf, storedSamples } from './history-support';

/** One demo database per tenant, so what the demo Odoo counts per database is one tenant's reads. */
const DATABASES = ['acme', 'globex', 'initech', 'umbrella'];
/** Read once by every aggregation (the projects section's count), and by nothing else. */
const ONCE_PER_AGGREGATION = ['project.task', 'search_count'] as const;

let database: TestDatabase;
let demo: DemoOdooServer;
const instances: TestApp[] = [];
let tenants: Map<string, string>;
let inactive: string;

beforeAll(async () => {
  database = await startTestDatabase();
  demo = await startDemoOdoo({ port: 0 });
  const env = { HISTORY_SAMPLING: 'true', HISTORY_SAMPLE_CRON: '* * * * *', SECTION_TIMEOUT_MS: '3000', TOTAL_BUDGET_MS: '4000' };
  // One after the other: the second finds the schema, queues and schedules the first installed.
  instances.push(await startTestApp({ database, demoOdoo: demo, env }));
  instances.push(await startTestApp({ database, demoOdoo: demo, env }));
  const [a] = instances;
  tenants = new Map();
  for (const db of DATABASES) tenants.set(await a.createTenant({ odooDatabase: db }), db);
  inactive = await a.createTenant({ odooDatabase: 'acme', isActive: false });
});
afterAll(async () => {
  for (const app of instances) await app.close();
  await demo?.close();
  await database?.destroy();
});

interface SampleJobRow {
  id: string;
  tenantId: string;
  state: string;
  output: unknown;
}

async function sampleJobs(where = 'TRUE', params: unknown[] = []): Promise<SampleJobRow[]> {
  return instances[0].dataSource.query(
    `SELECT id, data->>'tenantId' AS "tenantId", state, output FROM ${JOBS_SCHEMA}.job WHERE name = '${HISTORY_QUEUES.sample}' AND ${where}`,
    params,
  );
}

/** Waits until every sample job of a run is done; the ids of those jobs. */
async function finished(runId: string): Promise<string[]> {
  const ids = [...tenants.keys()].map((tenantId) => sampleJobId(runId, tenantId));
  await waitUntil(async () => (await sampleJobs(`id = ANY($1) AND state = 'completed'`, [ids])).length === ids.length, 30_000);
  return ids;
}

/** Starts a run, as the schedule does, and waits until every job it queued is done. */
async function run(instance: TestApp): Promise<string[]> {
  return finished(await instance.app.get(HistoryJobs).runNow());
}

/** Waits until no job of any history queue is waiting or running (a run the cron may have started). */
async function quiet(): Promise<void> {
  const busy = () =>
    instances[0].dataSource.query<unknown[]>(
      `SELECT 1 FROM ${JOBS_SCHEMA}.job WHERE name LIKE 'history-%' AND state IN ('created', 'retry', 'active') LIMIT 1`,
    );
  await waitUntil(async () => (await busy()).length === 0, 30_000);
}

const aggregationsAt = (db: string) => demo.calls()[db]?.[ONCE_PER_AGGREGATION[0]]?.[ONCE_PER_AGGREGATION[1]] ?? 0;

describe('scheduled sampling', () => {
  it('registers the sampling schedule from HISTORY_SAMPLE_CRON and the daily compaction at boot', async () => {
    const schedules: unknown[] = await instances[0].dataSource.query(`SELECT name, cron, timezone FROM ${JOBS_SCHEMA}.schedule ORDER BY name`);
    expect(schedules).toEqual([
      { name: HISTORY_QUEUES.compact, cron: '20 3 * * *', timezone: 'UTC' },
      { name: HISTORY_QUEUES.run, cron: '* * * * *', timezone: 'UTC' },
    ]);
  });

  it('samples every active tenant exactly once per run across two instances, though nobody opens them', async () => {
    await quiet();
    demo.resetCalls();
    const started = new Date();
    const first = await run(instances[0]);
    const second = await run(instances[1]);

    // Each run queued one job per active tenant and none for the inactive one.
    for (const ids of [first, second]) {
      const jobs = await sampleJobs('id = ANY($1)', [ids]);
      expect(jobs.map((j) => j.tenantId).sort()).toEqual([...tenants.keys()].sort());
      expect(jobs.every((j) => j.state === 'completed')).toBe(true);
    }
    expect(await sampleJobs(`data->>'tenantId' = $1`, [inactive])).toEqual([]);

    // At the Odoo: one aggregation per job that built a view, none more (a job taken by both
    // instances would read twice). Runs the cron started meanwhile count on both sides.
    await quiet();
    for (const [tenantId, db] of tenants) {
      const built = (await sampleJobs(`data->>'tenantId' = $1 AND state = 'completed' AND completed_on >= $2`, [tenantId, started])).filter(
        (j) => j.output && (j.output as { value?: unknown }).value === 'built',
      );
      expect(built.length).toBeGreaterThanOrEqual(1);
      expect(aggregationsAt(db)).toBe(built.length);
    }

    // Each tenant's default scope has a sample in the bucket of its last run (two buckets only if a
    // quarter hour began meanwhile).
    for (const tenantId of tenants.keys()) {
      const rows = (await storedSamples(instances[0].dataSource, tenantId)).filter((r) => r.recordedAt >= started);
      expect(rows.length).toBeGreaterThanOrEqual(1);
      expect(rows.every((r) => r.scopeKey === 'all' && r.granularity === '15m')).toBe(true);
      const last = rows.at(-1)!;
      expect(last.bucket.getTime()).toBe(bucketOf(last.recordedAt).getTime());
      expect(typeof last.kpis.openTasksCount).toBe('number');
    }
    expect(await storedSamples(instances[0].dataSource, inactive)).toEqual([]);
  });

  it('queues no tenant twice when a run is taken again, as after a retry', async () => {
    const runId = await instances[0].app.get(HistoryJobs).runNow();
    const ids = await finished(runId);
    await quiet();
    demo.resetCalls();
    const takes = () =>
      instances[0].dataSource.query<Array<{ id: string; state: string; completedOn: Date; output: unknown }>>(
        `SELECT id, state, completed_on AS "completedOn", output FROM ${JOBS_SCHEMA}.job WHERE id = ANY($1) ORDER BY id`,
        [ids],
      );
    const firstTake = await takes();
    const replayed = new Date();
    // The run's job again, under the same id, from a client of the same queue (no schedule, no workers).
    const client = new PgBoss({ connectionString: database.url, schema: JOBS_SCHEMA, schedule: false, supervise: false, migrate: false });
    client.on('error', () => undefined);
    await client.start();
    try {
      await client.deleteJob(HISTORY_QUEUES.run, runId);
      expect(await client.send(HISTORY_QUEUES.run, {}, { id: runId })).toBe(runId);
      await waitUntil(async () => (await client.findJobs(HISTORY_QUEUES.run, { id: runId }))[0]?.state === 'completed', 30_000);
    } finally {
      await client.stop({ graceful: false });
    }
    await quiet();
    // Still the first take's four jobs, untouched (none ran again); every sample job there is belongs to one run and tenant.
    const again = await sampleJobs('id = ANY($1)', [ids]);
    expect(again.map((j) => j.tenantId).sort()).toEqual([...tenants.keys()].sort());
    expect(await takes()).toEqual(firstTake);
    const runs = await instances[0].dataSource.query<Array<{ id: string }>>(`SELECT id FROM ${JOBS_SCHEMA}.job WHERE name = $1`, [HISTORY_QUEUES.run]);
    const known = new Set(runs.flatMap((r) => [...tenants.keys()].map((tenantId) => sampleJobId(r.id, tenantId))));
    expect((await sampleJobs()).filter((j) => !known.has(j.id))).toEqual([]);
    // Nothing was read for the replay (a run the cron started meanwhile would show on both sides).
    const built = (await sampleJobs(`state = 'completed' AND completed_on >= $1`, [replayed])).filter(
      (j) => (j.output as { value?: unknown } | null)?.value === 'built',
    );
    expect(DATABASES.reduce((sum, db) => sum + aggregationsAt(db), 0)).toBe(built.length);
  });
});
