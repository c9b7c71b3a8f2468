import { Component, inject, signal } from '@angular/core';
import { errorMessage } from '../http/api-errors';
import { Icon } from '../ui/icon';
import { TenantStore } from './tenant-store';

/** A select listing the user's tenants; inactive ones are shown but cannot be picked. */
@Component({
  selector: 'cv-tenant-switcher',
  imports: [Icon],
  templateUrl: './tenant-switcher.html',
  styleUrl: './tenant-switcher.css',
})
export class TenantSwitcher {
  protected readonly tenants = inject(TenantStore);
  protected readonly error = signal<string | null>(null);

  protected async onChange(event: Event): Promise<void> {
    const select = event.target as HTMLSelectElement;
    const tenantId = select.value;
    if (!tenantId || tenantId === this.tenants.currentTenantId()) {
      return;
    }
    this.error.set(null);
    try {
      await this.tenants.switchTo(tenantId);
    } catch (error) {
      this.error.set(errorMessage(error, 'Could not switch to that company.'));
      // Show the tenant that is still current, not the one that was refused.
      select.value = this.tenants.currentTenantId() ?? '';
    }
  }
}
