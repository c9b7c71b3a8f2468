import { HttpErrorResponse } from '@angular/common/http';
import { DOCUMENT } from '@angular/common';
import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import type { CompanyInfo, CompanyViewResponse } from '@contracts/company-view';
import { fromEvent, interval, Subscription, timer } from 'rxjs';
import { errorMessage } from '../core/http/api-errors';
import { CompanyScopeMemory } from './company-scope-memory';
import { CompanyScope, CompanyViewAnswer, CompanyViewApi, isInvalidScopeError } from './company-view-api';
import { jitter, MIN_POLL_DELAY_MS, POLL_RANDOM, pollDelay } from './poll-schedule';

/** Used until the server has told us its own interval, and after a failed request. */
export const DEFAULT_POLL_INTERVAL_MS = 30_000;

/**
 * The dashboard's data and its polling loop. Provided on the page's route, so it is created when the
 * page opens and destroyed (stopping every timer and request) when the user leaves it.
 *
 * - Each poll is planned for the moment the entry on screen expires on the server (its refreshedAt
 *   plus the recommended interval, kept honest by the answer's max-age; see poll-schedule.ts) plus
 *   up to a second of jitter. Waiting a fixed interval after our own request instead would show data
 *   up to two intervals old.
 * - Every request revalidates with the server: the browser's copy can outlive the server's entry by
 *   up to a second (max-age is whole seconds), and a poll timed for the expiry would get that copy.
 * - The next poll is planned only after the previous request finished, so a slow answer never stacks
 *   a second request behind it.
 * - While the tab is hidden nothing is planned; when it becomes visible again it refreshes at once.
 * - A failed request keeps the last good data (now stale) and the loop tries again one full
 *   interval later.
 * - A tenant switch drops the data of the previous tenant before anything else happens.
 * - The company scope travels with every request. Choosing another one drops the numbers on screen
 *   (they belong to the old scope) and asks at once; the choice is remembered per user and tenant.
 *   A remembered scope the server no longer accepts quietly falls back to all companies.
 */
@Injectable()
export class CompanyViewStore {
  private readonly api = inject(CompanyViewApi);
  private readonly document = inject(DOCUMENT);
  private readonly memory = inject(CompanyScopeMemory);
  private readonly random = inject(POLL_RANDOM);

  private readonly tenantIdState = signal<string | null>(null);
  private readonly scopeState = signal<CompanyScope>(null);
  private readonly companiesState = signal<readonly CompanyInfo[]>([]);
  private readonly dataState = signal<CompanyViewResponse | null>(null);
  private readonly errorState = signal<string | null>(null);
  private readonly accessLostState = signal(false);
  private readonly loadingState = signal(false);
  private readonly pausedState = signal(false);
  private readonly nextRefreshAtState = signal<number | null>(null);
  private readonly nowState = signal(Date.now());
  /** max-age of the answer on screen, in ms. */
  private maxAgeMs: number | null = null;

  private request: Subscription | null = null;
  private nextPoll: Subscription | null = null;

  readonly tenantId = this.tenantIdState.asReadonly();
  /** The scope asked for: null for every company of the tenant. */
  readonly scope = this.scopeState.asReadonly();
  /** The tenant's companies as last reported (kept while another scope loads); empty while unknown. */
  readonly companies = this.companiesState.asReadonly();
  /** The companies the numbers on screen cover (meta.scope); while none are shown, the scope asked for. */
  readonly shownScope = computed(() => this.dataState()?.meta?.scope ?? this.scopeState());
  readonly data = this.dataState.asReadonly();
  /** The message of the last failed request; null once a request succeeds again. */
  readonly error = this.errorState.asReadonly();
  /**
   * The server refused this user the tenant (403: removed from it, or it was deactivated): the
   * numbers are taken off the screen, and polling goes on so that access given back shows at once.
   */
  readonly accessLost = this.accessLostState.asReadonly();
  readonly loading = this.loadingState.asReadonly();
  /** True while the tab is hidden and polling waits for it to come back. */
  readonly paused = this.pausedState.asReadonly();
  /** Ticks every second; drives the countdowns and ages on screen. */
  readonly now = this.nowState.asReadonly();
  /** Data is on screen but the latest attempt to refresh it failed. */
  readonly stale = computed(() => this.dataState() !== null && this.errorState() !== null);
  readonly secondsUntilRefresh = computed(() => {
    const at = this.nextRefreshAtState();
    return at === null ? null : Math.max(0, Math.ceil((at - this.nowState()) / 1000));
  });
  /** Seconds since the data on screen was read from Odoo. */
  readonly ageSeconds = computed(() => {
    const data = this.dataState();
    if (!data) {
      return null;
    }
    const readAt = Date.parse(data.refreshedAt);
    return Number.isNaN(readAt) ? null : Math.max(0, Math.floor((this.nowState() - readAt) / 1000));
  });

  constructor() {
    const clock = interval(1000).subscribe(() => this.nowState.set(Date.now()));
    const visibility = fromEvent(this.document, 'visibilitychange').subscribe(() => this.onVisibilityChange());
    inject(DestroyRef).onDestroy(() => {
      clock.unsubscribe();
      visibility.unsubscribe();
      this.stop();
    });
  }

  /** Starts polling for a tenant (or stops, for null). Data of any other tenant is dropped at once. */
  setTenant(tenantId: string | null): void {
    if (tenantId === this.tenantIdState()) {
      return;
    }
    this.stop();
    this.tenantIdState.set(tenantId);
    this.companiesState.set([]);
    this.restart(tenantId ? this.memory.recall(tenantId) : null);
  }

  /** Shows another set of companies (null: all of them) and remembers the choice for this tenant. */
  setScope(scope: CompanyScope): void {
    const tenantId = this.tenantIdState();
    const next = scope?.length ? [...scope].sort((a, b) => a - b) : null;
    if (!tenantId || sameScope(next, this.scopeState())) {
      return;
    }
    this.memory.remember(tenantId, next);
    this.stop();
    this.restart(next);
  }

  /** A manual refresh: asks the server and restarts the countdown. */
  refresh(): void {
    this.fetch();
  }

  /** Drops what is on screen and asks for the current tenant in this scope. */
  private restart(scope: CompanyScope): void {
    this.scopeState.set(scope);
    this.dataState.set(null);
    this.maxAgeMs = null;
    this.errorState.set(null);
    this.accessLostState.set(false);
    if (this.tenantIdState()) {
      this.fetch();
    }
  }

  private fetch(): void {
    const tenantId = this.tenantIdState();
    if (!tenantId || this.request) {
      return;
    }
    this.cancelNextPoll();
    this.loadingState.set(true);
    // Assigned before subscribing: a source that answers synchronously calls finish() inside subscribe().
    const request = new Subscription();
    this.request = request;
    request.add(
      this.api.load(tenantId, true, this.scopeState()).subscribe({
        next: (answer) => this.accept(answer),
        error: (error: unknown) => {
          if (this.request !== request) {
            return;
          }
          if (this.scopeState() !== null && isInvalidScopeError(error)) {
            this.forgetScope(tenantId);
            return;
          }
          this.errorState.set(errorMessage(error));
          if (isForbidden(error)) {
            this.accessLostState.set(true);
            this.dataState.set(null);
          }
          this.finish(request, false);
        },
        complete: () => this.finish(request, true),
      }),
    );
  }

  private accept({ view: data, maxAgeMs }: CompanyViewAnswer): void {
    this.dataState.set(data);
    this.maxAgeMs = maxAgeMs;
    this.errorState.set(null);
    this.accessLostState.set(false);
    const companies = data.meta?.companies;
    if (companies?.length) {
      this.companiesState.set(companies);
    }
  }

  /** The server refused the scope (a company left the tenant, say): back to all companies, no error shown. */
  private forgetScope(tenantId: string): void {
    this.request = null;
    this.memory.remember(tenantId, null);
    this.restart(null);
  }

  private finish(request: Subscription, succeeded: boolean): void {
    if (this.request !== request) {
      return;
    }
    this.request = null;
    this.loadingState.set(false);
    this.scheduleNextPoll(succeeded);
  }

  private scheduleNextPoll(succeeded: boolean): void {
    this.cancelNextPoll();
    if (this.isHidden()) {
      this.pausedState.set(true);
      return;
    }
    const delay = succeeded ? this.untilExpiry() : this.pollInterval() + jitter(this.random);
    this.pausedState.set(false);
    this.nowState.set(Date.now());
    this.nextRefreshAtState.set(Date.now() + delay);
    this.nextPoll = timer(delay).subscribe(() => {
      this.nextPoll = null;
      this.fetch();
    });
  }

  private onVisibilityChange(): void {
    if (this.isHidden()) {
      this.cancelNextPoll();
      this.pausedState.set(true);
      return;
    }
    this.pausedState.set(false);
    // A request still in flight plans the next poll itself when it ends.
    if (!this.request) {
      this.fetch();
    }
  }

  /** Until the entry on screen expires on the server, plus the jitter. */
  private untilExpiry(): number {
    const data = this.dataState();
    if (!data) {
      return this.pollInterval() + jitter(this.random);
    }
    const entry = { refreshedAt: data.refreshedAt, intervalMs: this.pollInterval(), maxAgeMs: this.maxAgeMs };
    return pollDelay(entry, Date.now(), this.random);
  }

  private pollInterval(): number {
    const asked = this.dataState()?.recommendedPollIntervalMs;
    if (typeof asked !== 'number' || !Number.isFinite(asked)) {
      return DEFAULT_POLL_INTERVAL_MS;
    }
    return Math.max(MIN_POLL_DELAY_MS, asked);
  }

  private isHidden(): boolean {
    return this.document.visibilityState === 'hidden';
  }

  private cancelNextPoll(): void {
    this.nextPoll?.unsubscribe();
    this.nextPoll = null;
    this.nextRefreshAtState.set(null);
  }

  private stop(): void {
    this.cancelNextPoll();
    const request = this.request;
    this.request = null;
    request?.unsubscribe();
    this.loadingState.set(false);
  }
}

function sameScope(a: CompanyScope, b: CompanyScope): boolean {
  return a === b || (a !== null && b !== null && a.length === b.length && a.every((id, i) => id === b[i]));
}

function isForbidden(error: unknown): boolean {
  return error instanceof HttpErrorResponse && error.status === 403;
}
