import { Component, computed, inject, signal } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { WORKSPACE_NAME_MAX_LENGTH } from '@contracts/workspaces';
import { AuthStore } from '../core/auth/auth-store';
import { inputValue } from '../core/ui/form-values';
import { PublicConfigStore } from '../core/config/public-config-store';
import { errorMessage } from '../core/http/api-errors';
import { TenantStore } from '../core/tenant/tenant-store';
import { FocusOnLoad } from '../core/ui/focus-on-load';
import { Icon } from '../core/ui/icon';
import { browserTimeZone, languageForLocale, ODOO_LANGUAGES, timeZoneOptions } from './locale-options';
import { CONNECTION_FRAGMENT, WORKSPACE_SETTINGS_URL } from './workspace-links';
import { WorkspacesApi } from './workspaces-api';

/** /workspaces/new: names a new workspace, makes it current and leads on to connecting its Odoo. */
@Component({
  selector: 'cv-new-workspace-page',
  imports: [Icon, RouterLink, FocusOnLoad],
  templateUrl: './new-workspace-page.html',
  styleUrls: ['./panel.css', './new-workspace-page.css'],
})
export class NewWorkspacePage {
  private readonly api = inject(WorkspacesApi);
  private readonly tenants = inject(TenantStore);
  private readonly router = inject(Router);
  private readonly auth = inject(AuthStore);
  protected readonly config = inject(PublicConfigStore);

  protected readonly name = signal('');
  protected readonly timeZone = signal(browserTimeZone());
  protected readonly lang = signal(languageForLocale(globalThis.navigator?.language));
  protected readonly error = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly configLoaded = signal(false);
  /** Operators may always create one; the server decides in the end either way. */
  protected readonly allowed = computed(() => this.config.allowWorkspaceCreation() || this.auth.isOperator());
  protected readonly zones = timeZoneOptions();
  protected readonly languages = ODOO_LANGUAGES;
  protected readonly maxNameLength = WORKSPACE_NAME_MAX_LENGTH;
  protected readonly inputValue = inputValue;

  constructor() {
    void this.config.load().then(() => this.configLoaded.set(true));
  }

  protected async submit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.busy()) {
      return;
    }
    const name = this.name().trim();
    this.error.set(name ? null : 'Enter a name for the workspace.');
    if (!name) {
      return;
    }
    this.busy.set(true);
    try {
      const created = await this.api.create({ name, timeZone: this.timeZone().trim() || undefined, lang: this.lang() });
      await this.tenants.switchTo(created.tenantId);
      await this.tenants.loadMemberships();
      await this.router.navigate([WORKSPACE_SETTINGS_URL], { fragment: CONNECTION_FRAGMENT });
    } catch (error) {
      this.error.set(errorMessage(error, 'The workspace could not be created.'));
    } finally {
      this.busy.set(false);
    }
  }
}
