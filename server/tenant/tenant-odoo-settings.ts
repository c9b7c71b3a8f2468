import type { SecretBox } from '../common/secret-box';
import type { TenantOdooSettings } from '../odoo/odoo-settings';
import type { TenantContext } from './tenant-context';
import type { Tenant } from './tenant.entity';

/** A tenant row as requests and the sampler see it; the same settings version either way, so both find the same cache entries. */
export function tenantContextOf(row: Tenant, secrets: SecretBox): TenantContext {
  const { id, name, timeZone, lang } = row;
  return { tenantId: id, name, timeZone, lang, odoo: tenantOdooSettings(row, secrets), settingsVersion: settingsVersionOf(row.updatedAt) };
}

/** The version of a tenant's settings: its row's last change (a trigger moves it on every update). */
export function settingsVersionOf(updatedAt: Date): string {
  return updatedAt.getTime().toString(36);
}

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
