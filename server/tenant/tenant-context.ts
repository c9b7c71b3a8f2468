import type { TenantOdooSettings } from '../odoo/odoo-settings';

/** What the tenant guard attaches to the request (`request.tenant`) once access is granted. */
export interface TenantContext {
  tenantId: string;
  name: string;
  timeZone: string;
  lang: string;
  odoo: TenantOdooSettings;
  /** Changes with every change to the tenant's row (its updatedAt): cached views are keyed by it. */
  settingsVersion: string;
}
