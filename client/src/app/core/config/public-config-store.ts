import { HttpClient } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import type { PublicConfigResponse } from '@contracts/app';
import { firstValueFrom } from 'rxjs';

const SAFE_DEFAULT: PublicConfigResponse = {
  allowSignup: false,
  demoMode: false,
  allowWorkspaceCreation: false,
  passwordReset: false,
};

/** Facts the client needs before anyone is signed in (sign-up, demo mode, workspace creation, password reset). */
@Injectable({ providedIn: 'root' })
export class PublicConfigStore {
  private readonly http = inject(HttpClient);
  private readonly state = signal<PublicConfigResponse | null>(null);
  private pending: Promise<PublicConfigResponse> | null = null;

  readonly allowSignup = computed(() => this.state()?.allowSignup ?? false);
  readonly demoMode = computed(() => this.state()?.demoMode ?? false);
  readonly allowWorkspaceCreation = computed(() => this.state()?.allowWorkspaceCreation ?? false);
  readonly passwordReset = computed(() => this.state()?.passwordReset ?? false);

  load(): Promise<PublicConfigResponse> {
    const known = this.state();
    if (known) {
      return Promise.resolve(known);
    }
    this.pending ??= this.fetch().finally(() => (this.pending = null));
    return this.pending;
  }

  clear(): void {
    this.state.set(null);
    this.pending = null;
  }

  private async fetch(): Promise<PublicConfigResponse> {
    try {
      const config = await firstValueFrom(this.http.get<PublicConfigResponse>('/api/public-config'));
      this.state.set(config);
      return config;
    } catch {
      // Closed by default; not remembered, so the next visit asks again.
      return SAFE_DEFAULT;
    }
  }
}
