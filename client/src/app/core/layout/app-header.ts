import { Component, effect, inject, untracked } from '@angular/core';
import { RouterLink, RouterLinkActive } from '@angular/router';
import { AuthStore } from '../auth/auth-store';
import { ClientSession } from '../auth/client-session';
import { TenantStore } from '../tenant/tenant-store';
import { TenantSwitcher } from '../tenant/tenant-switcher';
import { Icon } from '../ui/icon';

/** The bar on top of every signed-in page: product, current tenant (or switcher), account, sign-out. */
@Component({
  selector: 'cv-app-header',
  imports: [RouterLink, RouterLinkActive, Icon, TenantSwitcher],
  templateUrl: './app-header.html',
  styleUrl: './app-header.css',
})
export class AppHeader {
  protected readonly auth = inject(AuthStore);
  protected readonly tenants = inject(TenantStore);
  private readonly session = inject(ClientSession);
  protected signingOut = false;

  constructor() {
    // Each time a user signs in, learn their tenants (the current one is cached for five minutes).
    effect(() => {
      const userId = this.auth.user()?.id;
      if (userId) {
        untracked(() => {
          void this.tenants.loadCurrent();
          void this.tenants.loadMemberships();
        });
      }
    });
  }

  protected async signOut(): Promise<void> {
    if (this.signingOut) {
      return;
    }
    this.signingOut = true;
    try {
      await this.session.signOut();
    } finally {
      this.signingOut = false;
    }
  }
}
