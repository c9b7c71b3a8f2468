import { effect, inject, Injectable, signal, untracked } from '@angular/core';
import type { HistoryPoint } from '@contracts/history';
import { Subscription } from 'rxjs';
import { CompanyViewStore } from './company-view-store';
import { KpiHistoryApi } from './kpi-history-api';
import { historyCompany } from './kpi-trend';

/** History changes by one point every 15 minutes: asking more often would redraw the same lines. */
export const HISTORY_REFRESH_MS = 15 * 60_000;

/**
 * The last seven days of the dashboard's KPIs, for the sparklines and changes on its cards. Follows
 * the dashboard's tenant and company scope, and asks again once the data on screen is
 * HISTORY_REFRESH_MS newer than the last attempt — so it pauses with the dashboard's polling (hidden
 * tab) and needs no timer of its own. A failed first load leaves `points` null: the cards then show
 * no trend, and nothing else on the page changes; a failed refresh keeps the points it had.
 */
@Injectable()
export class KpiHistoryStore {
  private readonly api = inject(KpiHistoryApi);
  private readonly view = inject(CompanyViewStore);

  private readonly pointsState = signal<readonly HistoryPoint[] | null>(null);
  private request: Subscription | null = null;
  /** Tenant and scope the points are for. */
  private key: string | null = null;
  /**
   * When the last request was made, on the server's clock (the refreshedAt of the data on screen
   * then), so that a client clock set wrong cannot change the cadence; null until data is shown.
   */
  private askedAt: number | null = null;

  /** Seven days of points, ascending; null while unknown (not loaded, failed, or no history for this scope). */
  readonly points = this.pointsState.asReadonly();

  constructor() {
    effect(() => {
      const tenantId = this.view.tenantId();
      const scope = this.view.scope();
      const readAt = Date.parse(this.view.data()?.refreshedAt ?? '');
      untracked(() => this.follow(tenantId, historyCompany(scope), readAt));
    });
  }

  private follow(tenantId: string | null, company: number | undefined | null, readAt: number): void {
    const key = tenantId && company !== null ? `${tenantId} ${company ?? 'all'}` : null;
    if (key !== this.key) {
      this.cancel();
      this.key = key;
      this.pointsState.set(null);
      if (key && tenantId) {
        this.ask(tenantId, company ?? undefined, readAt);
      }
      return;
    }
    if (!key || !tenantId || Number.isNaN(readAt)) {
      return;
    }
    if (this.askedAt === null) {
      // Asked before any data was on screen: count from the first data.
      this.askedAt = readAt;
    } else if (!this.request && readAt - this.askedAt >= HISTORY_REFRESH_MS) {
      this.ask(tenantId, company ?? undefined, readAt);
    }
  }

  private ask(tenantId: string, company: number | undefined, readAt: number): void {
    this.askedAt = Number.isNaN(readAt) ? null : readAt;
    const request = new Subscription();
    this.request = request;
    request.add(
      this.api.load(tenantId, '7d', company).subscribe({
        next: (body) => this.pointsState.set(body.tenantId === tenantId ? body.points : null),
        // A failed refresh keeps the points already shown; a failed first load leaves none.
        error: () => this.settle(request),
        complete: () => this.settle(request),
      }),
    );
  }

  private settle(request: Subscription): void {
    if (this.request === request) {
      this.request = null;
    }
  }

  private cancel(): void {
    this.request?.unsubscribe();
    this.request = null;
  }
}
