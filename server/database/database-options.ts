import type { DataSourceOptions } from 'typeorm';
import { User } from '../auth/user.entity';
import { Tenant } from '../tenant/tenant.entity';
import { TenantMember } from '../tenant/tenant-member.entity';
import { InitialSchema1732400000000 } from './migrations/1732400000000-initial-schema';

export const ENTITIES = [User, Tenant, TenantMember];
export const MIGRATIONS = [InitialSchema1732400000000];

/** TypeORM options shared by the app, the admin CLI and ormconfig.ts. Migrations own the schema. */
export function dataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    // Fail fast when the database is gone instead of queueing requests for minutes.
    extra: { max: 10, connectionTimeoutMillis: 3000, query_timeout: 10000, idleTimeoutMillis: 30000 },
  };
}
