import type { SecretBox } from '../common/secret-box';
import type { TenantOdooSettings } from '../odoo/odoo-settings';
import type { Tenant } from './tenant.entity';

/** A tenant row's Odoo settings as the connection resolver takes them (secret decrypted). */
export function tenantOdooSettings(row: Tenant, secrets: SecretBox): TenantOdooSettings {
  // A secret sealed under another SECRETS_KEY fails this tenant's Odoo reads, not the request.
  const secret = row.odooSecret ? secrets.openOrNull(row.odooSecret) : null;
  return {
    url: row.odooUrl,
    database: row.odooDatabase,
    login: row.odooLogin,
    secret,
    ...(row.odooSecret && secret === null ? { secretUnreadable: true } : {}),
    transport: row.odooTransport,
    companyIds: row.odooCompanyIds,
    publicUrl: row.odooPublicUrl,
    serverFallback: row.createdVia === 'cli',
    savedByApi: row.odooSetVia === 'api',
  };
}
