import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TenantActivity } from '../activity/tenant-activity';
import { writeAudit } from '../audit/audit-log';
import type { SessionUser } from '../auth/session-user';
import type { CompanyViewSectionKey, SectionErrorKind } from '../contracts/company-view';
import type { AdminTenantActivationResponse, AdminTenantDto } from '../contracts/workspaces';
import { TenantAdminError, updateTenant, findTenant } from '../tenant/tenant-admin';
import { TenantService } from '../tenant/tenant.service';
import { connectionSource } from '../workspaces/workspace-views';

interface ConsoleRow {
  id: string;
  name: string;
  isActive: boolean;
  createdAt: Date;
  createdVia: 'cli' | 'api';
  odooUrl: string | null;
  odooDatabase: string | null;
  members: string;
  lastRequestAt: Date | null;
  odooVersion: string | null;
  refreshedAt: Date | null;
  errorKinds: Partial<Record<CompanyViewSectionKey, SectionErrorKind>> | null;
}

/**
 * The operator console's view of every workspace (never a login or secret), and switching one on
 * or off. The last aggregation comes from the history (the latest sample of the default scope);
 * the last request and Odoo version from tenant_activity, completed by what this instance saw since
 * its last write.
 */
@Injectable()
export class AdminTenantsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly activity: TenantActivity,
    private readonly tenants: TenantService,
  ) {}

  async list(): Promise<AdminTenantDto[]> {
    const rows: ConsoleRow[] = await this.db.query(
      `SELECT t."id", t."name", t."isActive", t."createdAt", t."createdVia", t."odooUrl", t."odooDatabase",
         (SELECT count(*) FROM "tenantMember" m WHERE m."tenantId" = t."id") AS "members",
         a."lastRequestAt", a."odooVersion", s."refreshedAt", s."errorKinds"
       FROM "tenant" t
       LEFT JOIN "tenant_activity" a ON a."tenantId" = t."id"
       LEFT JOIN LATERAL (
         SELECT k."refreshedAt", k."errorKinds" FROM "kpi_sample" k
         WHERE k."tenantId" = t."id" AND k."scopeKey" = 'all' AND k."granularity" = '15m'
         ORDER BY k."bucket" DESC LIMIT 1
       ) s ON true
       ORDER BY lower(t."name"), t."id"`,
    );
    return rows.map((row) => this.toDto(row));
  }

  async setActive(tenantId: string, isActive: boolean, operator: SessionUser): Promise<AdminTenantActivationResponse> {
    const tenant = await this.db.transaction(async (tx) => {
      const before = await findTenant(tx, tenantId).catch(invalidId);
      if (before.isActive === isActive) return before;
      const after = await updateTenant(tx, tenantId, { isActive });
      await writeAudit(tx, { actor: operator, tenantId, action: isActive ? 'workspace.activated' : 'workspace.deactivated', details: { name: after.name } });
      return after;
    });
    this.tenants.forget(tenant.id);
    return { tenantId: tenant.id, name: tenant.name, isActive: tenant.isActive };
  }

  private toDto(row: ConsoleRow): AdminTenantDto {
    const seen = this.activity.seen(row.id);
    const stored = row.lastRequestAt?.getTime() ?? null;
    const lastRequest = Math.max(stored ?? 0, seen?.lastRequestAt ?? 0);
    return {
      tenantId: row.id,
      name: row.name,
      isActive: row.isActive,
      createdAt: row.createdAt.toISOString(),
      members: Number(row.members),
      source: connectionSource(row),
      odoo: row.odooUrl ? { host: new URL(row.odooUrl).host, database: row.odooDatabase } : null,
      odooVersion: seen?.odooVersion ?? row.odooVersion,
      lastAggregation: row.refreshedAt ? { at: row.refreshedAt.toISOString(), errorKinds: row.errorKinds ?? {} } : null,
      lastDashboardRequestAt: lastRequest > 0 ? new Date(lastRequest).toISOString() : null,
    };
  }
}

/** An id that is not a tenant is answered like the access matrix answers it. */
function invalidId(error: unknown): never {
  if (error instanceof TenantAdminError) throw new BadRequestException('Bad Request: Invalid tenant ID');
  throw error;
}
