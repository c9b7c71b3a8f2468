import { Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { AuthStore } from '../core/auth/auth-store';
import { PublicConfigStore } from '../core/config/public-config-store';
import { NEW_WORKSPACE_URL } from './workspace-links';

/** "Create a workspace", for someone without one, where the server lets them (operators always may). */
@Component({
  selector: 'cv-create-workspace-offer',
  imports: [RouterLink],
  template: `
    @if (allowed()) {
      <a class="button button--primary" data-testid="create-workspace-link" [routerLink]="url">Create a workspace</a>
    }
  `,
})
export class CreateWorkspaceOffer {
  private readonly config = inject(PublicConfigStore);
  private readonly auth = inject(AuthStore);
  protected readonly allowed = computed(() => this.config.allowWorkspaceCreation() || this.auth.isOperator());
  protected readonly url = NEW_WORKSPACE_URL;

  constructor() {
    void this.config.load();
  }
}
