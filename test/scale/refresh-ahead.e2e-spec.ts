import request, { type Response } from 'supertest';
import type { CompanyViewResponse } from '../../server/contracts/company-view';
import { startTestApp, type TestApp } from '../support/app-fixture';
import { bodyOf } from '../support/json-body';

const refreshedAt = (res: Response) => bodyOf<CompanyViewResponse>(res).refreshedAt;

// Steady pollers never wait on Odoo: a hit late in an entry's life is served as a HIT at once and
// starts one background refresh, whose result the next request gets.
describe('Refresh-ahead', () => {
  let app: TestApp;
  let cookie: string;
  let tenantId: string;

  beforeAll(async () => {
    app = await startTestApp({ env: { CACHE_TTL_MS: '4000', REFRESH_AHEAD_RATIO: '0.5', SECTION_TIMEOUT_MS: '1000', TOTAL_BUDGET_MS: '1200' } });
    const user = await app.newSignedInUser();
    cookie = user.cookie;
    tenantId = await app.createTenant({ odooDatabase: 'initech' });
    await app.addMember(user.userId, tenantId);
  });
  afterAll(() => app.close());

  const get = () => request(app.url).get('/api/company-view').set({ cookie, 'x-tenant-id': tenantId });
  // One read of the recent invoices per aggregation.
  const aggregations = () => app.demoOdoo!.calls().initech?.['account.move']?.search_read ?? 0;

  it('serves HITs through the refresh window and refreshes exactly once in the background', async () => {
    const first = await get().expect(200);
    expect(first.headers['x-cache']).toBe('MISS');
    const firstBody = bodyOf<CompanyViewResponse>(first);
    const before = aggregations();

    // Inside the last half of the entry's 4 s life: still a HIT, with the same data.
    await new Promise((r) => setTimeout(r, 2100));
    app.demoOdoo!.setFault({ db: 'initech', kind: 'latency', latencyMs: 100 });
    const inWindow = await Promise.all([get(), get(), get()]);
    for (const res of inWindow) {
      expect(res.headers['x-cache']).toBe('HIT');
      expect(refreshedAt(res)).toBe(firstBody.refreshedAt);
    }
    app.demoOdoo!.clearFaults();

    // The background refresh is timed to land as the old entry expires; meanwhile (and in the short
    // grace after) every request is a HIT, and three hits started only one refresh.
    let refreshed: CompanyViewResponse | null = null;
    for (let i = 0; i < 160 && !refreshed; i++) {
      const res = await get();
      expect(res.headers['x-cache']).toBe('HIT');
      if (refreshedAt(res) !== firstBody.refreshedAt) refreshed = bodyOf<CompanyViewResponse>(res);
      else await new Promise((r) => setTimeout(r, 25));
    }
    expect(refreshed).not.toBeNull();
    expect(aggregations() - before).toBe(1);
  });

  it('serves an entry just past its TTL as a HIT while one aggregation replaces it', async () => {
    const other = await app.createTenant({ odooDatabase: 'acme' });
    const user = await app.newSignedInUser();
    await app.addMember(user.userId, other);
    const getOther = () => request(app.url).get('/api/company-view').set({ cookie: user.cookie, 'x-tenant-id': other });
    const first = await getOther().expect(200);
    expect(first.headers['x-cache']).toBe('MISS');

    // A poller that comes back exactly one TTL later finds the entry just expired: it is not made
    // to wait for Odoo; the stale body comes back at once (max-age 0) and a refresh starts.
    await new Promise((r) => setTimeout(r, 4100));
    const late = await getOther();
    expect(late.headers['x-cache']).toBe('HIT');
    expect(late.headers['cache-control']).toBe('private, max-age=0');
    expect(refreshedAt(late)).toBe(refreshedAt(first));

    let replaced = false;
    for (let i = 0; i < 60 && !replaced; i++) {
      const res = await getOther();
      replaced = refreshedAt(res) !== refreshedAt(first);
      if (!replaced) await new Promise((r) => setTimeout(r, 25));
    }
    expect(replaced).toBe(true);
  });
});
