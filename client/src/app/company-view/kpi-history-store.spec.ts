import { createEnvironmentInjector, EnvironmentInjector, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { CompanyViewResponse } from '@contracts/company-view';
import type { CompanyViewHistoryResponse, HistoryRange } from '@contracts/history';
import { Observable, Subject } from 'rxjs';
import { companyViewResponse } from '../../testing/company-view-fixtures';
import type { CompanyScope } from './company-view-api';
import { CompanyViewStore } from './company-view-store';
import { KpiHistoryApi } from './kpi-history-api';
import { HISTORY_REFRESH_MS, KpiHistoryStore } from './kpi-history-store';

interface Call {
  tenantId: string;
  range: HistoryRange;
  company: number | undefined;
  answer: Subject<CompanyViewHistoryResponse>;
}

class FakeHistoryApi {
  readonly calls: Call[] = [];

  load(tenantId: string, range: HistoryRange, company?: number): Observable<CompanyViewHistoryResponse> {
    const call: Call = { tenantId, range, company, answer: new Subject() };
    this.calls.push(call);
    return call.answer.asObservable();
  }

  succeed(index: number, points: CompanyViewHistoryResponse['points']): void {
    const call = this.calls[index];
    call.answer.next({ tenantId: call.tenantId, range: call.range, points });
    call.answer.complete();
  }
}

/** The parts of the dashboard's store the history follows. */
class FakeViewStore {
  readonly tenantId = signal<string | null>(null);
  readonly scope = signal<CompanyScope>(null);
  readonly data = signal<CompanyViewResponse | null>(null);

  show(readAt: number): void {
    this.data.set(companyViewResponse({ tenantId: this.tenantId()!, refreshedAt: new Date(readAt).toISOString() }));
  }
}

describe('KpiHistoryStore', () => {
  const T0 = Date.parse('2026-03-02T09:00:00Z');
  const somePoints = [
    { at: new Date(T0).toISOString(), kpis: companyViewResponse().kpis, money: companyViewResponse().money },
  ];
  let api: FakeHistoryApi;
  let view: FakeViewStore;
  let injector: EnvironmentInjector;
  let store: KpiHistoryStore;

  beforeEach(() => {
    api = new FakeHistoryApi();
    view = new FakeViewStore();
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({
      providers: [
        { provide: KpiHistoryApi, useValue: api },
        { provide: CompanyViewStore, useValue: view },
      ],
    });
    injector = createEnvironmentInjector([KpiHistoryStore], TestBed.inject(EnvironmentInjector));
    store = injector.get(KpiHistoryStore);
  });

  afterEach(() => injector.destroy());

  const settle = () => TestBed.tick();

  it('asks for seven days of the tenant and scope on screen as soon as the tenant is known', () => {
    settle();
    expect(api.calls).toEqual([]);
    view.tenantId.set('tenant-a');
    settle();
    expect(api.calls.map(({ tenantId, range, company }) => ({ tenantId, range, company }))).toEqual([
      { tenantId: 'tenant-a', range: '7d', company: undefined },
    ]);
    api.succeed(0, somePoints);
    expect(store.points()).toEqual(somePoints);
  });

  it('asks again once the data on screen is fifteen minutes newer, not on every poll', () => {
    view.tenantId.set('tenant-a');
    view.show(T0);
    settle();
    api.succeed(0, somePoints);
    view.show(T0 + HISTORY_REFRESH_MS - 1);
    settle();
    expect(api.calls).toHaveLength(1);
    view.show(T0 + HISTORY_REFRESH_MS);
    settle();
    expect(api.calls).toHaveLength(2);
  });

  it('starts over for another tenant or company, and has none for several companies', () => {
    view.tenantId.set('tenant-a');
    settle();
    api.succeed(0, somePoints);
    view.scope.set([2]);
    settle();
    expect(store.points()).toBeNull();
    expect(api.calls[1]).toMatchObject({ tenantId: 'tenant-a', company: 2 });
    view.tenantId.set('tenant-b');
    view.scope.set(null);
    settle();
    expect(api.calls[2]).toMatchObject({ tenantId: 'tenant-b', company: undefined });
    view.scope.set([1, 2]);
    settle();
    expect(api.calls).toHaveLength(3);
    expect(store.points()).toBeNull();
  });

  it('keeps the points it has when a refresh fails, and shows none when the first load fails', () => {
    view.tenantId.set('tenant-a');
    view.show(T0);
    settle();
    api.succeed(0, somePoints);
    view.show(T0 + HISTORY_REFRESH_MS);
    settle();
    api.calls[1].answer.error(new Error('down'));
    expect(store.points()).toEqual(somePoints);

    view.tenantId.set('tenant-b');
    settle();
    api.calls[2].answer.error(new Error('down'));
    expect(store.points()).toBeNull();
  });
});
