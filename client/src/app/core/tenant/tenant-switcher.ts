import { DOCUMENT } from '@angular/common';
import { afterNextRender, Component, inject, Injector, signal } from '@angular/core';
import { errorMessage } from '../http/api-errors';
import { Icon } from '../ui/icon';
import { TenantStore } from './tenant-store';

/**
 * A select listing the user's tenants; inactive ones are shown but cannot be picked. It is disabled
 * while a switch is under way, which drops the focus to <body>: a keyboard user then finds it put
 * back on the select once the switch is over.
 */
@Component({
  selector: 'cv-tenant-switcher',
  imports: [Icon],
  templateUrl: './tenant-switcher.html',
  styleUrl: './tenant-switcher.css',
})
export class TenantSwitcher {
  protected readonly tenants = inject(TenantStore);
  protected readonly error = signal<string | null>(null);
  private readonly document = inject(DOCUMENT);
  private readonly injector = inject(Injector);

  protected async onChange(event: Event): Promise<void> {
    const select = event.target as HTMLSelectElement;
    const tenantId = select.value;
    if (!tenantId || tenantId === this.tenants.currentTenantId()) {
      return;
    }
    this.error.set(null);
    const hadFocus = this.document.activeElement === select;
    try {
      await this.tenants.switchTo(tenantId);
    } catch (error) {
      this.error.set(errorMessage(error, 'Could not switch to that company.'));
      // Show the tenant that is still current, not the one that was refused.
      select.value = this.tenants.currentTenantId() ?? '';
    }
    if (hadFocus) {
      // Once the select is enabled again: a disabled element cannot take the focus.
      afterNextRender(() => select.focus(), { injector: this.injector });
    }
  }
}
