import { HttpErrorResponse } from '@angular/common/http';
import { createEnvironmentInjector, EnvironmentInjector, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { CompanyViewResponse } from '@contracts/company-view';
import { Observable, Subject } from 'rxjs';
import { companyViewResponse, TWO_COMPANIES, twoCompanyResponse } from '../../testing/company-view-fixtures';
import { AuthStore, SessionUser } from '../core/auth/auth-store';
import { CompanyScope, CompanyViewAnswer, CompanyViewApi, INVALID_SCOPE_ERROR } from './company-view-api';
import { CompanyViewStore } from './company-view-store';
import { MIN_POLL_DELAY_MS, POLL_RANDOM } from './poll-schedule';

interface Call {
  tenantId: string;
  fresh: boolean;
  scope: CompanyScope;
  answer: Subject<CompanyViewAnswer>;
  cancelled: boolean;
}

/** Stands in for the HTTP layer: every load() waits until the test answers it. */
class FakeCompanyViewApi {
  readonly calls: Call[] = [];

  load(tenantId: string, fresh: boolean, scope: CompanyScope = null): Observable<CompanyViewAnswer> {
    const call: Call = { tenantId, fresh, scope, answer: new Subject(), cancelled: false };
    this.calls.push(call);
    return new Observable<CompanyViewAnswer>((subscriber) => {
      const subscription = call.answer.subscribe(subscriber);
      return () => {
        call.cancelled = !call.answer.closed;
        subscription.unsubscribe();
      };
    });
  }

  succeed(index: number, data: Partial<CompanyViewResponse> = {}, maxAgeMs: number | null = null): void {
    this.answer(index, companyViewResponse({ tenantId: this.calls[index].tenantId, ...data }), maxAgeMs);
  }

  /** Answers like a tenant with two companies, for the scope the call asked for. */
  succeedForTwoCompanies(index: number): void {
    const call = this.calls[index];
    this.answer(index, twoCompanyResponse(call.scope ? [...call.scope] : [1, 2], { tenantId: call.tenantId }));
  }

  private answer(index: number, view: CompanyViewResponse, maxAgeMs: number | null = null): void {
    const call = this.calls[index];
    call.answer.next({ view, maxAgeMs });
    call.answer.complete();
  }

  fail(index: number, error: unknown): void {
    this.calls[index].answer.error(error);
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
  /** What the jitter's random source returns next (0: no jitter). */
  let random: number;
  const user = signal<SessionUser | null>({ id: 'u1', email: 'demo@example.com', name: 'Demo User' });

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
    random = 0;
    localStorage.clear();
    user.set({ id: 'u1', email: 'demo@example.com', name: 'Demo User' });
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({
      providers: [
        { provide: CompanyViewApi, useValue: api },
        { provide: AuthStore, useValue: { user } },
        { provide: POLL_RANDOM, useValue: () => random },
      ],
    });
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
    localStorage.clear();
  });

  /** A store for a later visit of the page (the old one is destroyed with its route). */
  function newStore(): CompanyViewStore {
    destroyStore();
    destroyed = false;
    injector = createEnvironmentInjector([CompanyViewStore], TestBed.inject(EnvironmentInjector));
    return injector.get(CompanyViewStore);
  }

  const invalidScope = () => new HttpErrorResponse({ status: 400, error: { error: INVALID_SCOPE_ERROR } });

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

  /** The time the server read an entry `msAgo` before now, as it writes refreshedAt. */
  const readAgo = (msAgo: number) => new Date(Date.now() - msAgo).toISOString();

  it('polls as the served entry expires (refreshedAt + the recommended interval), not an interval after its request', () => {
    store.setTenant('tenant-a');
    // The server answered from an entry read 4 s ago that lives 10 s: it expires in 6 s.
    api.succeed(0, { recommendedPollIntervalMs: 10_000, refreshedAt: readAgo(4_000) });
    expect(store.secondsUntilRefresh()).toBe(6);

    vi.advanceTimersByTime(5_999);
    expect(api.calls).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(api.calls).toHaveLength(2);
    expect(api.calls[1]).toMatchObject({ tenantId: 'tenant-a', fresh: true });

    // A fresh entry: a whole interval.
    api.succeed(1, { recommendedPollIntervalMs: 10_000, refreshedAt: readAgo(0) });
    expect(store.secondsUntilRefresh()).toBe(10);
    vi.advanceTimersByTime(9_999);
    expect(api.calls).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(api.calls).toHaveLength(3);
  });

  it('adds a jitter of at most a second, and shows it in the countdown', () => {
    store.setTenant('tenant-a');
    random = 0.9999;
    api.succeed(0, { recommendedPollIntervalMs: 10_000, refreshedAt: readAgo(0) });
    expect(store.secondsUntilRefresh()).toBe(11);
    vi.advanceTimersByTime(10_998);
    expect(api.calls).toHaveLength(1);
    vi.advanceTimersByTime(1_000);
    expect(api.calls).toHaveLength(2);

    random = 0.5;
    api.succeed(1, { recommendedPollIntervalMs: 10_000, refreshedAt: readAgo(0) });
    vi.advanceTimersByTime(10_499);
    expect(api.calls).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(api.calls).toHaveLength(3);
  });

  it('waits the minimum, never zero, for an entry that had already expired when it was served', () => {
    store.setTenant('tenant-a');
    // Served from the stale grace: read 40 s ago, for 30 s. Every answer is as old: no loop.
    api.succeed(0, { refreshedAt: readAgo(40_000) }, 0);
    expect(store.secondsUntilRefresh()).toBe(MIN_POLL_DELAY_MS / 1000);
    for (let i = 1; i <= 10; i++) {
      vi.advanceTimersByTime(MIN_POLL_DELAY_MS - 1);
      expect(api.calls).toHaveLength(i);
      vi.advanceTimersByTime(1);
      expect(api.calls).toHaveLength(i + 1);
      api.succeed(i, { refreshedAt: readAgo(40_000) }, 0);
    }
  });

  it("trusts the answer's max-age over a clock that is ahead of the server's", () => {
    store.setTenant('tenant-a');
    // Our clock is five minutes ahead: the entry looks long expired, but the server says 25 s remain.
    api.succeed(0, { refreshedAt: readAgo(300_000 + 5_000) }, 25_000);
    expect(store.secondsUntilRefresh()).toBe(24);
    vi.advanceTimersByTime(23_999);
    expect(api.calls).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(api.calls).toHaveLength(2);
  });

  it('never waits more than one interval, even with a clock behind the server', () => {
    store.setTenant('tenant-a');
    // Read "in five minutes" by our clock, and no max-age to correct it.
    api.succeed(0, { refreshedAt: readAgo(-300_000) });
    expect(store.secondsUntilRefresh()).toBe(30);
    vi.advanceTimersByTime(30_000);
    expect(api.calls).toHaveLength(2);
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
    vi.advanceTimersByTime(MIN_POLL_DELAY_MS - 1);
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

    // The data on screen expired long ago, but a failure waits a whole interval, not the minimum.
    vi.advanceTimersByTime(14_999);
    expect(api.calls).toHaveLength(2);
    vi.advanceTimersByTime(1);
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

  it('takes the numbers off the screen when access is refused, and shows them again once it is given back', () => {
    store.setTenant('tenant-a');
    api.succeed(0);
    expect(store.accessLost()).toBe(false);
    vi.advanceTimersByTime(30_000);
    api.fail(
      1,
      new HttpErrorResponse({ status: 403, error: { error: 'Forbidden: User is not a member of this tenant' } }),
    );
    expect(store.accessLost()).toBe(true);
    expect(store.data()).toBeNull();
    expect(store.error()).toBe('Forbidden: User is not a member of this tenant');

    vi.advanceTimersByTime(30_000);
    api.succeed(2);
    expect(store.accessLost()).toBe(false);
    expect(store.data()).not.toBeNull();
  });

  it('keeps the numbers, marked stale, when a poll fails for any reason other than access', () => {
    store.setTenant('tenant-a');
    api.succeed(0);
    vi.advanceTimersByTime(30_000);
    api.fail(1, new HttpErrorResponse({ status: 401, error: { error: 'Unauthorized' } }));
    expect(store.accessLost()).toBe(false);
    expect(store.stale()).toBe(true);
  });

  it('drops the previous tenant at once on a switch and never shows its late answer', () => {
    store.setTenant('tenant-a');
    api.succeed(0);
    vi.advanceTimersByTime(30_000);
    expect(api.calls).toHaveLength(2);

    store.setTenant('tenant-b');
    expect(store.data()).toBeNull();
    expect(api.calls[1].cancelled).toBe(true);
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
    expect(api.calls[1].cancelled).toBe(true);
    vi.advanceTimersByTime(5 * 60_000);
    expect(api.calls).toHaveLength(2);
    expect(vi.getTimerCount()).toBe(0);
  });

  describe('company scope', () => {
    it('asks for every company until a scope is chosen', () => {
      store.setTenant('tenant-a');
      expect(api.calls[0].scope).toBeNull();
      api.succeedForTwoCompanies(0);
      expect(store.companies()).toEqual(TWO_COMPANIES);
      expect(store.shownScope()).toEqual([1, 2]);
    });

    it('drops the numbers on screen and asks at once, bypassing the browser cache, when a company is chosen', () => {
      store.setTenant('tenant-a');
      api.succeedForTwoCompanies(0);
      vi.advanceTimersByTime(30_000);
      expect(api.calls).toHaveLength(2);

      store.setScope([2]);
      expect(api.calls[1].cancelled).toBe(true);
      expect(api.calls[2]).toMatchObject({ tenantId: 'tenant-a', fresh: true, scope: [2] });
      expect(store.data()).toBeNull();
      // The selector stays, showing the choice while its numbers load.
      expect(store.companies()).toEqual(TWO_COMPANIES);
      expect(store.shownScope()).toEqual([2]);

      api.succeedForTwoCompanies(2);
      expect(store.data()?.money.totals.map((total) => total.currency)).toEqual(['USD']);
      expect(store.shownScope()).toEqual([2]);
    });

    it('sends the scope with every poll and every manual refresh', () => {
      store.setTenant('tenant-a');
      api.succeedForTwoCompanies(0);
      store.setScope([1]);
      api.succeedForTwoCompanies(1);
      vi.advanceTimersByTime(30_000);
      expect(api.calls[2]).toMatchObject({ fresh: true, scope: [1] });
      api.succeedForTwoCompanies(2);
      store.refresh();
      expect(api.calls[3]).toMatchObject({ fresh: true, scope: [1] });
    });

    it('does nothing when the scope chosen is the one already asked for', () => {
      store.setTenant('tenant-a');
      api.succeedForTwoCompanies(0);
      store.setScope(null);
      store.setScope([]);
      expect(api.calls).toHaveLength(1);
      store.setScope([2]);
      store.setScope([2]);
      expect(api.calls).toHaveLength(2);
    });

    it('remembers the choice per user and tenant for the next visit', () => {
      store.setTenant('tenant-a');
      api.succeedForTwoCompanies(0);
      store.setScope([2]);
      api.succeedForTwoCompanies(1);

      const next = newStore();
      next.setTenant('tenant-a');
      expect(api.calls[2]).toMatchObject({ tenantId: 'tenant-a', fresh: true, scope: [2] });

      // Another tenant, and the same tenant for another user, start with every company.
      next.setTenant('tenant-b');
      expect(api.calls[3]).toMatchObject({ tenantId: 'tenant-b', scope: null });
      user.set({ id: 'u2', email: 'other@example.com', name: 'Other User' });
      newStore().setTenant('tenant-a');
      expect(api.calls[4]).toMatchObject({ tenantId: 'tenant-a', scope: null });
    });

    it('forgets the choice when all companies are chosen again', () => {
      store.setTenant('tenant-a');
      api.succeedForTwoCompanies(0);
      store.setScope([2]);
      api.succeedForTwoCompanies(1);
      store.setScope(null);
      expect(api.calls[2]).toMatchObject({ fresh: true, scope: null });

      newStore().setTenant('tenant-a');
      expect(api.calls[3].scope).toBeNull();
    });

    it("uses the remembered scope of the tenant it switches to, and that tenant's companies only", () => {
      store.setTenant('tenant-b');
      api.succeedForTwoCompanies(0);
      store.setScope([1]);
      api.succeedForTwoCompanies(1);
      store.setTenant('tenant-a');
      expect(store.companies()).toEqual([]);
      api.succeed(2);
      expect(api.calls[2]).toMatchObject({ tenantId: 'tenant-a', scope: null });

      store.setTenant('tenant-b');
      expect(api.calls[3]).toMatchObject({ tenantId: 'tenant-b', fresh: true, scope: [1] });
    });

    it('falls back to all companies, without an error, when the server refuses a remembered scope', () => {
      store.setTenant('tenant-a');
      api.succeedForTwoCompanies(0);
      store.setScope([2]);

      // By the next visit, company 2 is no longer the tenant's.
      const next = newStore();
      next.setTenant('tenant-a');
      expect(api.calls[2].scope).toEqual([2]);
      api.fail(2, invalidScope());

      expect(next.error()).toBeNull();
      expect(next.scope()).toBeNull();
      expect(api.calls[3]).toMatchObject({ tenantId: 'tenant-a', fresh: true, scope: null });
      expect(next.loading()).toBe(true);
      api.succeedForTwoCompanies(3);
      expect(next.shownScope()).toEqual([1, 2]);

      // Forgotten: the visit after that asks for every company straight away.
      newStore().setTenant('tenant-a');
      expect(api.calls[4].scope).toBeNull();
    });

    it('reports any other refusal as usual, scope or not', () => {
      store.setTenant('tenant-a');
      api.succeedForTwoCompanies(0);
      store.setScope([2]);
      api.fail(1, new HttpErrorResponse({ status: 400, error: { error: 'Bad Request: Invalid tenant ID format' } }));
      expect(store.error()).toBe('Bad Request: Invalid tenant ID format');
      expect(store.scope()).toEqual([2]);
      expect(api.calls).toHaveLength(2);
    });
  });
});
