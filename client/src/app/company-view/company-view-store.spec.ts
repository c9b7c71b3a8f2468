import { HttpErrorResponse } from '@angular/common/http';
import { createEnvironmentInjector, EnvironmentInjector } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { CompanyViewResponse } from '@contracts/company-view';
import { Observable, Subject } from 'rxjs';
import { companyViewResponse } from '../../testing/company-view-fixtures';
import { CompanyViewApi } from './company-view-api';
import { CompanyViewStore, MIN_POLL_INTERVAL_MS } from './company-view-store';

interface Call {
  tenantId: string;
  fresh: boolean;
  answer: Subject<CompanyViewResponse>;
  cancelled: boolean;
}

/** Stands in for the HTTP layer: every load() waits until the test answers it. */
class FakeCompanyViewApi {
  readonly calls: Call[] = [];

  load(tenantId: string, fresh: boolean): Observable<CompanyViewResponse> {
    const call: Call = { tenantId, fresh, answer: new Subject(), cancelled: false };
    this.calls.push(call);
    return new Observable<CompanyViewResponse>((subscriber) => {
      const subscription = call.answer.subscribe(subscriber);
      return () => {
        call.cancelled = !call.answer.closed;
        subscription.unsubscribe();
      };
    });
  }

  succeed(index: number, data: Partial<CompanyViewResponse> = {}): void {
    const call = this.calls[index]!;
    call.answer.next(companyViewResponse({ tenantId: call.tenantId, ...data }));
    call.answer.complete();
  }

  fail(index: number, error: unknown): void {
    this.calls[index]!.answer.error(error);
  }
}

let visibility: DocumentVisibilityState = 'visible';

function setVisibility(state: DocumentVisibilityState): void {
  visibility = state;
  document.dispatchEvent(new Event('visibilitychange'));
}

describe('CompanyViewStore', () => {
  let api: FakeCompanyViewApi;
  let injector: EnvironmentInjector;
  let store: CompanyViewStore;
  let destroyed: boolean;

  function destroyStore(): void {
    destroyed = true;
    injector.destroy();
  }

  beforeEach(() => {
    // Only interval timers (which RxJS uses) and the clock are faked; see STACK-NOTES gotcha 13.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    vi.setSystemTime(new Date('2026-03-02T09:00:00Z'));
    visibility = 'visible';
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility });
    api = new FakeCompanyViewApi();
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({ providers: [{ provide: CompanyViewApi, useValue: api }] });
    destroyed = false;
    injector = createEnvironmentInjector([CompanyViewStore], TestBed.inject(EnvironmentInjector));
    store = injector.get(CompanyViewStore);
  });

  afterEach(() => {
    if (!destroyed) {
      destroyStore();
    }
    vi.useRealTimers();
    delete (document as { visibilityState?: unknown }).visibilityState;
  });

  it('loads the tenant at once, bypassing the browser cache', () => {
    store.setTenant('tenant-a');
    expect(api.calls.map(({ tenantId, fresh }) => ({ tenantId, fresh }))).toEqual([
      { tenantId: 'tenant-a', fresh: true },
    ]);
    expect(store.loading()).toBe(true);
    api.succeed(0);
    expect(store.loading()).toBe(false);
    expect(store.data()?.tenantId).toBe('tenant-a');
  });

  it('polls at the interval the response recommends', () => {
    store.setTenant('tenant-a');
    api.succeed(0, { recommendedPollIntervalMs: 10_000 });
    expect(store.secondsUntilRefresh()).toBe(10);

    vi.advanceTimersByTime(9_999);
    expect(api.calls).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(api.calls).toHaveLength(2);
    expect(api.calls[1]).toMatchObject({ tenantId: 'tenant-a', fresh: false });

    api.succeed(1, { recommendedPollIntervalMs: 10_000 });
    vi.advanceTimersByTime(10_000);
    expect(api.calls).toHaveLength(3);
  });

  it('counts down to the next poll every second', () => {
    store.setTenant('tenant-a');
    api.succeed(0);
    expect(store.secondsUntilRefresh()).toBe(30);
    vi.advanceTimersByTime(12_000);
    expect(store.secondsUntilRefresh()).toBe(18);
  });

  it('does not let the server ask for a request storm', () => {
    store.setTenant('tenant-a');
    api.succeed(0, { recommendedPollIntervalMs: 10 });
    vi.advanceTimersByTime(MIN_POLL_INTERVAL_MS - 1);
    expect(api.calls).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(api.calls).toHaveLength(2);
  });

  it('never stacks a second request behind a slow one', () => {
    store.setTenant('tenant-a');
    api.succeed(0);
    vi.advanceTimersByTime(30_000);
    expect(api.calls).toHaveLength(2);

    // The second request hangs for two minutes: no other request starts meanwhile.
    vi.advanceTimersByTime(120_000);
    store.refresh();
    expect(api.calls).toHaveLength(2);

    // The next poll is planned from the moment the slow answer arrived.
    api.succeed(1);
    vi.advanceTimersByTime(29_999);
    expect(api.calls).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(api.calls).toHaveLength(3);
  });

  it('refreshes by hand with a fresh request and restarts the countdown', () => {
    store.setTenant('tenant-a');
    api.succeed(0);
    vi.advanceTimersByTime(20_000);
    expect(store.secondsUntilRefresh()).toBe(10);

    store.refresh();
    expect(api.calls[1]).toMatchObject({ fresh: true });
    api.succeed(1);
    expect(store.secondsUntilRefresh()).toBe(30);

    // The poll that was due 10 s later no longer happens; the next one is a full interval away.
    vi.advanceTimersByTime(29_999);
    expect(api.calls).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(api.calls).toHaveLength(3);
  });

  it('pauses while the page is hidden and refreshes at once when it is visible again', () => {
    store.setTenant('tenant-a');
    api.succeed(0);

    setVisibility('hidden');
    expect(store.paused()).toBe(true);
    expect(store.secondsUntilRefresh()).toBeNull();
    vi.advanceTimersByTime(10 * 60_000);
    expect(api.calls).toHaveLength(1);

    setVisibility('visible');
    expect(store.paused()).toBe(false);
    expect(api.calls).toHaveLength(2);
    api.succeed(1);
    expect(store.secondsUntilRefresh()).toBe(30);
  });

  it('plans no poll for an answer that arrives while the page is hidden', () => {
    store.setTenant('tenant-a');
    setVisibility('hidden');
    api.succeed(0);
    expect(store.paused()).toBe(true);
    vi.advanceTimersByTime(5 * 60_000);
    expect(api.calls).toHaveLength(1);
  });

  it('waits for a request in flight instead of starting another when the page becomes visible', () => {
    store.setTenant('tenant-a');
    setVisibility('hidden');
    setVisibility('visible');
    expect(api.calls).toHaveLength(1);
  });

  it('keeps the last good data, marked stale with its age, when a poll fails, and retries on the next tick', () => {
    store.setTenant('tenant-a');
    api.succeed(0, { kpis: { ...companyViewResponse().kpis, openTasksCount: 24 } });
    vi.advanceTimersByTime(30_000);
    api.fail(1, new HttpErrorResponse({ status: 502, error: { error: 'Bad gateway' } }));

    expect(store.data()?.kpis.openTasksCount).toBe(24);
    expect(store.stale()).toBe(true);
    expect(store.error()).toBe('Bad gateway');
    expect(store.ageSeconds()).toBe(30);

    vi.advanceTimersByTime(15_000);
    expect(store.ageSeconds()).toBe(45);

    vi.advanceTimersByTime(15_000);
    expect(api.calls).toHaveLength(3);
    api.succeed(2, { kpis: { ...companyViewResponse().kpis, openTasksCount: 25 } });
    expect(store.stale()).toBe(false);
    expect(store.error()).toBeNull();
    expect(store.data()?.kpis.openTasksCount).toBe(25);
  });

  it('reports a failure with no data to keep, and still retries', () => {
    store.setTenant('tenant-a');
    api.fail(0, new HttpErrorResponse({ status: 403, error: { error: 'Forbidden: Tenant is inactive' } }));
    expect(store.data()).toBeNull();
    expect(store.stale()).toBe(false);
    expect(store.error()).toBe('Forbidden: Tenant is inactive');
    vi.advanceTimersByTime(30_000);
    expect(api.calls).toHaveLength(2);
  });

  it('drops the previous tenant at once on a switch and never shows its late answer', () => {
    store.setTenant('tenant-a');
    api.succeed(0);
    vi.advanceTimersByTime(30_000);
    expect(api.calls).toHaveLength(2);

    store.setTenant('tenant-b');
    expect(store.data()).toBeNull();
    expect(api.calls[1]!.cancelled).toBe(true);
    expect(api.calls[2]).toMatchObject({ tenantId: 'tenant-b', fresh: true });

    // The cancelled request for tenant-a answers anyway: nothing changes.
    api.succeed(1);
    expect(store.data()).toBeNull();

    api.succeed(2);
    expect(store.data()?.tenantId).toBe('tenant-b');
  });

  it('stops polling when the tenant goes away', () => {
    store.setTenant('tenant-a');
    api.succeed(0);
    store.setTenant(null);
    expect(store.data()).toBeNull();
    vi.advanceTimersByTime(5 * 60_000);
    expect(api.calls).toHaveLength(1);
  });

  it('stops every timer and request when its injector is destroyed', () => {
    store.setTenant('tenant-a');
    api.succeed(0);
    vi.advanceTimersByTime(30_000);
    destroyStore();
    expect(api.calls[1]!.cancelled).toBe(true);
    vi.advanceTimersByTime(5 * 60_000);
    expect(api.calls).toHaveLength(2);
    expect(vi.getTimerCount()).toBe(0);
  });
});
