import { HttpClient } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import type { CurrentTenantResponse, TenantMembershipDto } from '@contracts/tenant';
import { firstValueFrom } from 'rxjs';
import { errorMessage } from '../http/api-errors';

/** The four states the dashboard distinguishes, plus `idle` before anything was asked. */
export type CurrentTenantState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; tenantId: string; tenantName: string }
  | { status: 'none' }
  | { status: 'error'; message: string };

/** How long the answer of GET /api/tenants/current is trusted before it is asked again. */
export const CURRENT_TENANT_TTL_MS = 5 * 60_000;

function toState(body: CurrentTenantResponse): CurrentTenantState {
  if (body.error) {
    return { status: 'error', message: body.error };
  }
  if (!body.tenantId) {
    return { status: 'none' };
  }
  return { status: 'ready', tenantId: body.tenantId, tenantName: body.tenantName || body.tenantId };
}

/** The signed-in user's current tenant and the tenants they may switch to. */
@Injectable({ providedIn: 'root' })
export class TenantStore {
  private readonly http = inject(HttpClient);
  private readonly state = signal<CurrentTenantState>({ status: 'idle' });
  private readonly membershipList = signal<TenantMembershipDto[]>([]);
  private readonly switchingFlag = signal(false);
  private loadedAt: number | null = null;
  private pending: Promise<void> | null = null;
  // Bumped whenever an older answer must no longer land (clear, switch).
  private generation = 0;

  readonly current = this.state.asReadonly();
  readonly memberships = this.membershipList.asReadonly();
  readonly switching = this.switchingFlag.asReadonly();
  readonly currentTenantId = computed(() => {
    const state = this.state();
    return state.status === 'ready' ? state.tenantId : null;
  });
  readonly currentTenantName = computed(() => {
    const state = this.state();
    return state.status === 'ready' ? state.tenantName : null;
  });

  /** Loads the current tenant unless a good answer younger than five minutes is at hand. */
  loadCurrent(options: { force?: boolean } = {}): Promise<void> {
    if (!options.force && this.isFresh()) {
      return Promise.resolve();
    }
    this.pending ??= this.fetchCurrent().finally(() => (this.pending = null));
    return this.pending;
  }

  async loadMemberships(): Promise<void> {
    const generation = this.generation;
    try {
      const list = await firstValueFrom(this.http.get<TenantMembershipDto[]>('/api/tenants', { cache: 'no-cache' }));
      if (generation === this.generation) {
        this.membershipList.set(list);
      }
    } catch {
      // Without the list the switcher simply stays hidden; the current tenant still works.
    }
  }

  /** Makes another tenant current. Rejects with the server's error, leaving the current tenant as it was. */
  async switchTo(tenantId: string): Promise<void> {
    this.generation++;
    this.pending = null;
    this.switchingFlag.set(true);
    try {
      const body = await firstValueFrom(this.http.put<CurrentTenantResponse>('/api/tenants/current', { tenantId }));
      this.accept(body);
      this.membershipList.update((list) =>
        list.map((membership) => ({ ...membership, isDefault: membership.tenantId === body.tenantId })),
      );
    } finally {
      this.switchingFlag.set(false);
    }
  }

  /** Forgets everything; used on sign-out and when the session ends. */
  clear(): void {
    this.generation++;
    this.pending = null;
    this.loadedAt = null;
    this.state.set({ status: 'idle' });
    this.membershipList.set([]);
  }

  private isFresh(): boolean {
    const status = this.state().status;
    return (
      this.loadedAt !== null &&
      (status === 'ready' || status === 'none') &&
      Date.now() - this.loadedAt < CURRENT_TENANT_TTL_MS
    );
  }

  private async fetchCurrent(): Promise<void> {
    const generation = this.generation;
    const status = this.state().status;
    // Keep showing a known tenant while it is re-checked; only an unknown one shows the spinner.
    if (status === 'idle' || status === 'error') {
      this.state.set({ status: 'loading' });
    }
    try {
      const body = await firstValueFrom(
        this.http.get<CurrentTenantResponse>('/api/tenants/current', { cache: 'no-cache' }),
      );
      if (generation === this.generation) {
        this.accept(body);
      }
    } catch (error) {
      if (generation === this.generation) {
        this.loadedAt = null;
        this.state.set({ status: 'error', message: errorMessage(error) });
      }
    }
  }

  private accept(body: CurrentTenantResponse): void {
    this.state.set(toState(body));
    this.loadedAt = Date.now();
  }
}
