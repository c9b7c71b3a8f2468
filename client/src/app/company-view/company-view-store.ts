import { DOCUMENT } from '@angular/common';
import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import type { CompanyViewResponse } from '@contracts/company-view';
import { fromEvent, interval, Subscription, timer } from 'rxjs';
import { errorMessage } from '../core/http/api-errors';
import { CompanyViewApi } from './company-view-api';

/** Used until the server has told us its own interval. */
export const DEFAULT_POLL_INTERVAL_MS = 30_000;
/** Guards against a misconfigured server asking for a request storm. */
export const MIN_POLL_INTERVAL_MS = 5_000;

/**
 * The dashboard's data and its polling loop. Provided on the page's route, so it is created when the
 * page opens and destroyed (stopping every timer and request) when the user leaves it.
 *
 * - The next poll is planned only after the previous request finished, so a slow answer never stacks
 *   a second request behind it.
 * - While the tab is hidden nothing is planned; when it becomes visible again it refreshes at once.
 * - A failed request keeps the last good data (now stale) and the loop tries again on the next tick.
 * - A tenant switch drops the data of the previous tenant before anything else happens.
 */
@Injectable()
export class CompanyViewStore {
  private readonly api = inject(CompanyViewApi);
  private readonly document = inject(DOCUMENT);

  private readonly tenantIdState = signal<string | null>(null);
  private readonly dataState = signal<CompanyViewResponse | null>(null);
  private readonly errorState = signal<string | null>(null);
  private readonly loadingState = signal(false);
  private readonly pausedState = signal(false);
  private readonly nextRefreshAtState = signal<number | null>(null);
  private readonly nowState = signal(Date.now());

  private request: Subscription | null = null;
  private nextPoll: Subscription | null = null;

  readonly tenantId = this.tenantIdState.asReadonly();
  readonly data = this.dataState.asReadonly();
  /** The message of the last failed request; null once a request succeeds again. */
  readonly error = this.errorState.asReadonly();
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
    this.dataState.set(null);
    this.errorState.set(null);
    if (tenantId) {
      this.fetch(true);
    }
  }

  /** A manual refresh: asks the server (bypassing the browser cache) and restarts the countdown. */
  refresh(): void {
    this.fetch(true);
  }

  private fetch(fresh: boolean): void {
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
      this.api.load(tenantId, fresh).subscribe({
        next: (data) => {
          this.dataState.set(data);
          this.errorState.set(null);
        },
        error: (error: unknown) => {
          this.errorState.set(errorMessage(error));
          this.finish(request);
        },
        complete: () => this.finish(request),
      }),
    );
  }

  private finish(request: Subscription): void {
    if (this.request !== request) {
      return;
    }
    this.request = null;
    this.loadingState.set(false);
    this.scheduleNextPoll();
  }

  private scheduleNextPoll(): void {
    this.cancelNextPoll();
    if (this.isHidden()) {
      this.pausedState.set(true);
      return;
    }
    const delay = this.pollInterval();
    this.pausedState.set(false);
    this.nowState.set(Date.now());
    this.nextRefreshAtState.set(Date.now() + delay);
    this.nextPoll = timer(delay).subscribe(() => {
      this.nextPoll = null;
      this.fetch(false);
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
      this.fetch(false);
    }
  }

  private pollInterval(): number {
    const asked = this.dataState()?.recommendedPollIntervalMs;
    if (typeof asked !== 'number' || !Number.isFinite(asked)) {
      return DEFAULT_POLL_INTERVAL_MS;
    }
    return Math.max(MIN_POLL_INTERVAL_MS, asked);
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
