import type { EntityManager } from 'typeorm';
import type { TenantRole } from '../contracts/tenant';
import type { OdooTransport } from '../odoo/odoo-connection';
import { SecretBox } from '../common/secret-box';
import { Tenant } from './tenant.entity';
import { TenantMember } from './tenant-member.entity';
import { isUuid } from './tenant-errors';

// Tenant administration outside HTTP (admin CLI, demo seed). Each function runs inside the
// caller's transaction; the table triggers tell running servers about every change.

export class TenantAdminError extends Error {}

export async function createTenant(
  tx: EntityManager,
  input: { name: string; isActive?: boolean; timeZone?: string; lang?: string; odooDatabase?: string | null },
): Promise<Tenant> {
  const name = input.name.trim();
  if (!name) throw new TenantAdminError('Tenant name must not be empty');
  if (input.timeZone) assertTimeZone(input.timeZone);
  return tx.save(
    tx.create(Tenant, {
      name,
      isActive: input.isActive ?? true,
      timeZone: input.timeZone ?? 'UTC',
      lang: input.lang ?? 'en_US',
      odooDatabase: input.odooDatabase ?? null,
    }),
  );
}

export async function findTenant(tx: EntityManager, id: string): Promise<Tenant> {
  if (!isUuid(id)) throw new TenantAdminError(`"${id}" is not a valid tenant id (expected a UUID)`);
  const tenant = await tx.findOneBy(Tenant, { id });
  if (!tenant) throw new TenantAdminError(`No tenant with id ${id}`);
  return tenant;
}

export async function updateTenant(
  tx: EntityManager,
  id: string,
  changes: Partial<Pick<Tenant, 'isActive' | 'timeZone' | 'lang' | 'name'>>,
): Promise<Tenant> {
  const tenant = await findTenant(tx, id);
  if (changes.timeZone) assertTimeZone(changes.timeZone);
  if (changes.lang !== undefined && !/^[a-z]{2,3}(_[A-Z]{2})?(@\w+)?$/.test(changes.lang)) {
    throw new TenantAdminError(`"${changes.lang}" is not an Odoo language code (e.g. en_US, fr_FR)`);
  }
  Object.assign(tenant, changes);
  return tx.save(tenant);
}

export interface OdooSettingsInput {
  url: string;
  database: string;
  login: string;
  secret: string;
  transport: OdooTransport;
  companyIds: number[] | null;
}

export async function setTenantOdoo(tx: EntityManager, box: SecretBox, id: string, input: OdooSettingsInput): Promise<Tenant> {
  const tenant = await findTenant(tx, id);
  try {
    const url = new URL(input.url);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error();
  } catch {
    throw new TenantAdminError(`"${input.url}" is not an http(s) URL`);
  }
  if (!input.database || !input.login || !input.secret) throw new TenantAdminError('Database, login and secret are all required');
  Object.assign(tenant, {
    odooUrl: input.url,
    odooDatabase: input.database,
    odooLogin: input.login,
    odooSecret: box.seal(input.secret),
    odooTransport: input.transport,
    odooCompanyIds: input.companyIds,
    odooLastCheck: null,
  });
  return tx.save(tenant);
}

export async function addMember(
  tx: EntityManager,
  input: { userId: string; tenantId: string; isDefault?: boolean; role?: TenantRole },
): Promise<TenantMember> {
  await findTenant(tx, input.tenantId);
  const existing = await tx.findOneBy(TenantMember, { userId: input.userId, tenantId: input.tenantId });
  if (existing) throw new TenantAdminError('That user is already a member of this tenant');
  if (input.isDefault) await tx.update(TenantMember, { userId: input.userId, isDefault: true }, { isDefault: false });
  return tx.save(
    tx.create(TenantMember, {
      userId: input.userId,
      tenantId: input.tenantId,
      isDefault: input.isDefault ?? false,
      role: input.role ?? 'member',
    }),
  );
}

export async function removeMember(tx: EntityManager, userId: string, tenantId: string): Promise<void> {
  await findTenant(tx, tenantId);
  const result = await tx.delete(TenantMember, { userId, tenantId });
  if (!result.affected) throw new TenantAdminError('That user is not a member of this tenant');
}

export function assertTimeZone(zone: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    throw new TenantAdminError(`"${zone}" is not an IANA time zone (e.g. Europe/Paris)`);
  }
}

export const TENANT_ROLES: readonly TenantRole[] = ['owner', 'admin', 'member'];
