import { ForbiddenException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { writeAudit } from '../audit/audit-log';
import type { SessionUser } from '../auth/session-user';
import { AppConfig } from '../config/app-config';
import { WORKSPACE_CREATION_DISABLED_MESSAGE } from '../contracts/errors';
import type { CreateWorkspaceRequest, CreateWorkspaceResponse, UpdateWorkspaceRequest, WorkspaceDto } from '../contracts/workspaces';
import { TenantMember } from '../tenant/tenant-member.entity';
import { addMember, createTenant, findTenant, updateTenant } from '../tenant/tenant-admin';
import { TenantService, type Membership } from '../tenant/tenant.service';
import { workspaceDto } from './workspace-views';

/** Creating a workspace, reading and renaming it. Every change is audited in its own transaction. */
@Injectable()
export class WorkspacesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly tenants: TenantService,
  ) {}

  /** Allowed when ALLOW_WORKSPACE_CREATION is on, or for operators. The caller becomes the owner. */
  assertMayCreate(user: SessionUser): void {
    if (!this.config.workspaces.allowCreation && !user.isOperator) throw new ForbiddenException(WORKSPACE_CREATION_DISABLED_MESSAGE);
  }

  async create(user: SessionUser, body: CreateWorkspaceRequest): Promise<CreateWorkspaceResponse> {
    const tenant = await this.db.transaction(async (tx) => {
      const created = await createTenant(tx, { name: body.name, timeZone: body.timeZone, lang: body.lang, createdVia: 'api' });
      // Their first workspace is where the dashboard opens.
      const hasDefault = await tx.existsBy(TenantMember, { userId: user.id, isDefault: true });
      await addMember(tx, { userId: user.id, tenantId: created.id, role: 'owner', isDefault: !hasDefault });
      await writeAudit(tx, { actor: user, tenantId: created.id, action: 'workspace.created', details: { name: created.name } });
      return created;
    });
    return { tenantId: tenant.id, name: tenant.name, myRole: 'owner' };
  }

  async get(membership: Membership): Promise<WorkspaceDto> {
    return workspaceDto(await findTenant(this.db.manager, membership.tenant.tenantId), membership.role);
  }

  async update(membership: Membership, user: SessionUser, body: UpdateWorkspaceRequest): Promise<WorkspaceDto> {
    const { tenantId } = membership.tenant;
    const row = await this.db.transaction(async (tx) => {
      const before = await findTenant(tx, tenantId);
      const changes = Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined)) as UpdateWorkspaceRequest;
      const after = await updateTenant(tx, tenantId, changes);
      const changed = Object.fromEntries(
        (['name', 'timeZone', 'lang'] as const).filter((key) => before[key] !== after[key]).map((key) => [key, { from: before[key], to: after[key] }]),
      );
      await writeAudit(tx, { actor: user, tenantId, action: 'workspace.updated', details: changed });
      return after;
    });
    this.tenants.forget(tenantId);
    return workspaceDto(row, membership.role);
  }
}
