import { Component, computed, inject, type Signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { AuthStore } from '../core/auth/auth-store';
import { PublicConfigStore } from '../core/config/public-config-store';
import { NEW_WORKSPACE_URL } from './workspace-links';

/** Whether the signed-in user may create a workspace: when the server lets anyone, and always for operators. The server decides in the end. */
export function injectCreationAllowed(): Signal<boolean> {
  const config = inject(PublicConfigStore);
  const auth = inject(AuthStore);
  return computed(() => config.allowWorkspaceCreation() || auth.isOperator());
}

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
  protected readonly allowed = injectCreationAllowed();
  protected readonly url = NEW_WORKSPACE_URL;

  constructor() {
    void this.config.load();
  }
}
