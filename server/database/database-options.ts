import type { DataSourceOptions } from 'typeorm';
import { User } from '../auth/user.entity';
import { Tenant } from '../tenant/tenant.entity';
import { TenantMember } from '../tenant/tenant-member.entity';
import { InitialSchema1732400000000 } from './migrations/1732400000000-initial-schema';
import { TenantOdooPublicUrl1733000000000 } from './migrations/1733000000000-tenant-odoo-public-url';
import { TenantUpdatedAtOnEveryChange1733100000000 } from './migrations/1733100000000-tenant-updated-at-on-every-change';
import { AuthChangeNotifications1733200000000 } from './migrations/1733200000000-auth-change-notifications';
import { KpiSample1733300000000 } from './migrations/1733300000000-kpi-sample';
import { Workspaces1733400000000 } from './migrations/1733400000000-workspaces';
import { LastCheckIsNotASetting1733500000000 } from './migrations/1733500000000-last-check-is-not-a-setting';

const ENTITIES = [User, Tenant, TenantMember];
export const MIGRATIONS = [
  InitialSchema1732400000000,
  TenantOdooPublicUrl1733000000000,
  TenantUpdatedAtOnEveryChange1733100000000,
  AuthChangeNotifications1733200000000,
  KpiSample1733300000000,
  Workspaces1733400000000,
  LastCheckIsNotASetting1733500000000,
];

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
