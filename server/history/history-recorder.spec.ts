import type { CompanyViewResponse } from '../contracts/company-view';
import type { TenantContext } from '../tenant/tenant-context';
import { HistoryRecorder, RECORD_WAIT_MS, sampleOf } from './history-recorder';
import type { KpiSample, KpiSampleStore } from './kpi-sample-store';

const tenant = { tenantId: 't1' } as TenantContext;
const response = {
  tenantId: 't1',
  refreshedAt: '2026-03-20T12:07:03.000Z',
  kpis: { openInvoicesCount: 3, overdueInvoicesCount: 1, openLeadsCount: null, openTasksCount: 4, openTicketsCount: 0, lowStockItemsCount: 2 },
  money: { totals: [], recordsWithoutCompany: { openInvoices: 0, overdueInvoices: 0, openOpportunities: null } },
  meta: { errorKinds: { crm: 'timeout' } },
} as unknown as CompanyViewResponse;

/** A store that keeps what it is given, or fails, or never answers. */
class FakeStore {
  readonly samples: KpiSample[] = [];
  constructor(private readonly behaviour: 'keep' | 'fail' | 'hang' = 'keep') {}

  upsert(sample: KpiSample): Promise<void> {
    if (this.behaviour === 'fail') return Promise.reject(new Error('relation "kpi_sample" does not exist'));
    if (this.behaviour === 'hang') return new Promise(() => undefined);
    this.samples.push(sample);
    return Promise.resolve();
  }
}

const recorder = (store: FakeStore) => new HistoryRecorder(store as unknown as KpiSampleStore);

describe('sampleOf', () => {
  it('files the response under the bucket of the moment it is recorded, failed KPIs and error kinds included', () => {
    expect(sampleOf({ tenant, scope: null }, response, new Date('2026-03-20T12:14:00Z'))).toEqual({
      tenantId: 't1',
      scopeKey: 'all',
      bucket: new Date('2026-03-20T12:00:00Z'),
      kpis: response.kpis,
      money: response.money,
      errorKinds: { crm: 'timeout' },
      refreshedAt: new Date(response.refreshedAt),
    });
  });

  it('has nothing for a view of several companies', () => {
    expect(sampleOf({ tenant, scope: [1, 2] }, response)).toBeNull();
    expect(sampleOf({ tenant, scope: [2] }, response)?.scopeKey).toBe('2');
  });
});

describe('HistoryRecorder', () => {
  afterEach(() => jest.useRealTimers());

  it('writes the sample of a recorded scope and nothing for several companies', async () => {
    const store = new FakeStore();
    await recorder(store).record({ tenant, scope: null, key: 'k' }, response);
    await recorder(store).record({ tenant, scope: [1, 2], key: 'k2' }, response);
    expect(store.samples.map((s) => s.scopeKey)).toEqual(['all']);
  });

  it('resolves when the write fails', async () => {
    await expect(recorder(new FakeStore('fail')).record({ tenant, scope: null, key: 'k' }, response)).resolves.toBeUndefined();
  });

  it('stops waiting for a write that does not finish once its wait is over', async () => {
    jest.useFakeTimers();
    let done = false;
    const recording = recorder(new FakeStore('hang'))
      .record({ tenant, scope: null, key: 'k' }, response)
      .then(() => (done = true));
    await jest.advanceTimersByTimeAsync(RECORD_WAIT_MS - 1);
    expect(done).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    await recording;
    expect(done).toBe(true);
  });
});
