import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { writeAudit } from '../audit/audit-log';
import type { SessionUser } from '../auth/session-user';
import { LAST_OWNER_MESSAGE, MEMBER_NOT_FOUND_MESSAGE } from '../contracts/errors';
import type { TenantRole } from '../contracts/tenant';
import type { MemberDto } from '../contracts/workspaces';
import { TenantMember } from '../tenant/tenant-member.entity';
import { tenantErrors } from '../tenant/tenant-errors';
import { TenantService, type Membership } from '../tenant/tenant.service';
import { hasRole, roleRequired } from '../tenant/workspace-access';

interface MemberRow {
  userId: string;
  email: string;
  name: string;
  role: TenantRole;
  joinedAt: Date;
  isDefault: boolean;
}

/**
 * Who belongs to a workspace and with which role. Admins manage members and admins; only owners
 * make or remove owners; the last owner can neither leave nor be demoted. Changes to one workspace's
 * members are serialised, so two owners demoting each other cannot leave it without one. A removed
 * member loses access on their next request (the membership table's notification clears every
 * instance's access cache).
 */
@Injectable()
export class MembersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tenants: TenantService,
  ) {}

  async list(tenantId: string): Promise<MemberDto[]> {
    const rows = await this.rows(this.db.manager, tenantId);
    return rows.map(toDto);
  }

  async changeRole(membership: Membership, actor: SessionUser, userId: string, role: TenantRole): Promise<MemberDto> {
    const { tenantId } = membership.tenant;
    const updated = await this.db.transaction(async (tx) => {
      const actorRole = await lockMembers(tx, tenantId, actor.id);
      if (!hasRole(actorRole, 'admin')) throw roleRequired('admin');
      const target = await this.member(tx, tenantId, userId);
      // Making an owner, or changing what an owner is, takes an owner.
      if ((role === 'owner' || target.role === 'owner') && !hasRole(actorRole, 'owner')) throw roleRequired('owner');
      if (target.role === 'owner' && role !== 'owner') await assertAnotherOwner(tx, tenantId);
      if (target.role !== role) {
        await tx.update(TenantMember, { tenantId, userId }, { role });
        const details = { userId, email: target.email, from: target.role, to: role };
        await writeAudit(tx, { actor, tenantId, action: 'member.role_changed', details });
      }
      return { ...target, role };
    });
    this.tenants.forget(tenantId);
    return toDto(updated);
  }

  /** Removes a member (admins; owners for an owner) or lets the caller leave (any role, inactive workspace included). */
  async remove(membership: Membership, actor: SessionUser, userId: string): Promise<void> {
    const { tenantId } = membership.tenant;
    const leaving = userId === actor.id;
    if (!leaving) {
      if (!membership.isActive) throw tenantErrors.inactive();
      if (!hasRole(membership.role, 'admin')) throw roleRequired('admin');
    }
    await this.db.transaction(async (tx) => {
      const actorRole = await lockMembers(tx, tenantId, actor.id);
      if (!leaving && !hasRole(actorRole, 'admin')) throw roleRequired('admin');
      const target = await this.member(tx, tenantId, userId);
      if (!leaving && target.role === 'owner' && !hasRole(actorRole, 'owner')) throw roleRequired('owner');
      if (target.role === 'owner') await assertAnotherOwner(tx, tenantId);
      await tx.delete(TenantMember, { tenantId, userId });
      if (target.isDefault) await moveDefault(tx, userId);
      const details = leaving ? { role: target.role } : { userId, email: target.email, role: target.role };
      await writeAudit(tx, { actor, tenantId, action: leaving ? 'member.left' : 'member.removed', details });
    });
    this.tenants.forget(tenantId);
  }

  private async member(tx: EntityManager, tenantId: string, userId: string): Promise<MemberRow> {
    const [row] = await this.rows(tx, tenantId, userId);
    if (!row) throw new NotFoundException(MEMBER_NOT_FOUND_MESSAGE);
    return row;
  }

  private rows(tx: EntityManager, tenantId: string, userId?: string): Promise<MemberRow[]> {
    return tx.query(
      `SELECT m."userId", u."email", u."name", m."role", m."createdAt" AS "joinedAt", m."isDefault"
       FROM "tenantMember" m JOIN "user" u ON u."id" = m."userId"
       WHERE m."tenantId" = $1 ${userId === undefined ? '' : 'AND m."userId" = $2'}
       ORDER BY CASE m."role" WHEN 'owner' THEN 0 WHEN 'admin' THEN 1 ELSE 2 END, u."email"`,
      userId === undefined ? [tenantId] : [tenantId, userId],
    );
  }
}

/**
 * Membership changes of one workspace, one at a time (the tenant row is locked, not changed), each
 * judged by the actor's role as it is once the lock is held: a change that committed while this one
 * waited (the actor demoted, or removed) counts.
 */
async function lockMembers(tx: EntityManager, tenantId: string, actorId: string): Promise<TenantRole> {
  await tx.query('SELECT 1 FROM "tenant" WHERE "id" = $1 FOR NO KEY UPDATE', [tenantId]);
  const actor = await tx.findOne(TenantMember, { select: { role: true }, where: { tenantId, userId: actorId } });
  if (!actor) throw tenantErrors.notMember();
  return actor.role;
}

async function assertAnotherOwner(tx: EntityManager, tenantId: string): Promise<void> {
  const owners = await tx.count(TenantMember, { where: { tenantId, role: 'owner' } });
  if (owners <= 1) throw new ConflictException(LAST_OWNER_MESSAGE);
}

/** The user's dashboard opens on another of their workspaces, if they have one. */
async function moveDefault(tx: EntityManager, userId: string): Promise<void> {
  await tx.query(
    `UPDATE "tenantMember" SET "isDefault" = true WHERE "id" = (
       SELECT "id" FROM "tenantMember" WHERE "userId" = $1 ORDER BY "createdAt" LIMIT 1)`,
    [userId],
  );
}

function toDto(row: MemberRow): MemberDto {
  return { userId: row.userId, email: row.email, name: row.name, role: row.role, joinedAt: new Date(row.joinedAt).toISOString() };
}
