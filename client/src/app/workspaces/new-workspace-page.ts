import { Component, inject, signal } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { WORKSPACE_NAME_MAX_LENGTH } from '@contracts/workspaces';
import { inputValue } from '../core/ui/form-values';
import { PublicConfigStore } from '../core/config/public-config-store';
import { TenantStore } from '../core/tenant/tenant-store';
import { FocusOnLoad } from '../core/ui/focus-on-load';
import { Icon } from '../core/ui/icon';
import { ProblemBanner } from '../core/ui/problem-banner';
import { browserTimeZone, languageForLocale, ODOO_LANGUAGES, timeZoneOptions } from './locale-options';
import { injectCreationAllowed } from './create-workspace-offer';
import { CONNECTION_FRAGMENT, WORKSPACE_SETTINGS_URL } from './workspace-links';
import { ExplainedError, explainError } from './workspace-errors';
import { WorkspacesApi } from './workspaces-api';

/** /workspaces/new: names a new workspace, makes it current and leads on to connecting its Odoo. */
@Component({
  selector: 'cv-new-workspace-page',
  imports: [Icon, RouterLink, FocusOnLoad, ProblemBanner],
  templateUrl: './new-workspace-page.html',
  styleUrls: ['./panel.css', './new-workspace-page.css'],
})
export class NewWorkspacePage {
  private readonly api = inject(WorkspacesApi);
  private readonly tenants = inject(TenantStore);
  private readonly router = inject(Router);
  protected readonly config = inject(PublicConfigStore);

  protected readonly name = signal('');
  protected readonly timeZone = signal(browserTimeZone());
  protected readonly lang = signal(languageForLocale(globalThis.navigator?.language));
  protected readonly problem = signal<ExplainedError | null>(null);
  protected readonly busy = signal(false);
  protected readonly configLoaded = signal(false);
  protected readonly allowed = injectCreationAllowed();
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
    this.problem.set(name ? null : { message: 'Enter a name for the workspace.', hint: null });
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
      this.problem.set(explainError(error, 'The workspace could not be created.'));
    } finally {
      this.busy.set(false);
    }
  }
}
