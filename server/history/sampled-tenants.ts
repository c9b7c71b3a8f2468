import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SecretBox } from '../common/secret-box';
import { AppConfig } from '../config/app-config';
import type { TenantContext } from '../tenant/tenant-context';
import { Tenant } from '../tenant/tenant.entity';
import { tenantContextOf } from '../tenant/tenant-odoo-settings';

/**
 * The tenants the scheduled sampler reads. No request names them, so no guard resolves them: they
 * are read here, as the tenant guard would see them.
 */
@Injectable()
export class SampledTenants {
  private readonly secrets: SecretBox;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    config: AppConfig,
  ) {
    this.secrets = new SecretBox(config.secretsKey);
  }

  async activeIds(): Promise<string[]> {
    const rows = await this.db.getRepository(Tenant).find({ select: { id: true }, where: { isActive: true }, order: { id: 'ASC' } });
    return rows.map((row) => row.id);
  }

  /** The tenant as a company view is built for it; null once it is gone or inactive. */
  async active(tenantId: string): Promise<TenantContext | null> {
    const row = await this.db.getRepository(Tenant).findOneBy({ id: tenantId, isActive: true });
    // Built as the tenant guard builds it: the sampler must find the entries requests left in the cache.
    return row ? tenantContextOf(row, this.secrets) : null;
  }
}
