import type { OdooTransport } from './odoo-connection';

/** A tenant's stored Odoo settings (secret already decrypted). Every field is optional:
 *  - url set: the tenant's own connection;
 *  - only database set (demo tenants): in demo mode, that database on the demo Odoo;
 *  - nothing set: the environment connection (ODOO_*). */
/** Why a tenant whose stored secret can't be decrypted reads nothing from Odoo. */
export const SECRET_UNREADABLE_MESSAGE = "The stored Odoo secret can't be read with this server's SECRETS_KEY: save the connection again with its secret";

export interface TenantOdooSettings {
  url: string | null;
  database: string | null;
  login: string | null;
  secret: string | null;
  transport: OdooTransport;
  companyIds: number[] | null;
  /** Where users open Odoo, when it differs from `url` (null: the same as `url`). */
  publicUrl: string | null;
  /** May read from the server's own connection when it has none (tenants made with the CLI). Default true. */
  serverFallback?: boolean;
  /** A secret is stored but can't be decrypted with this server's SECRETS_KEY (`secret` is then null). */
  secretUnreadable?: boolean;
  /** The connection was saved through the API: its addresses follow ODOO_ALLOW_PRIVATE_HOSTS. Default false. */
  savedByApi?: boolean;
}
