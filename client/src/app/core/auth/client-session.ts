import { inject, Injectable } from '@angular/core';
import { Router } from '@angular/router';
import { PublicConfigStore } from '../config/public-config-store';
import { TenantStore } from '../tenant/tenant-store';
import { AuthStore } from './auth-store';

export const SIGN_IN_URL = '/sign-in';

/** Owns the end of a session: everything the client remembers about the user goes at once. */
@Injectable({ providedIn: 'root' })
export class ClientSession {
  private readonly auth = inject(AuthStore);
  private readonly tenants = inject(TenantStore);
  private readonly config = inject(PublicConfigStore);
  private readonly router = inject(Router);

  /** Forgets the user, their tenants and the public config. Page stores die with their routes. */
  clear(): void {
    this.auth.clear();
    this.tenants.clear();
    this.config.clear();
  }

  async signOut(): Promise<void> {
    try {
      await this.auth.signOut();
    } catch {
      // Even if the server could not be told, this browser forgets the session.
    }
    this.clear();
    await this.router.navigateByUrl(SIGN_IN_URL);
  }
}
