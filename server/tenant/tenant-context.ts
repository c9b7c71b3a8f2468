import type { TenantOdooSettings } from '../odoo/odoo-settings';

/** What the tenant guard attaches to the request (`request.tenant`) once access is granted. */
export interface TenantContext {
  tenantId: string;
  name: string;
  timeZone: string;
  lang: string;
  odoo: TenantOdooSettings;
}

/** What the session guard attaches to the request (`request.user`). */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
}
