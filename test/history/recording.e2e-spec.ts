// Every aggregation files what it read in kpi_sample before its answer leaves: the default scope as
// "all", a single company under its id, nothing for several companies. Real PostgreSQL, the real
// app and the demo Odoo; the scheduler is off here (its own suite covers it) so only requests write.
import request from 'supertest';
import type { CompanyViewResponse } from '../../server/contracts/company-view';
import { HistoryJobs } from '../../server/history/history-jobs';
import { KpiSampleStore } from '../../server/history/kpi-sample-store';
import { startTestApp, TEST_CLOCKS, type TestApp, type TestUser } from '../support/app-fixture';
import { waitUntil } from '../support/wait-until';
import { assertCompanyViewResponse } from '../company-view/schema';
import { bucketOf, kpisOf, moneyOf, storedSamples } from './history-support';

const TTL_MS = Number(TEST_CLOCKS.CACHE_TTL_MS);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let t: TestApp;
let user: TestUser & { cookie: string };

beforeAll(async () => {
  // Clocks roomy enough that a cold demo database answers every section on a busy machine.
  t = await startTestApp({ env: { HISTORY_SAMPLING: 'false', SECTION_TIMEOUT_MS: '3000', TOTAL_BUDGET_MS: '4000', ODOO_AUTH_BACKOFF_MS: '0' } });
  user = await t.newSignedInUser();
});
afterAll(() => t?.close());
afterEach(() => t.demoOdoo!.clearFaults());

async function memberTenant(odooDatabase = 'acme'): Promise<string> {
  const tenantId = await t.createTenant({ odooDatabase });
  await t.addMember(user.userId, tenantId);
  return tenantId;
}

async function view(tenantId: string, query = ''): Promise<CompanyViewResponse> {
  const res = await request(t.url).get(`/api/company-view${query}`).set({ cookie: user.cookie, 'x-tenant-id': tenantId });
  expect(res.status).toBe(200);
  const body: unknown = res.body;
  assertCompanyViewResponse(body);
  return body;
}

describe('recording', () => {
  it('files the aggregated KPIs, money and error kinds under "all" before answering', async () => {
    const tenantId = await memberTenant();
    const body = await view(tenantId);
    // Read right after the answer arrived: the row was written before it was sent.
    const rows = await storedSamples(t.dataSource, tenantId);
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row.scopeKey).toBe('all');
    expect(row.granularity).toBe('15m');
    expect(row.kpis).toEqual(body.kpis);
    expect(typeof row.kpis.openTasksCount).toBe('number');
    expect(row.money).toEqual(body.money);
    expect(row.errorKinds).toEqual(body.meta!.errorKinds);
    expect(row.refreshedAt.toISOString()).toBe(body.refreshedAt);
    expect(row.bucket.getTime()).toBe(bucketOf(row.recordedAt).getTime());
    expect(row.recordedAt.getTime()).toBeGreaterThanOrEqual(Date.parse(body.refreshedAt));
  });

  it('overwrites the bucket with the next aggregation: its last value wins', async () => {
    const tenantId = await memberTenant();
    const first = await view(tenantId);
    await sleep(TTL_MS + 100);
    const second = await view(tenantId);
    expect(second.refreshedAt > first.refreshedAt).toBe(true);
    const rows = await storedSamples(t.dataSource, tenantId);
    // One row per bucket: two only if a quarter hour began between the two reads.
    const buckets = new Set([first, second].map((b) => bucketOf(b.refreshedAt).getTime()));
    expect(rows).toHaveLength(buckets.size);
    expect(rows.at(-1)!.refreshedAt.toISOString()).toBe(second.refreshedAt);
  });

  it('keeps a partial result: the failed section leaves its KPI null and its error kind', async () => {
    const tenantId = await memberTenant();
    t.demoOdoo!.setFault({ db: 'acme', model: 'project.task', kind: 'missing' });
    const body = await view(tenantId);
    expect(body.errorsBySection.projects).toBeDefined();
    const [row] = await storedSamples(t.dataSource, tenantId);
    expect(row.kpis).toEqual(body.kpis);
    expect(row.kpis.openTasksCount).toBeNull();
    expect(typeof row.kpis.lowStockItemsCount).toBe('number');
    expect(row.errorKinds).toEqual(body.meta!.errorKinds);
    expect(row.errorKinds.projects).toBe('module-missing');
  });

  it('never lets an older read replace a newer one in the same bucket', async () => {
    const tenantId = await memberTenant();
    const store = t.app.get(KpiSampleStore);
    const bucket = bucketOf(new Date());
    const base = { tenantId, scopeKey: 'all', bucket, money: moneyOf(1), errorKinds: {} };
    await store.upsert({ ...base, kpis: kpisOf(20), refreshedAt: new Date(bucket.getTime() + 2000) });
    await store.upsert({ ...base, kpis: kpisOf(10), refreshedAt: new Date(bucket.getTime() + 1000) });
    expect((await storedSamples(t.dataSource, tenantId)).map((r) => r.kpis)).toEqual([kpisOf(20)]);
    await store.upsert({ ...base, kpis: kpisOf(30), refreshedAt: new Date(bucket.getTime() + 3000) });
    expect((await storedSamples(t.dataSource, tenantId)).map((r) => r.kpis)).toEqual([kpisOf(30)]);
  });
});

describe('scopes', () => {
  it('files each single company under its id and both companies of a two-company tenant under "all"', async () => {
    const tenantId = await memberTenant('stark');
    const all = await view(tenantId);
    const [first, second] = all.meta!.companies.map((c) => c.id);
    expect(second).toBeDefined();
    const one = await view(tenantId, `?companies=${first}`);
    const other = await view(tenantId, `?companies=${second}`);
    await sleep(TTL_MS + 100);
    // Every company, named one by one: the default scope's entry, so the default scope's history.
    const both = await view(tenantId, `?companies=${second},${first}`);
    const rows = await storedSamples(t.dataSource, tenantId);
    const byScope = new Map(rows.map((r) => [r.scopeKey, r]));
    expect([...byScope.keys()].sort()).toEqual([String(first), String(second), 'all'].sort());
    expect(byScope.get(String(first))!.kpis).toEqual(one.kpis);
    expect(byScope.get(String(first))!.money).toEqual(one.money);
    expect(byScope.get(String(second))!.money).toEqual(other.money);
    expect(byScope.get('all')!.refreshedAt.toISOString()).toBe(both.refreshedAt);
  });

  it('leaves a view of several (not all) companies out of the history', async () => {
    // While Odoo cannot list the companies, a scope is taken as asked: 1,2 stays two companies.
    const tenantId = await memberTenant('initech');
    t.demoOdoo!.setFault({ db: 'initech', model: 'res.company', kind: 'missing' });
    expect((await view(tenantId, '?companies=1,2')).meta!.scope).toEqual([1, 2]);
    const single = await view(tenantId, '?companies=1');
    const rows = await storedSamples(t.dataSource, tenantId);
    expect(rows.map((r) => r.scopeKey)).toEqual(['1']);
    expect(rows[0].refreshedAt.toISOString()).toBe(single.refreshedAt);
  });
});

describe('a history write in trouble', () => {
  it('still answers when the write fails', async () => {
    const tenantId = await memberTenant();
    await t.dataSource.query(`ALTER TABLE "kpi_sample" RENAME TO "kpi_sample_away"`);
    try {
      expect((await view(tenantId)).tenantId).toBe(tenantId);
    } finally {
      await t.dataSource.query(`ALTER TABLE "kpi_sample_away" RENAME TO "kpi_sample"`);
    }
    expect(await storedSamples(t.dataSource, tenantId)).toEqual([]);
  });

  it('answers without waiting for a write that is stuck, which lands once it can', async () => {
    const tenantId = await memberTenant();
    const runner = t.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    let released = false;
    try {
      await runner.query(`LOCK TABLE "kpi_sample" IN ACCESS EXCLUSIVE MODE`);
      // Held well past the recorder's wait, and released anyway should the answer wait for it.
      const fallback = setTimeout(() => {
        released = true;
        void runner.rollbackTransaction();
      }, 5000);
      const body = await view(tenantId);
      clearTimeout(fallback);
      expect(released).toBe(false);
      released = true;
      await runner.rollbackTransaction();
      await waitUntil(async () => (await storedSamples(t.dataSource, tenantId)).length === 1);
      expect((await storedSamples(t.dataSource, tenantId))[0].refreshedAt.toISOString()).toBe(body.refreshedAt);
    } finally {
      if (!released) await runner.rollbackTransaction().catch(() => undefined);
      await runner.release();
    }
  });
});

describe('with HISTORY_SAMPLING=false', () => {
  it('runs no job queue in this instance, yet records what it aggregates', async () => {
    const [{ schema }] = await t.dataSource.query<Array<{ schema: string | null }>>(`SELECT to_regnamespace('pgboss')::text AS schema`);
    expect(schema).toBeNull();
    await expect(t.app.get(HistoryJobs).runNow()).rejects.toThrow('History sampling is off in this instance');
  });
});
