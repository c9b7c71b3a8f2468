import { Component, effect, inject, input, signal, untracked } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { CompanyViewResponse } from '@contracts/company-view';
import { SECTION_KEYS } from '@contracts/sections';
import type { TenantRole } from '@contracts/tenant';
import { Icon } from '../core/ui/icon';
import { CONNECTION_FRAGMENT, WORKSPACE_SETTINGS_URL } from './workspace-links';
import { isAdminRole } from './roles';
import { WorkspacesApi } from './workspaces-api';

/** True when the workspace has no Odoo connection at all: every section failed as `not-connected`. */
export function isNotConnected(response: Pick<CompanyViewResponse, 'meta'> | null): boolean {
  const kinds = response?.meta?.errorKinds;
  return !!kinds && SECTION_KEYS.every((key) => kinds[key] === 'not-connected');
}

/**
 * What the dashboard shows instead of empty figures for a workspace without an Odoo connection:
 * admins and owners get a link to connect it, members are told whom to ask.
 */
@Component({
  selector: 'cv-not-connected-panel',
  imports: [RouterLink, Icon],
  template: `
    <section
      class="state-card card state-card--warning"
      data-testid="not-connected"
      aria-labelledby="not-connected-title"
    >
      <cv-icon name="link" />
      <h2 id="not-connected-title">Not connected to Odoo</h2>
      @switch (audience()) {
        @case ('admin') {
          <p>This workspace has no Odoo connection yet, so there is nothing to show. Connect it to see your figures.</p>
          <a
            class="button button--primary"
            data-testid="connect-odoo"
            [routerLink]="settingsUrl"
            [fragment]="connectionFragment"
            >Connect Odoo</a
          >
        }
        @case ('member') {
          <p data-testid="ask-admin">This workspace has no Odoo connection yet. Ask an admin to connect Odoo.</p>
        }
        @default {
          <p>This workspace has no Odoo connection yet.</p>
        }
      }
    </section>
  `,
})
export class NotConnectedPanel {
  private readonly api = inject(WorkspacesApi);
  readonly tenantId = input.required<string>();
  /** Unknown until the role is read; then who the panel speaks to. */
  protected readonly audience = signal<'admin' | 'member' | null>(null);
  protected readonly settingsUrl = WORKSPACE_SETTINGS_URL;
  protected readonly connectionFragment = CONNECTION_FRAGMENT;

  constructor() {
    effect(() => {
      const tenantId = this.tenantId();
      untracked(() => void this.loadRole(tenantId));
    });
  }

  private async loadRole(tenantId: string): Promise<void> {
    this.audience.set(null);
    let role: TenantRole | null = null;
    try {
      role = (await this.api.get(tenantId)).myRole;
    } catch {
      // Without the role, the panel still says what is wrong; only the link is left out.
    }
    if (tenantId === this.tenantId()) {
      this.audience.set(role === null ? null : isAdminRole(role) ? 'admin' : 'member');
    }
  }
}
