// A scheduled sample goes through the company view's cache: a tenant someone is watching has a
// fresh entry, which the sample files as it is (no Odoo call); a tenant nobody watches is read.
import request from 'supertest';
import type { CompanyViewResponse } from '../../server/contracts/company-view';
import { HISTORY_QUEUES, HistoryJobs, JOBS_SCHEMA, sampleJobId } from '../../server/history/history-jobs';
import { startTestApp, type TestApp } from '../support/app-fixture';
import { waitUntil } from '../support/wait-until';
import { assertCompanyViewResponse } from '../company-view/schema';
import { bucketOf, storedSamples } from './history-support';

let t: TestApp;

beforeAll(async () => {
  // A TTL far longer than the test: the watched tenant's entry stays fresh throughout. The cron
  // (once a year) keeps scheduled runs out of the way of the one the test starts.
  t = await startTestApp({
    env: { HISTORY_SAMPLING: 'true', HISTORY_SAMPLE_CRON: '0 0 1 1 *', CACHE_TTL_MS: '120000', SECTION_TIMEOUT_MS: '3000', TOTAL_BUDGET_MS: '4000' },
  });
});
afterAll(() => t?.close());

it('files a watched tenant’s fresh cached view without asking Odoo, and reads an unwatched one', async () => {
  const user = await t.newSignedInUser();
  const watched = await t.createTenant({ odooDatabase: 'acme' });
  const unwatched = await t.createTenant({ odooDatabase: 'globex' });
  await t.addMember(user.userId, watched);
  const res = await request(t.url).get('/api/company-view').set({ cookie: user.cookie, 'x-tenant-id': watched });
  expect(res.status).toBe(200);
  const served: unknown = res.body;
  assertCompanyViewResponse(served);
  const view: CompanyViewResponse = served;

  t.demoOdoo!.resetCalls();
  const runStarted = new Date();
  const runId = await t.app.get(HistoryJobs).runNow();
  const ids = [watched, unwatched].map((tenantId) => sampleJobId(runId, tenantId));
  const jobs = () =>
    t.dataSource.query<Array<{ tenantId: string; output: { value: string } }>>(
      `SELECT data->>'tenantId' AS "tenantId", output FROM ${JOBS_SCHEMA}.job WHERE name = $1 AND id = ANY($2) AND state = 'completed'`,
      [HISTORY_QUEUES.sample, ids],
    );
  await waitUntil(async () => (await jobs()).length === 2, 30_000);

  const outcomes = Object.fromEntries((await jobs()).map((j) => [j.tenantId, j.output.value]));
  expect(outcomes).toEqual({ [watched]: 'cached', [unwatched]: 'built' });
  expect(t.demoOdoo!.calls().acme ?? {}).toEqual({});
  expect(t.demoOdoo!.calls().globex?.['project.task']?.search_count).toBe(1);

  // The run's bucket holds the served view, written by the sampler during the run.
  const rows = await storedSamples(t.dataSource, watched);
  const current = rows.find((r) => r.bucket.getTime() === bucketOf(r.recordedAt).getTime() && r.recordedAt >= runStarted);
  expect(current).toBeDefined();
  expect(current!.refreshedAt.toISOString()).toBe(view.refreshedAt);
  expect(current!.kpis).toEqual(view.kpis);
  expect(current!.money).toEqual(view.money);
});
