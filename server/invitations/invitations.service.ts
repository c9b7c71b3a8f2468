import { ConflictException, ForbiddenException, GoneException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { writeAudit } from '../audit/audit-log';
import type { SessionUser } from '../auth/session-user';
import { ALREADY_MEMBER_MESSAGE, INVITATION_GONE_MESSAGE, INVITATION_NOT_FOUND_MESSAGE, INVITATION_OTHER_EMAIL_MESSAGE } from '../contracts/errors';
import type { TenantRole } from '../contracts/tenant';
import type { AcceptInvitationResponse, CreateInvitationRequest, CreateInvitationResponse, InvitationDto, InvitationPreviewDto } from '../contracts/workspaces';
import { Mailer } from '../mail/mailer';
import { hostOf, invitationMail } from '../mail/messages';
import { TenantMember } from '../tenant/tenant-member.entity';
import { tenantErrors } from '../tenant/tenant-errors';
import { TenantService, type Membership } from '../tenant/tenant.service';
import { hasRole, roleRequired } from '../tenant/workspace-access';
import { INVITATION_LIFETIME_MS, invitationTokenHash, newInvitationToken } from './invitation-tokens';

interface InvitationRow {
  id: string;
  tenantId: string;
  tenantName: string;
  tenantActive: boolean;
  email: string;
  role: TenantRole;
  createdAt: Date;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
  inviterEmail: string | null;
  inviterName: string | null;
}

const ROW = `SELECT i."id", i."tenantId", t."name" AS "tenantName", t."isActive" AS "tenantActive", i."email", i."role",
  i."createdAt", i."expiresAt", i."acceptedAt", i."revokedAt", u."email" AS "inviterEmail", u."name" AS "inviterName"
  FROM "invitation" i JOIN "tenant" t ON t."id" = i."tenantId" LEFT JOIN "user" u ON u."id" = i."invitedBy"`;

/**
 * Invitations to a workspace: made by admins (owners to invite an owner), single use, valid seven
 * days, one pending per address (inviting again replaces it). The link is answered once, at
 * creation, and emailed when SMTP_URL is set; only the token's hash is stored. Validity is judged
 * by this process's clock.
 */
@Injectable()
export class InvitationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tenants: TenantService,
    private readonly mailer: Mailer,
  ) {}

  async create(membership: Membership, inviter: SessionUser, body: CreateInvitationRequest, origin: string): Promise<CreateInvitationResponse> {
    const { tenantId, name: tenantName } = membership.tenant;
    if (body.role === 'owner' && !hasRole(membership.role, 'owner')) throw roleRequired('owner');
    const token = newInvitationToken();
    const expiresAt = new Date(Date.now() + INVITATION_LIFETIME_MS);
    const invitationId = await this.db.transaction(async (tx) => {
      if (await isMemberByEmail(tx, tenantId, body.email)) throw new ConflictException(ALREADY_MEMBER_MESSAGE);
      const replaced: Array<{ id: string }> = await tx
        .query(
          `UPDATE "invitation" SET "revokedAt" = now() WHERE "tenantId" = $1 AND "email" = $2 AND "acceptedAt" IS NULL AND "revokedAt" IS NULL RETURNING "id"`,
          [tenantId, body.email],
        )
        .then((result) => rowsOf<{ id: string }>(result));
      const [{ id }]: Array<{ id: string }> = await tx.query(
        `INSERT INTO "invitation" ("tenantId", "email", "role", "tokenHash", "invitedBy", "expiresAt") VALUES ($1, $2, $3, $4, $5, $6) RETURNING "id"`,
        [tenantId, body.email, body.role, invitationTokenHash(token), inviter.id, expiresAt],
      );
      const details = { invitationId: id, email: body.email, role: body.role, ...(replaced.length ? { replaced: replaced[0].id } : {}) };
      await writeAudit(tx, { actor: inviter, tenantId, action: 'member.invited', details });
      return id;
    });
    const url = `${origin}/invite/${token}`;
    const mail = invitationMail({ to: body.email, tenantName, role: body.role, inviter: inviter.name || inviter.email, url, expiresAt });
    const emailSent = await this.mailer.send(mail, hostOf(url));
    return { invitationId, url, expiresAt: expiresAt.toISOString(), emailSent };
  }

  /** Pending (not used, revoked or expired), newest first. */
  async pending(tenantId: string): Promise<InvitationDto[]> {
    const rows: InvitationRow[] = await this.db.query(
      `${ROW} WHERE i."tenantId" = $1 AND i."acceptedAt" IS NULL AND i."revokedAt" IS NULL AND i."expiresAt" > $2 ORDER BY i."createdAt" DESC`,
      [tenantId, new Date()],
    );
    return rows.map((row) => ({
      invitationId: row.id,
      email: row.email,
      role: row.role,
      createdAt: row.createdAt.toISOString(),
      expiresAt: row.expiresAt.toISOString(),
      invitedBy: row.inviterEmail,
    }));
  }

  async revoke(membership: Membership, actor: SessionUser, invitationId: string): Promise<void> {
    const { tenantId } = membership.tenant;
    await this.db.transaction(async (tx) => {
      const revoked: Array<{ email: string; role: TenantRole }> = await tx
        .query(
          `UPDATE "invitation" SET "revokedAt" = now()
           WHERE "id"::text = $1 AND "tenantId" = $2 AND "acceptedAt" IS NULL AND "revokedAt" IS NULL RETURNING "email", "role"`,
          [invitationId, tenantId],
        )
        .then((result) => rowsOf<{ email: string; role: TenantRole }>(result));
      if (!revoked.length) throw new NotFoundException(INVITATION_NOT_FOUND_MESSAGE);
      await writeAudit(tx, { actor, tenantId, action: 'invitation.revoked', details: { invitationId, email: revoked[0].email, role: revoked[0].role } });
    });
  }

  /** What the link is about, for someone who may have no account yet. */
  async preview(token: string): Promise<InvitationPreviewDto> {
    const row = await this.usable(this.db.manager, token);
    const accounts: unknown[] = await this.db.query('SELECT 1 FROM "user" WHERE "email" = $1', [row.email]);
    return {
      tenantName: row.tenantName,
      role: row.role,
      email: row.email,
      expiresAt: row.expiresAt.toISOString(),
      invitedBy: row.inviterName,
      accountExists: accounts.length > 0,
    };
  }

  /** Joins the signed-in user with the invited role, once; the invitation is then used up. */
  async accept(token: string, user: SessionUser): Promise<AcceptInvitationResponse> {
    const row = await this.db.transaction(async (tx) => {
      const invitation = await this.usable(tx, token, { lock: true });
      if (invitation.email !== user.email.toLowerCase()) throw new ForbiddenException(INVITATION_OTHER_EMAIL_MESSAGE);
      if (!invitation.tenantActive) throw tenantErrors.inactive();
      if (await tx.existsBy(TenantMember, { tenantId: invitation.tenantId, userId: user.id })) throw new ConflictException(ALREADY_MEMBER_MESSAGE);
      const hasDefault = await tx.existsBy(TenantMember, { userId: user.id, isDefault: true });
      await tx.insert(TenantMember, { tenantId: invitation.tenantId, userId: user.id, role: invitation.role, isDefault: !hasDefault });
      await tx.query(`UPDATE "invitation" SET "acceptedAt" = now(), "acceptedBy" = $2 WHERE "id" = $1`, [invitation.id, user.id]);
      const details = { invitationId: invitation.id, role: invitation.role };
      await writeAudit(tx, { actor: user, tenantId: invitation.tenantId, action: 'member.joined', details });
      return invitation;
    });
    this.tenants.forget(row.tenantId);
    return { tenantId: row.tenantId, tenantName: row.tenantName, role: row.role };
  }

  /** The invitation behind a token while it can still be used; 410 for unknown, used, revoked or expired. */
  private async usable(tx: EntityManager, token: string, options: { lock?: boolean } = {}): Promise<InvitationRow> {
    const hash = invitationTokenHash(token);
    if (!hash) throw gone();
    const rows: InvitationRow[] = await tx.query(`${ROW} WHERE i."tokenHash" = $1${options.lock ? ' FOR UPDATE OF i' : ''}`, [hash]);
    const row = rows[0];
    if (!row || row.acceptedAt || row.revokedAt || row.expiresAt.getTime() <= Date.now()) throw gone();
    return row;
  }
}

function gone(): GoneException {
  return new GoneException(INVITATION_GONE_MESSAGE);
}

async function isMemberByEmail(tx: EntityManager, tenantId: string, email: string): Promise<boolean> {
  const rows: unknown[] = await tx.query(`SELECT 1 FROM "tenantMember" m JOIN "user" u ON u."id" = m."userId" WHERE m."tenantId" = $1 AND u."email" = $2`, [
    tenantId,
    email,
  ]);
  return rows.length > 0;
}

/** TypeORM's postgres driver answers UPDATE … RETURNING with [rows, count]. */
function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as T[];
}
