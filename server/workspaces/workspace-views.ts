import type { TenantRole } from '../contracts/tenant';
import type { OdooConnectionSource, WorkspaceDto, WorkspaceOdooDto } from '../contracts/workspaces';
import type { Tenant } from '../tenant/tenant.entity';
import { hasRole } from '../tenant/workspace-access';

/** Where the tenant's dashboard reads from. */
export function connectionSource(row: Pick<Tenant, 'odooUrl' | 'createdVia'>): OdooConnectionSource {
  if (row.odooUrl) return 'workspace';
  return row.createdVia === 'cli' ? 'server' : 'none';
}

/** The stored settings as admins see them: never the secret, only whether there is one. */
export function odooDto(row: Tenant): WorkspaceOdooDto {
  return {
    url: row.odooUrl,
    publicUrl: row.odooPublicUrl,
    database: row.odooDatabase,
    login: row.odooLogin,
    transport: row.odooTransport,
    companyIds: row.odooCompanyIds,
    hasSecret: row.odooSecret !== null,
    lastCheck: row.odooLastCheck,
    source: connectionSource(row),
  };
}

export function workspaceDto(row: Tenant, role: TenantRole): WorkspaceDto {
  return {
    tenantId: row.id,
    name: row.name,
    isActive: row.isActive,
    timeZone: row.timeZone,
    lang: row.lang,
    myRole: role,
    odoo: hasRole(role, 'admin') ? odooDto(row) : null,
  };
}
