import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Subscription } from 'rxjs';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { SecretBox } from '../common/secret-box';
import type { CurrentTenantResponse, TenantMembershipDto, TenantRole } from '../contracts/tenant';
import { Tenant } from './tenant.entity';
import { TenantMember } from './tenant-member.entity';
import { TenantAccessCache, type CachedTenant } from './tenant-access-cache';
import type { TenantContext } from './tenant-context';
import { isUuid, tenantErrors } from './tenant-errors';
import { type TenantChange, TenantEvents } from './tenant-events';
import { tenantContextOf } from './tenant-odoo-settings';

/** A signed-in user's standing in one tenant, as the guards resolved it. */
export interface Membership {
  tenant: TenantContext;
  role: TenantRole;
  isActive: boolean;
}

/** Tenants and memberships as the API sees them; access checks are answered from memory when possible. */
@Injectable()
export class TenantService implements OnModuleDestroy {
  private readonly cache = new TenantAccessCache();
  private readonly secrets: SecretBox;
  private readonly subscription: Subscription;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    config: AppConfig,
    private readonly events: TenantEvents,
  ) {
    this.secrets = new SecretBox(config.secretsKey);
    this.subscription = events.changes$.subscribe((change) => this.hear(change));
  }

  onModuleDestroy(): void {
    this.subscription.unsubscribe();
  }

  /** Drops what a change may have made wrong: one member's role, one tenant, or everything. */
  private hear(change: TenantChange): void {
    if (!change.tenantId) this.cache.clear();
    else if (change.userId) this.cache.forgetRole(change.userId, change.tenantId);
    else this.cache.forgetTenant(change.tenantId);
  }

  /** The tenant guard's decision, in the access matrix's order (the session was checked before). */
  async authorize(userId: string, rawTenantId: string | string[] | undefined): Promise<TenantContext> {
    if (rawTenantId === undefined || rawTenantId === '') throw tenantErrors.headerRequired();
    return (await this.membership(userId, rawTenantId)).tenant;
  }

  /**
   * The same rows of the access matrix for a tenant id taken from the path, with the member's role.
   * `allowInactive`: an inactive tenant passes (leaving one must stay possible).
   */
  async membership(userId: string, rawTenantId: string | string[], options: { allowInactive?: boolean } = {}): Promise<Membership> {
    // A repeated header arrives as an array: not one tenant id.
    if (typeof rawTenantId !== 'string' || !isUuid(rawTenantId)) throw tenantErrors.invalidId();
    // One spelling per tenant: cache entries are keyed, and evicted, by the canonical (lower-case) id.
    const found = await this.findTenant(rawTenantId.toLowerCase());
    if (!found) throw tenantErrors.invalidId();
    const { context: tenant, isActive } = found;
    const role = isActive || options.allowInactive ? await this.roleOf(userId, tenant.tenantId) : 'none';
    // Past an inactive tenant go only its own members, and only where allowed; everyone else hears it is inactive, as in the matrix.
    if (!isActive && (role === 'none' || !options.allowInactive)) throw tenantErrors.inactive();
    if (role === 'none') throw tenantErrors.notMember();
    return { tenant, role, isActive };
  }

  /** Drops what this instance remembers of a tenant now, ahead of the change notification. */
  forget(tenantId: string): void {
    this.cache.forgetTenant(tenantId);
  }

  async current(userId: string): Promise<CurrentTenantResponse> {
    const membership = await this.db.getRepository(TenantMember).findOne({
      where: { userId, isDefault: true },
      relations: { tenant: true },
    });
    const tenant = membership?.tenant;
    if (!tenant) return { tenantId: null, tenantName: null, error: null };
    return {
      tenantId: tenant.id,
      tenantName: tenant.name,
      error: tenant.isActive ? null : `Tenant "${tenant.name}" is inactive`,
    };
  }

  async list(userId: string): Promise<TenantMembershipDto[]> {
    const memberships = await this.db.getRepository(TenantMember).find({
      where: { userId },
      relations: { tenant: true },
      order: { tenant: { name: 'ASC' } },
    });
    return memberships.map((m) => ({
      tenantId: m.tenantId,
      tenantName: m.tenant!.name,
      isActive: m.tenant!.isActive,
      isDefault: m.isDefault,
      role: m.role,
    }));
  }

  /** Makes `tenantId` the user's default; refused exactly as the tenant guard would refuse it. */
  async switchDefault(userId: string, tenantId: unknown): Promise<CurrentTenantResponse> {
    if (tenantId === undefined || tenantId === null || tenantId === '') throw tenantErrors.bodyIdRequired();
    await this.authorize(userId, typeof tenantId === 'string' ? tenantId : 'invalid');
    await this.db.transaction(async (tx) => {
      // One switch at a time per user: two at once would both clear the old default and then
      // collide on the one-default-per-user index.
      await tx.query('SELECT 1 FROM "tenantMember" WHERE "userId" = $1 FOR UPDATE', [userId]);
      await tx.update(TenantMember, { userId, isDefault: true }, { isDefault: false });
      await tx.update(TenantMember, { userId, tenantId }, { isDefault: true });
    });
    return this.current(userId);
  }

  private async findTenant(id: string): Promise<CachedTenant | null> {
    const cached = this.cache.getTenant(id);
    if (cached !== undefined) return cached === 'missing' ? null : cached;
    const readAt = this.cache.generation;
    const row = await this.db.getRepository(Tenant).findOneBy({ id });
    const tenant = row ? { context: tenantContextOf(row, this.secrets), isActive: row.isActive } : null;
    this.cache.setTenant(id, tenant, readAt);
    return tenant;
  }

  private async roleOf(userId: string, tenantId: string): Promise<TenantRole | 'none'> {
    const cached = this.cache.role(userId, tenantId);
    if (cached !== undefined) return cached;
    const readAt = this.cache.generation;
    const member = await this.db.getRepository(TenantMember).findOne({ select: { role: true }, where: { userId, tenantId } });
    const role = member?.role ?? 'none';
    this.cache.setRole(userId, tenantId, role, readAt);
    return role;
  }
}
