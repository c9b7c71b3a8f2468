import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Subscription } from 'rxjs';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { SecretBox } from '../common/secret-box';
import type { CurrentTenantResponse, TenantMembershipDto } from '../contracts/tenant';
import { Tenant } from './tenant.entity';
import { TenantMember } from './tenant-member.entity';
import { TenantAccessCache, type CachedTenant } from './tenant-access-cache';
import type { TenantContext } from './tenant-context';
import { isUuid, tenantErrors } from './tenant-errors';
import { TenantEvents } from './tenant-events';

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
    this.subscription = events.changes$.subscribe((change) =>
      change.tenantId ? this.cache.forgetTenant(change.tenantId) : this.cache.clear(),
    );
  }

  onModuleDestroy(): void {
    this.subscription.unsubscribe();
  }

  /** The tenant guard's decision, in the access matrix's order (the session was checked before). */
  async authorize(userId: string, rawTenantId: string | string[] | undefined): Promise<TenantContext> {
    if (rawTenantId === undefined || rawTenantId === '') throw tenantErrors.headerRequired();
    if (!isUuid(rawTenantId)) throw tenantErrors.invalidId();
    // One spelling per tenant: cache entries are keyed, and evicted, by the canonical (lower-case) id.
    const tenant = await this.findTenant(rawTenantId.toLowerCase());
    if (!tenant) throw tenantErrors.invalidId();
    if (!tenant.isActive) throw tenantErrors.inactive();
    if (!(await this.isMember(userId, tenant.id))) throw tenantErrors.notMember();
    return { tenantId: tenant.id, name: tenant.name, timeZone: tenant.timeZone, lang: tenant.lang, odoo: tenant.odoo };
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
    const tenant = row ? this.toCached(row) : null;
    this.cache.setTenant(id, tenant, readAt);
    return tenant;
  }

  private async isMember(userId: string, tenantId: string): Promise<boolean> {
    const cached = this.cache.isMember(userId, tenantId);
    if (cached !== undefined) return cached;
    const readAt = this.cache.generation;
    const member = await this.db.getRepository(TenantMember).existsBy({ userId, tenantId });
    this.cache.setMember(userId, tenantId, member, readAt);
    return member;
  }

  private toCached(row: Tenant): CachedTenant {
    return {
      id: row.id,
      name: row.name,
      isActive: row.isActive,
      timeZone: row.timeZone,
      lang: row.lang,
      odoo: {
        url: row.odooUrl,
        database: row.odooDatabase,
        login: row.odooLogin,
        secret: row.odooSecret ? this.secrets.open(row.odooSecret) : null,
        transport: row.odooTransport,
        companyIds: row.odooCompanyIds,
      },
    };
  }
}
