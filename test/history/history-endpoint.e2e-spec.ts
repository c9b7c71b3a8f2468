// GET /api/company-view/history through the real app: the company view's guards and bodies, the
// query's own 400s, and the points each range answers with, from rows written at chosen times.
import request from 'supertest';
import type { CompanyViewHistoryResponse, HistoryPoint } from '../../server/contracts/history';
import { startTestApp, type TestApp, type TestUser } from '../support/app-fixture';
import { assertCompanyViewResponse } from '../company-view/schema';
import { assertHistoryResponse, bucketOf, DAY_MS, insertSample, kpisOf, moneyOf, QUARTER_HOUR_MS } from './history-support';

const ROUTE = '/api/company-view/history';
const HOUR_MS = 3_600_000;
const INVALID_RANGE = { error: 'Bad Request: Invalid range' };
const INVALID_SCOPE = { error: 'Bad Request: Invalid company scope' };
/** No daylight saving, and days that begin at 18:30 UTC: a day counted in UTC would be off. */
const ZONE = 'Asia/Kolkata';

let t: TestApp;
let user: TestUser & { cookie: string };

beforeAll(async () => {
  t = await startTestApp({ env: { HISTORY_SAMPLING: 'false', SECTION_TIMEOUT_MS: '3000', TOTAL_BUDGET_MS: '4000' } });
  user = await t.newSignedInUser();
});
afterAll(() => t?.close());

async function memberTenant(timeZone = ZONE): Promise<string> {
  const tenantId = await t.createTenant({ odooDatabase: 'acme', timeZone });
  await t.addMember(user.userId, tenantId);
  return tenantId;
}

function get(tenantId: string | null, query: string, cookie: string | null = user.cookie) {
  const req = request(t.url).get(`${ROUTE}${query}`);
  if (cookie) req.set('cookie', cookie);
  if (tenantId !== null) req.set('x-tenant-id', tenantId);
  return req;
}

async function history(tenantId: string, query: string): Promise<CompanyViewHistoryResponse> {
  const res = await get(tenantId, query);
  expect(res.status).toBe(200);
  const body: unknown = res.body;
  assertHistoryResponse(body);
  return body;
}

/** The point a row written with `n` gives at `at`. */
const point = (at: Date, n: number): HistoryPoint => ({ at: at.toISOString(), kpis: kpisOf(n), money: moneyOf(n) });

/** The date in ZONE `daysAgo` days before today, and an instant on it at a local time. */
function localDay(daysAgo: number): { date: string; at: (time: string) => Date } {
  const date = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(Date.now() - daysAgo * DAY_MS),
  );
  return { date, at: (time) => new Date(`${date}T${time}+05:30`) };
}

describe('access, as on the company view', () => {
  it('answers 401 without a session or with a forged one, before looking at the tenant or the query', async () => {
    const tenantId = await memberTenant();
    for (const [header, query] of [
      [tenantId, '?range=24h'],
      [null, '?range=nope'],
      ['not-a-uuid', ''],
    ] as const) {
      const res = await get(header, query, null);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: 'Unauthorized: Valid session required' });
    }
    const forged = await get(tenantId, '?range=24h', 'better-auth.session_token=forged.value');
    expect(forged.status).toBe(401);
    expect(forged.body).toEqual({ error: 'Unauthorized: Valid session required' });
  });

  it('answers 400 without x-tenant-id or with an unknown tenant id', async () => {
    const missing = await get(null, '?range=24h');
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual({ error: 'Bad Request: x-tenant-id header required' });
    for (const id of ['not-a-uuid', '00000000-0000-4000-8000-000000000000']) {
      const res = await get(id, '?range=24h');
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ error: 'Bad Request: Invalid tenant ID' });
    }
  });

  it('answers 403 for an inactive tenant, member or not, and to a non-member even with a bad query', async () => {
    const inactive = await t.createTenant({ odooDatabase: 'acme', isActive: false });
    const outsider = await t.newSignedInUser();
    for (const cookie of [outsider.cookie, user.cookie]) {
      if (cookie === user.cookie) await t.addMember(user.userId, inactive);
      const res = await get(inactive, '?range=24h', cookie);
      expect(res.status).toBe(403);
      expect(res.body).toEqual({ error: 'Forbidden: Tenant is inactive' });
    }
    const other = await t.createTenant({ odooDatabase: 'acme' });
    const res = await get(other, '?range=forever&companies=x');
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ error: 'Forbidden: User is not a member of this tenant' });
  });
});

describe('query', () => {
  let tenantId: string;
  beforeAll(async () => {
    tenantId = await memberTenant();
  });

  it.each(['', '?range=', '?range=1y', '?range=24H', '?range=7d&range=24h', '?range=24h,7d', '?companies=1'])(
    'answers 400 to the range in %p',
    async (query) => {
      const res = await get(tenantId, query);
      expect(res.status).toBe(400);
      expect(res.body).toEqual(INVALID_RANGE);
    },
  );

  it.each(['', '1,2', '0', '-1', '+1', '01', '1.0', 'abc', '%201', '99999999999', '2147483648', '1&companies=1'])(
    'answers 400 to companies=%s',
    async (companies) => {
      const res = await get(tenantId, `?range=24h&companies=${companies}`);
      expect(res.status).toBe(400);
      expect(res.body).toEqual(INVALID_SCOPE);
    },
  );

  it.each(['24h', '7d', '30d', '365d'])('answers %s with no points before anything was recorded', async (range) => {
    expect(await history(tenantId, `?range=${range}`)).toEqual({ tenantId, range, points: [] });
  });
});

describe('points', () => {
  it('answers 24h and 7d with every 15-minute row in range, ascending, the default scope only', async () => {
    const tenantId = await memberTenant();
    const now = bucketOf(new Date());
    const ago = (ms: number) => new Date(now.getTime() - ms);
    const rows: Array<[Date, number]> = [
      [ago(8 * 24 * HOUR_MS), 1],
      [ago(6 * 24 * HOUR_MS), 2],
      [ago(25 * HOUR_MS), 3],
      [ago(23 * HOUR_MS), 4],
      [ago(QUARTER_HOUR_MS), 5],
      [now, 6],
    ];
    // Written out of order: the answer sorts them.
    for (const [bucket, n] of [...rows].reverse()) await insertSample(t.dataSource, { tenantId, bucket, n });
    await insertSample(t.dataSource, { tenantId, bucket: ago(HOUR_MS), n: 50, scopeKey: '1' });
    await insertSample(t.dataSource, { tenantId, bucket: ago(2 * HOUR_MS), n: 60, granularity: 'day' });

    const day = await history(tenantId, '?range=24h');
    expect(day).toEqual({ tenantId, range: '24h', points: rows.slice(3).map(([at, n]) => point(at, n)) });
    const week = await history(tenantId, '?range=7d');
    expect(week.points).toEqual(rows.slice(1).map(([at, n]) => point(at, n)));
  });

  it('answers companies=<id> from that company’s own rows', async () => {
    const tenantId = await memberTenant();
    const bucket = bucketOf(new Date(Date.now() - HOUR_MS));
    await insertSample(t.dataSource, { tenantId, bucket, n: 1 });
    await insertSample(t.dataSource, { tenantId, bucket, n: 2, scopeKey: '7' });
    expect((await history(tenantId, '?range=24h&companies=7')).points).toEqual([point(bucket, 2)]);
    expect((await history(tenantId, '?range=24h&companies=8')).points).toEqual([]);
    expect((await history(tenantId, '?range=24h')).points).toEqual([point(bucket, 1)]);
  });

  it('answers 30d and 365d with one point per tenant-local day: its day row, else its last 15-minute row', async () => {
    const tenantId = await memberTenant();
    const today = localDay(0);
    const threeAgo = localDay(3);
    const tenAgo = localDay(10);
    const fortyAgo = localDay(40);
    const long = localDay(370);
    const write = (bucket: Date, n: number, granularity: '15m' | 'day' = '15m') => insertSample(t.dataSource, { tenantId, bucket, n, granularity });
    await write(bucketOf(new Date()), 1);
    // 00:15 and 23:45 in Kolkata fall on two different UTC dates: both belong to one local day.
    await write(threeAgo.at('00:15'), 2);
    await write(threeAgo.at('23:45'), 3);
    await write(threeAgo.at('12:00'), 4);
    await write(tenAgo.at('00:00'), 5, 'day');
    await write(tenAgo.at('20:00'), 6);
    await write(fortyAgo.at('00:00'), 7, 'day');
    await write(long.at('00:00'), 8, 'day');

    const month = await history(tenantId, '?range=30d');
    const expected = [point(tenAgo.at('00:00'), 5), point(threeAgo.at('00:00'), 3), point(today.at('00:00'), 1)];
    expect(month).toEqual({ tenantId, range: '30d', points: expected });
    const year = await history(tenantId, '?range=365d');
    expect(year.points).toEqual([point(fortyAgo.at('00:00'), 7), ...expected]);
  });

  it('serves what an aggregation recorded as the newest point', async () => {
    const tenantId = await memberTenant('UTC');
    const res = await request(t.url).get('/api/company-view').set({ cookie: user.cookie, 'x-tenant-id': tenantId });
    expect(res.status).toBe(200);
    const body: unknown = res.body;
    assertCompanyViewResponse(body);
    for (const range of ['24h', '7d', '30d', '365d']) {
      const { points } = await history(tenantId, `?range=${range}`);
      expect(points).toHaveLength(1);
      expect(points[0].kpis).toEqual(body.kpis);
      expect(points[0].money).toEqual(body.money);
    }
    const { points } = await history(tenantId, '?range=24h');
    expect(points[0].at).toBe(bucketOf(body.refreshedAt).toISOString());
  });
});
