// The daily compaction on a real database, with the clock moved: 15-minute rows of tenant-local days
// older than 35 days become one row per day (its last value), day rows older than 400 days go.
import request from 'supertest';
import { HistoryCompaction } from '../../server/history/history-compaction';
import { startTestApp, type TestApp, type TestUser } from '../support/app-fixture';
import { assertHistoryResponse, bucketOf, DAY_MS, insertSample, kpisOf, storedSamples } from './history-support';

let t: TestApp;
let user: TestUser & { cookie: string };
let compaction: HistoryCompaction;

beforeAll(async () => {
  t = await startTestApp({ env: { HISTORY_SAMPLING: 'false' } });
  user = await t.newSignedInUser();
  compaction = t.app.get(HistoryCompaction);
});
afterAll(() => t?.close());

/** What a tenant's history holds, in a form easy to compare: scope, granularity, bucket, the row's `n`. */
async function summary(tenantId: string): Promise<string[]> {
  const rows = await storedSamples(t.dataSource, tenantId);
  return rows.map((r) => `${r.scopeKey} ${r.granularity} ${r.bucket.toISOString()} ${r.kpis.openInvoicesCount}`);
}

describe('compaction with a moved clock', () => {
  // 2026-03-20 noon UTC: New York is on daylight time since 8 March (UTC-4), it was on UTC-5 before.
  const now = new Date('2026-03-20T12:00:00Z');

  it('folds each old tenant-local day into its last value, keeps 35 days of 15-minute rows and 400 days of day rows', async () => {
    const newYork = await t.createTenant({ timeZone: 'America/New_York' });
    const kolkata = await t.createTenant({ timeZone: 'Asia/Kolkata' });
    const write = (tenantId: string, bucket: string, n: number, extra: { scopeKey?: string; granularity?: 'day' } = {}) =>
      insertSample(t.dataSource, { tenantId, bucket: new Date(bucket), n, ...extra });
    // New York, 10 February (UTC-5): midnight, noon and 23:45 local, the last on 11 February in UTC.
    await write(newYork, '2026-02-10T05:00:00Z', 1);
    await write(newYork, '2026-02-10T17:00:00Z', 2);
    await write(newYork, '2026-02-11T04:45:00Z', 3);
    await write(newYork, '2026-02-10T20:00:00Z', 40, { scopeKey: '4' });
    // 12 February is 36 days old: folded; 13 February is 35 days old: kept as it is.
    await write(newYork, '2026-02-12T15:00:00Z', 5);
    await write(newYork, '2026-02-13T15:00:00Z', 6);
    // Day rows just inside and just past 400 days.
    await write(newYork, new Date(now.getTime() - 399 * DAY_MS).toISOString(), 7, { granularity: 'day' });
    await write(newYork, new Date(now.getTime() - 401 * DAY_MS).toISOString(), 8, { granularity: 'day' });
    // Kolkata, 23:30 on 12 February local is 18:00 UTC the same date; 00:30 on 13 February is 19:00 UTC on the 12th.
    await write(kolkata, '2026-02-12T18:00:00Z', 9);
    await write(kolkata, '2026-02-12T19:00:00Z', 10);

    const result = await compaction.compact(now);
    expect(result).toEqual({ daysWritten: 4, quarterHoursRemoved: 6, daysRemoved: 1 });
    expect(await summary(newYork)).toEqual([
      '4 day 2026-02-10T05:00:00.000Z 40',
      'all 15m 2026-02-13T15:00:00.000Z 6',
      `all day ${new Date(now.getTime() - 399 * DAY_MS).toISOString()} 7`,
      // Local midnight of each folded day, holding the day's last value.
      'all day 2026-02-10T05:00:00.000Z 3',
      'all day 2026-02-12T05:00:00.000Z 5',
    ]);
    expect(await summary(kolkata)).toEqual(['all 15m 2026-02-12T19:00:00.000Z 10', 'all day 2026-02-11T18:30:00.000Z 9']);

    // Nothing more to do at the same time; a day later, the next day goes.
    expect(await compaction.compact(now)).toEqual({ daysWritten: 0, quarterHoursRemoved: 0, daysRemoved: 0 });
    const tomorrow = new Date(now.getTime() + DAY_MS);
    expect(await compaction.compact(tomorrow)).toEqual({ daysWritten: 2, quarterHoursRemoved: 2, daysRemoved: 0 });
    expect((await summary(newYork)).filter((row) => row.includes(' 15m '))).toEqual([]);
    expect(await summary(newYork)).toContain('all day 2026-02-13T05:00:00.000Z 6');
    expect(await summary(kolkata)).toEqual(['all day 2026-02-11T18:30:00.000Z 9', 'all day 2026-02-12T18:30:00.000Z 10']);
  });

  it('leaves the 365-day answer the same when the rows under it are folded', async () => {
    const tenantId = await t.createTenant({ timeZone: 'UTC' });
    await t.addMember(user.userId, tenantId);
    const day = Date.UTC(2000, 0, 1) + Math.floor((Date.now() - 40 * DAY_MS - Date.UTC(2000, 0, 1)) / DAY_MS) * DAY_MS;
    await insertSample(t.dataSource, { tenantId, bucket: new Date(day + 9 * 3_600_000), n: 1 });
    await insertSample(t.dataSource, { tenantId, bucket: new Date(day + 18 * 3_600_000), n: 2 });
    await insertSample(t.dataSource, { tenantId, bucket: bucketOf(new Date()), n: 3 });
    const read = async () => {
      const res = await request(t.url).get('/api/company-view/history?range=365d').set({ cookie: user.cookie, 'x-tenant-id': tenantId });
      expect(res.status).toBe(200);
      const body: unknown = res.body;
      assertHistoryResponse(body);
      return body.points;
    };
    const before = await read();
    expect(before.map((p) => p.kpis)).toEqual([kpisOf(2), kpisOf(3)]);
    expect(before[0].at).toBe(new Date(day).toISOString());
    expect((await compaction.compact()).daysWritten).toBeGreaterThanOrEqual(1);
    expect((await storedSamples(t.dataSource, tenantId)).map((r) => r.granularity)).toEqual(['15m', 'day']);
    expect(await read()).toEqual(before);
  });

  it('drops a tenant’s history with the tenant', async () => {
    const tenantId = await t.createTenant({});
    await insertSample(t.dataSource, { tenantId, bucket: bucketOf(new Date()), n: 1 });
    await t.dataSource.query(`DELETE FROM "tenant" WHERE "id" = $1`, [tenantId]);
    expect(await storedSamples(t.dataSource, tenantId)).toEqual([]);
  });
});
