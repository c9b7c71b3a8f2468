import type { OdooTransport } from './odoo-connection';

/** A tenant's stored Odoo settings (secret already decrypted). Every field is optional:
 *  - url set: the tenant's own connection;
 *  - only database set (demo tenants): in demo mode, that database on the demo Odoo;
 *  - nothing set: the environment connection (ODOO_*). */
export interface TenantOdooSettings {
  url: string | null;
  database: string | null;
  login: string | null;
  secret: string | null;
  transport: OdooTransport;
  companyIds: number[] | null;
}
